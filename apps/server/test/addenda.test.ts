/**
 * Tenant addenda: a partner admin drafts the tenant's own text below the operator's policy (guarded
 * by its revision), asks for approval, and compliance or an operator admin approves it (publishing
 * it, now or scheduled) or rejects it back to draft with a reason. The approver must be another
 * person than whoever wrote or submitted it. Partners never approve, and see only their own tenant.
 * The demo seed gives Northwave a published privacy addendum (version 1).
 */
import { createHash } from "node:crypto";
import { auditEvents, policyAddendumVersions } from "@pc/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditMark, clientErrorFrom, codeOf, errorOf } from "./expect-code.js";
import { type Client, createHarness, type Harness } from "./harness.js";

let h: Harness;
/** admin@northwave.test (partner_admin). */
let admin: Client;
/** viewer@northwave.test (partner_viewer). */
let viewer: Client;
/** admin@fjordsound.test (partner_admin of another tenant). */
let fjordsound: Client;
/** compliance@masterchannel.test: approves. */
let compliance: Client;
/** admin@masterchannel.test (operator_admin), switched to Northwave: may write an addendum and approve others'. */
let operator: Client;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.as("admin@northwave.test");
  viewer = await h.as("viewer@northwave.test");
  fjordsound = await h.as("admin@fjordsound.test");
  compliance = await h.as("compliance@masterchannel.test");
  operator = await h.as("admin@masterchannel.test");
  await operator.caller.auth.switchTenant({ tenantId: h.tenantIds.northwave });
});
afterAll(() => h.close());

const NEWSLETTER = `## {{partner.name}} Newsletter

{{partner.legalName}} sends its newsletter only to those who ask for it. Write to {{partner.supportEmail}} to stop it.
`;

/** Each test starts with no open Northwave privacy draft (one left open by a failing test is discarded). */
async function withoutOpenDraft(client: Client = admin) {
  const { open } = await client.caller.addenda.get({ kind: "privacy" });
  if (open) await client.caller.addenda.discardDraft({ kind: "privacy", expectedRevision: open.revision });
}

/** A Northwave privacy draft saved and submitted by `author`; answers its revision, waiting for approval. */
async function submitted(author: Client, markdown = NEWSLETTER, changeSummary = "Adds the newsletter section") {
  await withoutOpenDraft(author);
  const draft = await author.caller.addenda.saveDraft({ kind: "privacy", markdown, changeSummary });
  const pending = await author.caller.addenda.requestApproval({ kind: "privacy", expectedRevision: draft.revision });
  return pending.revision;
}

const northwaveRows = () => h.db.db.select().from(policyAddendumVersions).where(eq(policyAddendumVersions.tenantId, h.tenantIds.northwave));

describe("addendum lifecycle", () => {
  it("starts from the seeded version 1, drafts, asks for approval, and is published by compliance as version 2", async () => {
    await withoutOpenDraft();
    const start = await admin.caller.addenda.get({ kind: "privacy" });
    expect(start.inForce).toMatchObject({ version: 1, status: "published", state: "in_force" });
    expect(start.inForce?.approvedBy).toEqual({ name: "Conrad Aas", email: "compliance@masterchannel.test" });
    expect(start.open).toBeNull();
    const firstVersion = start.history.at(-1);
    expect(firstVersion?.version).toBe(1);

    const mark = await auditMark(h);
    const draft = await admin.caller.addenda.saveDraft({
      kind: "privacy",
      markdown: NEWSLETTER,
      changeSummary: "Adds the newsletter section",
    });
    expect(draft).toMatchObject({ status: "draft", version: null, revision: 1, markdown: NEWSLETTER, sha256: null, state: null });
    expect(draft.createdBy).toEqual({ name: "Nora Berg", email: "admin@northwave.test" });
    expect(Object.keys(draft)).not.toContain("tenantId");

    // A second save must name the revision it started from.
    expect(await codeOf(admin.caller.addenda.saveDraft({ kind: "privacy", markdown: "x", changeSummary: "x" }))).toBe("CONFLICT");
    expect(await codeOf(admin.caller.addenda.saveDraft({ kind: "privacy", markdown: "x", changeSummary: "x", expectedRevision: 7 }))).toBe(
      "CONFLICT",
    );
    const edited = await admin.caller.addenda.saveDraft({
      kind: "privacy",
      markdown: `${NEWSLETTER}\nSee you soon.\n`,
      changeSummary: "Adds the newsletter section",
      expectedRevision: 1,
    });
    expect(edited.revision).toBe(2);

    const pending = await admin.caller.addenda.requestApproval({ kind: "privacy", expectedRevision: 2 });
    expect(pending).toMatchObject({ status: "pending_approval", revision: 3 });
    expect(pending.approvalRequestedBy?.email).toBe("admin@northwave.test");
    expect(await codeOf(admin.caller.addenda.requestApproval({ kind: "privacy", expectedRevision: 3 }))).toBe("PRECONDITION_FAILED");

    const queue = await compliance.caller.addenda.pending();
    const entry = queue.find((item) => item.tenant.id === h.tenantIds.northwave);
    expect(entry).toMatchObject({
      tenant: { slug: "northwave", name: "Northwave" },
      kind: "privacy",
      revision: 3,
      changeSummary: "Adds the newsletter section",
      author: { email: "admin@northwave.test" },
      requestedBy: { name: "Nora Berg", email: "admin@northwave.test" },
      inForce: { version: 1 },
    });
    expect(entry?.requestedAt).toBeInstanceOf(Date);

    const published = await compliance.caller.addenda.approve({ tenantId: h.tenantIds.northwave, kind: "privacy", expectedRevision: 3 });
    expect(published).toMatchObject({ status: "published", version: 2, state: "in_force" });
    expect(published.sha256).toBe(createHash("sha256").update(`${NEWSLETTER}\nSee you soon.\n`, "utf8").digest("hex"));
    expect(published.approvedBy?.email).toBe("compliance@masterchannel.test");
    expect(published.publishedBy?.email).toBe("compliance@masterchannel.test");
    expect(published.effectiveFrom?.getTime()).toBeLessThanOrEqual(Date.now());

    const after = await viewer.caller.addenda.get({ kind: "privacy" });
    expect(after.inForce).toMatchObject({ version: 2, state: "in_force" });
    expect(after.open).toBeNull();
    expect(after.history.map((entry) => [entry.version, entry.state])).toEqual([
      [2, "in_force"],
      [1, "superseded"],
    ]);
    expect((await compliance.caller.addenda.pending()).some((item) => item.tenant.id === h.tenantIds.northwave)).toBe(false);

    const events = await mark.events();
    expect(events.map((event) => [event.action, event.actorLabel, event.tenantId])).toEqual([
      ["addenda.save_draft", "admin@northwave.test", h.tenantIds.northwave],
      ["addenda.save_draft", "admin@northwave.test", h.tenantIds.northwave],
      ["addenda.request_approval", "admin@northwave.test", h.tenantIds.northwave],
      ["addenda.approve", "compliance@masterchannel.test", h.tenantIds.northwave],
    ]);
    expect(events[0]?.before).toBeNull();
    expect(events[3]?.after).toMatchObject({ status: "published", version: 2, sha256: published.sha256 });
  });

  it("shows the published addendum in the tenant's rendered policy, below a horizontal rule, with the tenant's values", async () => {
    const rendered = await viewer.caller.addenda.rendered({ kind: "privacy" });
    expect(rendered).toMatchObject({ kind: "privacy", version: "2.0", addendumVersion: 2, title: "Privacy Policy" });
    expect(rendered.markdown).toContain("\n\n---\n\n## Northwave Records Newsletter");
    expect(rendered.markdown).toContain("Northwave Records AS sends its newsletter");
    expect(rendered.markdown).not.toContain("{{");
    expect(rendered.sha256).toBe(createHash("sha256").update(rendered.markdown, "utf8").digest("hex"));
    expect(rendered.html).toContain("<hr>");
    expect(rendered.html).toMatch(/<h2 id="section-northwave-records-newsletter">Northwave Records Newsletter<\/h2>/);
    expect(rendered.purposes.map((purpose) => purpose.key)).toContain("product_analytics");
    // An earlier template version as it was shown; an unknown one is not found.
    expect((await viewer.caller.addenda.rendered({ kind: "privacy", version: "1.0" })).version).toBe("1.0");
    expect(await codeOf(viewer.caller.addenda.rendered({ kind: "privacy", version: "9.9" }))).toBe("NOT_FOUND");
    expect(await codeOf(viewer.caller.addenda.rendered({ kind: "privacy", version: "v1" }))).toBe("BAD_REQUEST");
  });

  it("rejects back to draft with a reason the partner sees until it is submitted again", async () => {
    const revision = await submitted(admin);
    const mark = await auditMark(h);
    expect(
      await codeOf(
        compliance.caller.addenda.reject({ tenantId: h.tenantIds.northwave, kind: "privacy", expectedRevision: revision, reason: " " }),
      ),
    ).toBe("BAD_REQUEST");
    const rejected = await compliance.caller.addenda.reject({
      tenantId: h.tenantIds.northwave,
      kind: "privacy",
      expectedRevision: revision,
      reason: "Name the newsletter provider",
    });
    expect(rejected).toMatchObject({ status: "draft", revision: revision + 1, approvalRequestedBy: null, approvalRequestedAt: null });
    const seen = await admin.caller.addenda.get({ kind: "privacy" });
    expect(seen.open?.status).toBe("draft");
    expect(seen.lastRejection).toMatchObject({ reason: "Name the newsletter provider", by: "compliance@masterchannel.test" });
    expect(seen.inForce?.version).toBe(2);
    // The rejected text cannot be approved any more.
    expect(
      await codeOf(compliance.caller.addenda.approve({ tenantId: h.tenantIds.northwave, kind: "privacy", expectedRevision: revision + 1 })),
    ).toBe("NOT_FOUND");

    await admin.caller.addenda.requestApproval({ kind: "privacy", expectedRevision: revision + 1 });
    expect((await admin.caller.addenda.get({ kind: "privacy" })).lastRejection).toBeNull();
    const events = await mark.events();
    expect(events.map((event) => event.action)).toEqual(["addenda.reject", "addenda.request_approval"]);
    expect(events[0]?.after).toMatchObject({ status: "draft", rejectionReason: "Name the newsletter provider" });
  });

  it("discards the open draft (or a request waiting), once, and audits it", async () => {
    await withoutOpenDraft();
    const draft = await admin.caller.addenda.saveDraft({ kind: "privacy", markdown: "Short-lived.", changeSummary: "Try" });
    const mark = await auditMark(h);
    expect(await codeOf(admin.caller.addenda.discardDraft({ kind: "privacy", expectedRevision: draft.revision + 1 }))).toBe("CONFLICT");
    expect(await admin.caller.addenda.discardDraft({ kind: "privacy", expectedRevision: draft.revision })).toEqual({ ok: true });
    expect(await codeOf(admin.caller.addenda.discardDraft({ kind: "privacy", expectedRevision: draft.revision }))).toBe("NOT_FOUND");
    expect((await admin.caller.addenda.get({ kind: "privacy" })).open).toBeNull();
    const events = await mark.events();
    expect(events.map((event) => [event.action, event.targetId])).toEqual([["addenda.discard_draft", draft.id]]);
    expect(events[0]?.after).toBeNull();
  });

  it("takes a version waiting for approval back to draft when it is saved again, so an approver never approves unseen text", async () => {
    const revision = await submitted(admin);
    const saved = await admin.caller.addenda.saveDraft({
      kind: "privacy",
      markdown: `${NEWSLETTER}\nChanged after submitting.\n`,
      changeSummary: "Adds the newsletter section",
      expectedRevision: revision,
    });
    expect(saved).toMatchObject({ status: "draft", revision: revision + 1, approvalRequestedBy: null });
    // The reviewer's revision is stale, and the current one is a draft again.
    expect(
      await codeOf(compliance.caller.addenda.approve({ tenantId: h.tenantIds.northwave, kind: "privacy", expectedRevision: revision })),
    ).toBe("CONFLICT");
    expect(
      await codeOf(compliance.caller.addenda.approve({ tenantId: h.tenantIds.northwave, kind: "privacy", expectedRevision: revision + 1 })),
    ).toBe("NOT_FOUND");
    await admin.caller.addenda.requestApproval({ kind: "privacy", expectedRevision: saved.revision });
    // The reviewer holds an older revision: refused, nothing published.
    expect(
      await codeOf(
        compliance.caller.addenda.approve({ tenantId: h.tenantIds.northwave, kind: "privacy", expectedRevision: saved.revision }),
      ),
    ).toBe("CONFLICT");
    expect((await admin.caller.addenda.get({ kind: "privacy" })).inForce?.version).toBe(2);
    await withoutOpenDraft();
  });
});

describe("approval by another person", () => {
  it("refuses the operator admin approving an addendum they wrote and submitted; compliance may", async () => {
    await withoutOpenDraft();
    const revision = await submitted(operator, "## Written by staff\n", "Staff wording");
    const before = await northwaveRows();
    const mark = await auditMark(h);
    const refused = await clientErrorFrom(
      operator.caller.addenda.approve({ tenantId: h.tenantIds.northwave, kind: "privacy", expectedRevision: revision }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toBe("You wrote or submitted this addendum; another person must approve it");
    expect(await northwaveRows()).toEqual(before);
    expect(await mark.events()).toEqual([]);
    const published = await compliance.caller.addenda.approve({
      tenantId: h.tenantIds.northwave,
      kind: "privacy",
      expectedRevision: revision,
    });
    expect(published.status).toBe("published");
    expect(published.createdBy?.email).toBe("admin@masterchannel.test");
    expect(published.approvedBy?.email).toBe("compliance@masterchannel.test");
  });

  it("refuses an approver who edited the draft even though someone else submitted it", async () => {
    await withoutOpenDraft();
    const draft = await admin.caller.addenda.saveDraft({ kind: "privacy", markdown: "## One\n", changeSummary: "One" });
    const edited = await operator.caller.addenda.saveDraft({
      kind: "privacy",
      markdown: "## One, reworded by staff\n",
      changeSummary: "One",
      expectedRevision: draft.revision,
    });
    const pending = await admin.caller.addenda.requestApproval({ kind: "privacy", expectedRevision: edited.revision });
    expect(
      await codeOf(
        operator.caller.addenda.approve({ tenantId: h.tenantIds.northwave, kind: "privacy", expectedRevision: pending.revision }),
      ),
    ).toBe("FORBIDDEN");
    await withoutOpenDraft();
  });
});

describe("tenant isolation and roles", () => {
  it("shows another tenant's admin only its own addenda and rendered policy", async () => {
    const own = await fjordsound.caller.addenda.get({ kind: "privacy" });
    expect(own).toMatchObject({ kind: "privacy", inForce: null, open: null, history: [], scheduled: [] });
    const rendered = await fjordsound.caller.addenda.rendered({ kind: "privacy" });
    expect(rendered.addendumVersion).toBeNull();
    expect(rendered.markdown).toContain("Fjordsound Studio AS");
    expect(rendered.markdown.toLowerCase()).not.toContain("northwave");
    // Its drafts stay its own: Northwave's view does not change.
    const draft = await fjordsound.caller.addenda.saveDraft({ kind: "terms", markdown: "## Fjordsound terms\n", changeSummary: "Ours" });
    expect((await admin.caller.addenda.get({ kind: "terms" })).open).toBeNull();
    const [row] = await h.db.db.select().from(policyAddendumVersions).where(eq(policyAddendumVersions.id, draft.id));
    expect(row?.tenantId).toBe(h.tenantIds.fjordsound);
    await fjordsound.caller.addenda.discardDraft({ kind: "terms", expectedRevision: draft.revision });
  });

  it("never lets a partner approve, reject or list what waits for approval, on any tenant", async () => {
    const revision = await submitted(admin, "## Waiting\n");
    for (const partner of [fjordsound, admin, viewer]) {
      for (const tenantId of [h.tenantIds.northwave, h.tenantIds.fjordsound]) {
        expect(await codeOf(partner.caller.addenda.approve({ tenantId, kind: "privacy", expectedRevision: revision }))).toBe("FORBIDDEN");
        expect(await codeOf(partner.caller.addenda.reject({ tenantId, kind: "privacy", expectedRevision: revision, reason: "no" }))).toBe(
          "FORBIDDEN",
        );
      }
      expect(await codeOf(partner.caller.addenda.pending())).toBe("FORBIDDEN");
    }
    const finance = await h.as("finance@masterchannel.test");
    expect(await codeOf(finance.caller.addenda.pending())).toBe("FORBIDDEN");
    expect((await admin.caller.addenda.get({ kind: "privacy" })).open).toMatchObject({ status: "pending_approval", revision });
    await withoutOpenDraft();
  });

  it("lets a viewer read but not edit, and compliance approve but not write an addendum", async () => {
    expect(await codeOf(viewer.caller.addenda.get({ kind: "privacy" }))).toBe("OK");
    expect(await codeOf(viewer.caller.addenda.saveDraft({ kind: "privacy", markdown: "x", changeSummary: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.caller.addenda.requestApproval({ kind: "privacy", expectedRevision: 1 }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.caller.addenda.discardDraft({ kind: "privacy", expectedRevision: 1 }))).toBe("FORBIDDEN");
    await compliance.caller.auth.switchTenant({ tenantId: h.tenantIds.northwave });
    expect(await codeOf(compliance.caller.addenda.saveDraft({ kind: "privacy", markdown: "x", changeSummary: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(compliance.caller.addenda.get({ kind: "privacy" }))).toBe("OK");
  });

  it("answers an approval for a tenant with nothing waiting, or an unknown tenant, with NOT_FOUND", async () => {
    await withoutOpenDraft();
    expect(await codeOf(compliance.caller.addenda.approve({ tenantId: h.tenantIds.beatlab, kind: "privacy", expectedRevision: 1 }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await codeOf(
        compliance.caller.addenda.approve({ tenantId: "00000000-0000-4000-8000-000000000000", kind: "privacy", expectedRevision: 1 }),
      ),
    ).toBe("NOT_FOUND");
  });
});

describe("bad input", () => {
  it("refuses unknown variables, naming each, and saves nothing", async () => {
    await withoutOpenDraft();
    const mark = await auditMark(h);
    const error = await clientErrorFrom(
      admin.caller.addenda.saveDraft({
        kind: "privacy",
        markdown: "Contact {{partner.phone}} or {{ tenant.owner }}; {{partner.name}} is fine.",
        changeSummary: "Bad variables",
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors?.markdown?.[0]).toMatch(
      /^Unknown variables \{\{partner\.phone\}\}, \{\{tenant\.owner\}\}; the variables are \{\{partner\.name\}\}/,
    );
    expect((await admin.caller.addenda.get({ kind: "privacy" })).open).toBeNull();
    expect(await mark.events()).toEqual([]);
  });

  it("refuses an unknown kind, an empty change summary and an over-long text", async () => {
    expect(await codeOf(admin.caller.addenda.get({ kind: "cookies" as "privacy" }))).toBe("BAD_REQUEST");
    const summary = await clientErrorFrom(admin.caller.addenda.saveDraft({ kind: "privacy", markdown: "x", changeSummary: "  " }));
    expect(summary.fieldErrors?.changeSummary).toEqual(["Say in a few words what changed"]);
    expect(await codeOf(admin.caller.addenda.saveDraft({ kind: "privacy", markdown: "x".repeat(20_001), changeSummary: "Long" }))).toBe(
      "BAD_REQUEST",
    );
    const rows = await h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "addenda.save_draft"), eq(auditEvents.actorLabel, "admin@northwave.test")));
    expect(rows.every((row) => (row.after as { changeSummary?: string } | null)?.changeSummary !== "Long")).toBe(true);
  });

  it("refuses a NUL character (which PostgreSQL cannot store) in the text, summary or reason with BAD_REQUEST naming the field, not a 500", async () => {
    await withoutOpenDraft();
    const mark = await auditMark(h);
    const text = await clientErrorFrom(admin.caller.addenda.saveDraft({ kind: "privacy", markdown: "a\u0000b", changeSummary: "NUL" }));
    expect(text.code).toBe("BAD_REQUEST");
    expect(text.fieldErrors?.markdown).toEqual(["The addendum text cannot contain NUL characters"]);
    const summary = await clientErrorFrom(admin.caller.addenda.saveDraft({ kind: "privacy", markdown: "ab", changeSummary: "N\u0000" }));
    expect(summary.fieldErrors?.changeSummary).toEqual(["The summary cannot contain NUL characters"]);
    const reason = await clientErrorFrom(
      compliance.caller.addenda.reject({ tenantId: h.tenantIds.northwave, kind: "privacy", expectedRevision: 1, reason: "no\u0000" }),
    );
    expect(reason.fieldErrors?.reason).toEqual(["The reason cannot contain NUL characters"]);
    expect((await admin.caller.addenda.get({ kind: "privacy" })).open).toBeNull();
    expect(await mark.events()).toEqual([]);
  });
});

describe("concurrent reviews", () => {
  const northwave = () => h.tenantIds.northwave;

  it("publishes once when two approvers approve at once: one version number, one audit event, the other told it moved on", async () => {
    const revision = await submitted(admin, "## Both approve\n");
    const before = (await northwaveRows()).filter((row) => row.status === "published").length;
    const mark = await auditMark(h);
    const outcomes = await Promise.all(
      [compliance, operator].map((approver) =>
        codeOf(approver.caller.addenda.approve({ tenantId: northwave(), kind: "privacy", expectedRevision: revision })),
      ),
    );
    expect(outcomes.filter((code) => code === "OK")).toHaveLength(1);
    expect(outcomes.filter((code) => code !== "OK")).toEqual([expect.stringMatching(/^(CONFLICT|NOT_FOUND)$/)]);
    const rows = await northwaveRows();
    expect(rows.filter((row) => row.status === "published")).toHaveLength(before + 1);
    expect(new Set(rows.flatMap((row) => (row.version === null ? [] : [row.version]))).size).toBe(before + 1);
    expect((await mark.events()).filter((event) => event.action === "addenda.approve")).toHaveLength(1);
  });

  it("never publishes text the approver did not see when the partner saves while it is approved", async () => {
    const revision = await submitted(admin, "## Seen by the approver\n");
    const [approved, saved] = await Promise.all([
      codeOf(compliance.caller.addenda.approve({ tenantId: northwave(), kind: "privacy", expectedRevision: revision })),
      codeOf(
        admin.caller.addenda.saveDraft({ kind: "privacy", markdown: "## Unseen\n", changeSummary: "Swap", expectedRevision: revision }),
      ),
    ]);
    expect([approved, saved].filter((code) => code === "OK")).toHaveLength(1);
    const published = (await northwaveRows()).filter((row) => row.status === "published");
    expect(published.map((row) => row.markdown)).not.toContain("## Unseen\n");
    await withoutOpenDraft();
  });

  it("either approves or rejects when both happen at once, never both", async () => {
    const revision = await submitted(admin, "## Approve or reject\n");
    const [approved, rejected] = await Promise.all([
      codeOf(compliance.caller.addenda.approve({ tenantId: northwave(), kind: "privacy", expectedRevision: revision })),
      codeOf(operator.caller.addenda.reject({ tenantId: northwave(), kind: "privacy", expectedRevision: revision, reason: "No" })),
    ]);
    expect([approved, rejected].filter((code) => code === "OK")).toHaveLength(1);
    const row = (await northwaveRows()).find((candidate) => candidate.markdown === "## Approve or reject\n");
    expect(row?.status).toBe(approved === "OK" ? "published" : "draft");
    await withoutOpenDraft();
  });
});

// Last: the version it schedules stays ahead, and refuses any publish before it.
describe("scheduling", () => {
  it("schedules an approved version for later, and refuses to publish another before it", async () => {
    const revision = await submitted(admin, "## Scheduled\n\nFrom next week.\n");
    const before = await admin.caller.addenda.get({ kind: "privacy" });
    const inForce = before.inForce?.version;
    const number = (before.history[0]?.version ?? 0) + 1;
    const at = new Date(Date.now() + 7 * 86_400_000);
    expect(
      (
        await clientErrorFrom(
          compliance.caller.addenda.approve({
            tenantId: h.tenantIds.northwave,
            kind: "privacy",
            expectedRevision: revision,
            effectiveFrom: new Date(Date.now() - 60_000),
          }),
        )
      ).fieldErrors,
    ).toEqual({ effectiveFrom: ["Effective from must be in the future; leave it out to publish now"] });
    const scheduled = await compliance.caller.addenda.approve({
      tenantId: h.tenantIds.northwave,
      kind: "privacy",
      expectedRevision: revision,
      effectiveFrom: at,
    });
    expect(scheduled).toMatchObject({ version: number, effectiveFrom: at, state: "scheduled" });
    const state = await admin.caller.addenda.get({ kind: "privacy" });
    expect(state.inForce?.version).toBe(inForce);
    expect(state.scheduled.map((entry) => [entry.version, entry.state])).toEqual([[number, "scheduled"]]);
    expect((await admin.caller.addenda.rendered({ kind: "privacy" })).addendumVersion).toBe(inForce);

    const next = await submitted(admin, "## Sooner\n");
    const error = await errorOf(
      compliance.caller.addenda.approve({ tenantId: h.tenantIds.northwave, kind: "privacy", expectedRevision: next }),
    );
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe(`Addendum version ${number} is scheduled for ${at.toISOString()}; schedule this one after it`);
    await withoutOpenDraft();
  });
});
