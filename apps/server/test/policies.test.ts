/**
 * The operator's policy templates: drafts guarded by their revision, a material change approved by
 * a second person before it is published, version numbers in sequence, purpose keys that keep their
 * meaning, scheduled versions, retirement, re-consent requirements for every tenant, and published
 * versions the database itself refuses to change. Whatever the demo seed already published, the
 * tests read the current numbers first and work from there.
 */
import { policyReconsentRequirements, policyVersions, tenants, withRlsContext } from "@pc/db";
import { refusalOf } from "@pc/db/testing";
import { type PolicyKind, type PolicyPurpose, parsePolicyVersion, policyContentSha256 } from "@pc/shared";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPolicyInForce, latestMaterialInForce } from "../src/routers/policies/policies.service.js";
import { auditMark, clientErrorFrom, codeOf, userIdOf } from "./expect-code.js";
import { type Client, createHarness, type Harness } from "./harness.js";

let h: Harness;
let compliance: Client;
let admin: Client;
let finance: Client;
let partnerAdmin: Client;
let partnerViewer: Client;

beforeAll(async () => {
  h = await createHarness();
  compliance = await h.as("compliance@masterchannel.test");
  admin = await h.as("admin@masterchannel.test");
  finance = await h.as("finance@masterchannel.test");
  partnerAdmin = await h.as("admin@northwave.test");
  partnerViewer = await h.as("viewer@northwave.test");
});
afterAll(() => h.close());

// ---------------------------------------------------------------------------------------------
// Helpers

const purpose = (key: string, overrides: Partial<PolicyPurpose> = {}): PolicyPurpose => ({
  key,
  name: `Test purpose ${key}`,
  description: "What this purpose does, in a sentence.",
  category: "functional",
  legalBasis: "6(1)(a)",
  vendor: { name: "Widget", legalEntity: "Widget AS" },
  transfer: { destination: "EEA (Norway)", mechanism: "Within the EEA" },
  retention: "12 months",
  optIn: true,
  ...overrides,
});

const FIRST_MARKDOWN =
  "# Privacy policy\n\n{{partner.name}} ({{partner.legalName}}) sells audio mastering powered by {{operator.name}}.\n\nWrite to {{partner.supportEmail}}.";

type Versions = Awaited<ReturnType<Client["caller"]["policies"]["versions"]>>;

const versionsOf = (kind: PolicyKind) => compliance.caller.policies.versions({ kind });

/** The numbers the next versions should get, read off the published list (numbers are never reused). */
function expectedNext(versions: Versions): { material: string; editorial: string } {
  const numbers = versions.map((v) => ({ ...(parsePolicyVersion(v.version) as { major: number; minor: number }), withdrawn: v.withdrawn }));
  if (numbers.length === 0) return { material: "1.0", editorial: "1.0" };
  const maxMajor = Math.max(...numbers.map((n) => n.major));
  const standing = numbers.filter((n) => !n.withdrawn).sort((a, b) => b.major - a.major || b.minor - a.minor);
  const base = standing[0];
  const editorial = base
    ? `${base.major}.${Math.max(...numbers.filter((n) => n.major === base.major).map((n) => n.minor)) + 1}`
    : `${maxMajor + 1}.0`;
  return { material: `${maxMajor + 1}.0`, editorial };
}

/** No open draft and nothing scheduled: the kind as a test expects to find it. */
async function settle(kind: PolicyKind) {
  const { draft } = await compliance.caller.policies.draft({ kind });
  if (draft) await compliance.caller.policies.discardDraft({ kind, expectedRevision: draft.revision });
  const document = (await compliance.caller.policies.documents()).find((d) => d.kind === kind);
  for (const scheduled of [...(document?.scheduled ?? [])].reverse())
    await compliance.caller.policies.retire({ kind, version: scheduled.version });
}

/** Content for a new draft: the newest standing version's, plus a paragraph naming `marker`, plus `extraPurposes`. */
async function contentFor(kind: PolicyKind, marker: string, extraPurposes: PolicyPurpose[] = []) {
  const { basis } = await compliance.caller.policies.draft({ kind });
  const purposes = [...(basis?.purposes ?? []).filter((p) => !extraPurposes.some((extra) => extra.key === p.key)), ...extraPurposes];
  return {
    kind,
    title: basis?.title ?? "Privacy policy",
    markdown: `${basis?.markdown ?? FIRST_MARKDOWN}\n\n## ${marker}\n\nA paragraph about ${marker} for {{partner.name}}.`,
    purposes,
  };
}

async function saveEditorial(client: Client, kind: PolicyKind, marker: string, extraPurposes: PolicyPurpose[] = []) {
  return client.caller.policies.saveDraft({
    ...(await contentFor(kind, marker, extraPurposes)),
    material: false,
    changeSummary: `Editorial: ${marker}`,
  });
}

async function publishEditorial(kind: PolicyKind, marker: string, extraPurposes: PolicyPurpose[] = [], effectiveFrom?: Date) {
  await settleDraft(kind);
  const draft = await saveEditorial(compliance, kind, marker, extraPurposes);
  return compliance.caller.policies.publish({ kind, expectedRevision: draft.revision, version: draft.nextVersion, effectiveFrom });
}

/** A material version written by compliance, approved by the operator admin, published by compliance. */
async function publishMaterial(kind: PolicyKind, marker: string, extraPurposes: PolicyPurpose[] = [], effectiveFrom?: Date) {
  await settleDraft(kind);
  const saved = await compliance.caller.policies.saveDraft({
    ...(await contentFor(kind, marker, extraPurposes)),
    material: true,
    changeSummary: `We now also ${marker}.`,
  });
  const requested = await compliance.caller.policies.requestApproval({ kind, expectedRevision: saved.revision });
  const approved = await admin.caller.policies.approve({ kind, expectedRevision: requested.revision });
  return compliance.caller.policies.publish({ kind, expectedRevision: approved.revision, version: approved.nextVersion, effectiveFrom });
}

async function settleDraft(kind: PolicyKind) {
  const { draft } = await compliance.caller.policies.draft({ kind });
  if (draft) await compliance.caller.policies.discardDraft({ kind, expectedRevision: draft.revision });
}

const documentOf = async (client: Client, kind: PolicyKind) => {
  const document = (await client.caller.policies.documents()).find((d) => d.kind === kind);
  if (!document) throw new Error(`no ${kind} document`);
  return document;
};

const rowOf = async (id: string) => {
  const [row] = await h.db.db.select().from(policyVersions).where(eq(policyVersions.id, id));
  if (!row) throw new Error(`no policy version ${id}`);
  return row;
};

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------

describe("editorial versions", () => {
  it("publishes an editorial draft without approval as the next minor version, with its hash and audit events", async () => {
    await settle("privacy");
    const before = await versionsOf("privacy");
    const expected = expectedNext(before).editorial;
    const audit = await auditMark(h);

    const draft = await saveEditorial(compliance, "privacy", "cookies explained", [purpose("t_editorial")]);
    expect(draft).toMatchObject({
      kind: "privacy",
      status: "draft",
      revision: 1,
      material: false,
      nextVersion: expected,
      author: { email: "compliance@masterchannel.test" },
      lastEditor: { email: "compliance@masterchannel.test" },
      approver: null,
    });
    expect((await compliance.caller.policies.draft({ kind: "privacy" })).draft?.id).toBe(draft.id);
    expect((await documentOf(compliance, "privacy")).open).toMatchObject({ id: draft.id, status: "draft", nextVersion: expected });

    const published = await compliance.caller.policies.publish({ kind: "privacy", expectedRevision: draft.revision, version: expected });
    expect(published).toMatchObject({
      id: draft.id,
      version: expected,
      material: false,
      status: "in_force",
      approver: null,
      retiredAt: null,
    });
    expect(published.sha256).toBe(policyContentSha256({ title: draft.title, markdown: draft.markdown, purposes: draft.purposes }));
    expect(published.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(published.publishedBy).toEqual({ name: expect.any(String), email: "compliance@masterchannel.test" });

    const after = await versionsOf("privacy");
    expect(after.map((v) => v.version)).toEqual([expected, ...before.map((v) => v.version)]);
    expect(after[0]?.status).toBe("in_force");
    const previous = before.find((v) => v.status === "in_force");
    if (previous) expect(after.find((v) => v.id === previous.id)?.status).toBe("superseded");
    expect((await documentOf(compliance, "privacy")).inForce?.version).toBe(expected);
    expect((await compliance.caller.policies.draft({ kind: "privacy" })).draft).toBeNull();

    const events = await audit.events();
    expect(events.map((e) => e.action)).toEqual(["policies.save_draft", "policies.publish"]);
    expect(events.every((e) => e.tenantId === null && e.targetId === draft.id && e.actorLabel === "compliance@masterchannel.test")).toBe(
      true,
    );
    expect(events[1]?.after).toMatchObject({
      version: expected,
      status: "published",
      contentSha256: published.sha256,
      reconsentTenants: 0,
    });
  });

  it("reads one version in full, to staff and partners alike, and answers NOT_FOUND for an unknown one", async () => {
    const [newest] = await versionsOf("privacy");
    if (!newest) throw new Error("no privacy version");
    const asStaff = await compliance.caller.policies.version({ kind: "privacy", version: newest.version });
    const asPartner = await partnerViewer.caller.policies.version({ kind: "privacy", version: newest.version });
    expect(asPartner).toEqual(asStaff);
    expect(asStaff.markdown).toContain("{{partner.name}}");
    expect(asStaff.purposes.map((p) => p.key)).toContain("t_editorial");
    expect(await codeOf(compliance.caller.policies.version({ kind: "privacy", version: "99.0" }))).toBe("NOT_FOUND");
    expect(await codeOf(compliance.caller.policies.version({ kind: "privacy", version: "v1" }))).toBe("BAD_REQUEST");
  });
});

describe("material versions", () => {
  it("need a second person's approval, then bump the major number and ask every tenant's users to consent again", async () => {
    await settle("privacy");
    const expected = expectedNext(await versionsOf("privacy")).material;
    const audit = await auditMark(h);

    const saved = await compliance.caller.policies.saveDraft({
      ...(await contentFor("privacy", "product analytics", [
        purpose("t_analytics", { category: "analytics", vendor: { name: "Counter", legalEntity: "Counter Oy" } }),
      ])),
      material: true,
      changeSummary: "We now measure how the mastering page is used, if you allow it.",
    });
    expect(saved.nextVersion).toBe(expected);

    const unapproved = await clientErrorFrom(
      compliance.caller.policies.publish({ kind: "privacy", expectedRevision: saved.revision, version: expected }),
    );
    expect(unapproved.code).toBe("PRECONDITION_FAILED");
    expect(unapproved.message).toContain("needs approval by a second person with the compliance or operator admin role");

    const requested = await compliance.caller.policies.requestApproval({ kind: "privacy", expectedRevision: saved.revision });
    expect(requested).toMatchObject({
      status: "pending_approval",
      approvalRequestedBy: { email: "compliance@masterchannel.test" },
      approver: null,
    });
    expect(requested.revision).toBe(saved.revision + 1);

    const self = await clientErrorFrom(compliance.caller.policies.approve({ kind: "privacy", expectedRevision: requested.revision }));
    expect(self.code).toBe("FORBIDDEN");
    expect(self.message).toContain("A material change needs a second person's approval");
    expect(await codeOf(finance.caller.policies.approve({ kind: "privacy", expectedRevision: requested.revision }))).toBe("FORBIDDEN");
    const waiting = await clientErrorFrom(
      compliance.caller.policies.publish({ kind: "privacy", expectedRevision: requested.revision, version: expected }),
    );
    expect(waiting.code).toBe("PRECONDITION_FAILED");

    const approved = await admin.caller.policies.approve({ kind: "privacy", expectedRevision: requested.revision });
    expect(approved).toMatchObject({ status: "approved", approver: { email: "admin@masterchannel.test" } });
    expect(approved.contentSha256).toBe(policyContentSha256(saved));
    expect(await codeOf(admin.caller.policies.approve({ kind: "privacy", expectedRevision: approved.revision }))).toBe(
      "PRECONDITION_FAILED",
    );

    const published = await compliance.caller.policies.publish({ kind: "privacy", expectedRevision: approved.revision, version: expected });
    expect(published).toMatchObject({
      version: expected,
      material: true,
      status: "in_force",
      author: { email: "compliance@masterchannel.test" },
      approver: { email: "admin@masterchannel.test" },
      publishedBy: { email: "compliance@masterchannel.test" },
    });
    expect(published.version).toMatch(/^\d+\.0$/);
    expect((await latestMaterialInForce(h.db.db, "privacy"))?.id).toBe(published.id);

    // One re-consent requirement per tenant, from the effective time, telling the change summary.
    const allTenants = await h.db.db.select({ id: tenants.id }).from(tenants);
    const reconsent = await h.db.db
      .select()
      .from(policyReconsentRequirements)
      .where(eq(policyReconsentRequirements.policyVersionId, published.id));
    expect(reconsent.map((r) => r.tenantId).sort()).toEqual(allTenants.map((t) => t.id).sort());
    for (const row of reconsent) {
      expect(row).toMatchObject({
        kind: "privacy",
        version: expected,
        since: published.effectiveFrom,
        summary: saved.changeSummary,
        voidedAt: null,
      });
    }

    const events = await audit.events();
    expect(events.map((e) => e.action)).toEqual([
      "policies.save_draft",
      "policies.request_approval",
      "policies.approve",
      "policies.publish",
    ]);
    expect(events[2]?.actorLabel).toBe("admin@masterchannel.test");
    expect(events[3]?.after).toMatchObject({ version: expected, material: true, reconsentTenants: allTenants.length });
  });

  it("loses its approval when edited, and a rejection sends it back to draft with the reason in the audit trail", async () => {
    await settle("privacy");
    const saved = await compliance.caller.policies.saveDraft({
      ...(await contentFor("privacy", "newsletter")),
      material: true,
      changeSummary: "A newsletter, if you want it.",
    });
    const requested = await compliance.caller.policies.requestApproval({ kind: "privacy", expectedRevision: saved.revision });
    const approved = await admin.caller.policies.approve({ kind: "privacy", expectedRevision: requested.revision });
    expect(approved.status).toBe("approved");

    // An edit after the approval: back to draft, nothing requested or approved any more.
    const edited = await compliance.caller.policies.saveDraft({
      ...(await contentFor("privacy", "newsletter, reworded")),
      material: true,
      changeSummary: "A newsletter, if you want it.",
      expectedRevision: approved.revision,
    });
    expect(edited).toMatchObject({ status: "draft", approvalRequestedBy: null, approver: null, approvedAt: null });
    expect(
      await codeOf(compliance.caller.policies.publish({ kind: "privacy", expectedRevision: edited.revision, version: edited.nextVersion })),
    ).toBe("PRECONDITION_FAILED");

    // The operator admin edited it last: the admin may not approve it, compliance (who did not edit last but wrote it) neither.
    const byAdmin = await admin.caller.policies.saveDraft({
      ...(await contentFor("privacy", "newsletter, by the admin")),
      material: true,
      changeSummary: "A newsletter, if you want it.",
      expectedRevision: edited.revision,
    });
    expect(byAdmin).toMatchObject({
      author: { email: "compliance@masterchannel.test" },
      lastEditor: { email: "admin@masterchannel.test" },
    });
    const requestedAgain = await compliance.caller.policies.requestApproval({ kind: "privacy", expectedRevision: byAdmin.revision });
    expect(await codeOf(admin.caller.policies.approve({ kind: "privacy", expectedRevision: requestedAgain.revision }))).toBe("FORBIDDEN");
    expect(await codeOf(compliance.caller.policies.approve({ kind: "privacy", expectedRevision: requestedAgain.revision }))).toBe(
      "FORBIDDEN",
    );

    const audit = await auditMark(h);
    const rejected = await admin.caller.policies.rejectApproval({
      kind: "privacy",
      expectedRevision: requestedAgain.revision,
      reason: "The retention period is missing",
    });
    expect(rejected).toMatchObject({ status: "draft", approvalRequestedBy: null, approver: null });
    const [event] = await audit.events();
    expect(event).toMatchObject({
      action: "policies.reject_approval",
      targetId: saved.id,
      after: { reason: "The retention period is missing", status: "draft" },
    });
    expect(
      await codeOf(admin.caller.policies.rejectApproval({ kind: "privacy", expectedRevision: rejected.revision, reason: "again" })),
    ).toBe("PRECONDITION_FAILED");
    await compliance.caller.policies.discardDraft({ kind: "privacy", expectedRevision: rejected.revision });
  });

  it("refuses a material draft without a change summary", async () => {
    await settle("privacy");
    const error = await clientErrorFrom(
      compliance.caller.policies.saveDraft({ ...(await contentFor("privacy", "no summary")), material: true, changeSummary: "  " }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors?.changeSummary?.[0]).toContain("A material change needs a change summary");
    expect((await compliance.caller.policies.draft({ kind: "privacy" })).draft).toBeNull();
  });
});

describe("bad input changes nothing", () => {
  it("refuses a version number out of sequence, naming the next one", async () => {
    await settle("privacy");
    const versions = await versionsOf("privacy");
    const next = expectedNext(versions);
    const draft = await saveEditorial(compliance, "privacy", "sequence");
    const major = parsePolicyVersion(next.material)?.major ?? 0;
    const error = await clientErrorFrom(
      compliance.caller.policies.publish({ kind: "privacy", expectedRevision: draft.revision, version: `${major + 1}.0` }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors?.version).toEqual([
      `Version ${major + 1}.0 is out of sequence: the next editorial version is ${next.editorial}`,
    ]);
    // The material number is out of sequence for an editorial draft too.
    expect(
      await codeOf(compliance.caller.policies.publish({ kind: "privacy", expectedRevision: draft.revision, version: next.material })),
    ).toBe("BAD_REQUEST");
    expect(await codeOf(compliance.caller.policies.publish({ kind: "privacy", expectedRevision: draft.revision, version: "2" }))).toBe(
      "BAD_REQUEST",
    );
    expect(await versionsOf("privacy")).toEqual(versions);
    expect((await compliance.caller.policies.draft({ kind: "privacy" })).draft).toMatchObject({
      id: draft.id,
      revision: draft.revision,
      status: "draft",
    });
    await compliance.caller.policies.discardDraft({ kind: "privacy", expectedRevision: draft.revision });
  });

  it("refuses unknown template variables, naming each and the known ones", async () => {
    await settle("privacy");
    const content = await contentFor("privacy", "variables");
    const error = await clientErrorFrom(
      compliance.caller.policies.saveDraft({
        ...content,
        markdown: `${content.markdown}\n\nCall {{partner.phone}} or {{ partner.fax }}.`,
        material: false,
        changeSummary: "",
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const [message] = error.fieldErrors?.markdown ?? [];
    expect(message).toMatch(/^Unknown variables \{\{partner\.phone\}\}, \{\{partner\.fax\}\}; known: /);
    expect(message).toContain("{{partner.name}}");
    expect(message).toContain("{{operator.supportEmail}}");
    expect((await compliance.caller.policies.draft({ kind: "privacy" })).draft).toBeNull();
  });

  it("refuses variables in the title: a rendition is identified by its text alone, so the title must read the same for every tenant", async () => {
    await settle("privacy");
    const content = await contentFor("privacy", "title variables");
    const error = await clientErrorFrom(
      compliance.caller.policies.saveDraft({ ...content, title: "{{partner.name}} privacy policy", material: false, changeSummary: "" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors?.title?.[0]).toMatch(/^The title cannot use variables/);
    expect((await compliance.caller.policies.draft({ kind: "privacy" })).draft).toBeNull();
  });

  it("refuses a NUL character (which PostgreSQL cannot store) in any text with BAD_REQUEST naming the field, not a 500", async () => {
    await settle("privacy");
    const content = await contentFor("privacy", "nul");
    const [first] = content.purposes;
    const cases = [
      [{ title: "Privacy\u0000" }, "title", "The title cannot contain NUL characters"],
      [{ markdown: `${content.markdown}\u0000` }, "markdown", "The policy text cannot contain NUL characters"],
      [{ changeSummary: "x\u0000" }, "changeSummary", "The change summary cannot contain NUL characters"],
      [{ purposes: [{ ...first, description: "x\u0000" }] }, "purposes", "Purpose description cannot contain NUL characters"],
    ] as const;
    for (const [change, field, message] of cases) {
      const error = await clientErrorFrom(
        compliance.caller.policies.saveDraft({ ...content, material: false, changeSummary: "", ...(change as object) } as never),
      );
      expect(error.code, field).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.[field], field).toEqual([message]);
    }
    expect((await compliance.caller.policies.draft({ kind: "privacy" })).draft).toBeNull();
  });

  it("refuses a purpose key reused with another meaning than in any earlier published version", async () => {
    await settle("privacy");
    const widget = purpose("t_widget", { vendor: { name: "Widget", legalEntity: "Widget AS" } });
    const published = await publishEditorial("privacy", "the widget", [widget]);

    // Reworded name and description, same category and vendor: the same purpose.
    const reworded = await saveEditorial(compliance, "privacy", "widget reworded", [
      { ...widget, name: "Support widget", description: "Chat with support." },
    ]);
    await compliance.caller.policies.discardDraft({ kind: "privacy", expectedRevision: reworded.revision });

    // Later versions drop the key; it still means what it meant.
    await publishEditorial("privacy", "no more widget", []);
    const { basis } = await compliance.caller.policies.draft({ kind: "privacy" });
    const purposes = (basis?.purposes ?? []).filter((p) => p.key !== "t_widget");
    const changed = { ...widget, category: "analytics" as const };
    const error = await clientErrorFrom(
      compliance.caller.policies.saveDraft({
        ...(await contentFor("privacy", "widget again")),
        purposes: [...purposes, changed],
        material: false,
        changeSummary: "",
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors).toEqual({
      [`purposes.${purposes.length}.key`]: [
        `Purpose key t_widget meant Widget AS (functional) in ${published.version}; use a new key for a different purpose`,
      ],
    });
    const otherVendor = { ...widget, vendor: { name: "Widget", legalEntity: "Widget Inc." } };
    expect(
      await codeOf(
        compliance.caller.policies.saveDraft({
          ...(await contentFor("privacy", "widget again")),
          purposes: [otherVendor],
          material: false,
          changeSummary: "",
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect((await compliance.caller.policies.draft({ kind: "privacy" })).draft).toBeNull();
  });
});

describe("scheduling", () => {
  it("keeps a scheduled version out of force until its time, and refuses publishing before it", async () => {
    await settle("privacy");
    const before = await findPolicyInForce(h.db.db, "privacy");
    const at = new Date(Date.now() + 4000);
    const scheduled = await publishEditorial("privacy", "scheduled change", [], at);
    expect(scheduled).toMatchObject({ status: "scheduled", effectiveFrom: at });
    expect((await findPolicyInForce(h.db.db, "privacy"))?.id).toBe(before?.id);
    const document = await documentOf(partnerViewer, "privacy");
    expect(document.scheduled.map((v) => v.version)).toEqual([scheduled.version]);
    expect(document.inForce?.id).toBe(before?.id);
    expect(document.open).toBeNull();

    // Now, or at any time before the scheduled version: refused, naming it.
    const draft = await saveEditorial(compliance, "privacy", "too early");
    expect(draft.nextVersion).not.toBe(scheduled.version);
    for (const effectiveFrom of [undefined, new Date(at.getTime() - 1500)]) {
      const error = await clientErrorFrom(
        compliance.caller.policies.publish({
          kind: "privacy",
          expectedRevision: draft.revision,
          version: draft.nextVersion,
          effectiveFrom,
        }),
      );
      expect(error.code).toBe("PRECONDITION_FAILED");
      expect(error.message).toContain(`Privacy policy ${scheduled.version} is scheduled for ${at.toISOString()}`);
    }
    for (const effectiveFrom of [new Date(Date.now() - 1000), new Date(Date.now() + 400 * 24 * 3600 * 1000)]) {
      const error = await clientErrorFrom(
        compliance.caller.policies.publish({
          kind: "privacy",
          expectedRevision: draft.revision,
          version: draft.nextVersion,
          effectiveFrom,
        }),
      );
      expect(error).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { effectiveFrom: [expect.any(String)] } });
    }

    while (Date.now() < at.getTime() + 50) await wait(100);
    expect((await findPolicyInForce(h.db.db, "privacy"))?.id).toBe(scheduled.id);
    const versions = await versionsOf("privacy");
    expect(versions.find((v) => v.id === scheduled.id)?.status).toBe("in_force");
    if (before) expect(versions.find((v) => v.id === before.id)?.status).toBe("superseded");

    // After it, publishing is open again.
    const published = await compliance.caller.policies.publish({
      kind: "privacy",
      expectedRevision: draft.revision,
      version: draft.nextVersion,
    });
    expect(published.status).toBe("in_force");
  });
});

describe("retiring", () => {
  it("withdraws a scheduled material version and voids its re-consent requirements; its number is not reused", async () => {
    await settle("privacy");
    const inForce = await findPolicyInForce(h.db.db, "privacy");
    const scheduled = await publishMaterial("privacy", "share data with a label", [], new Date(Date.now() + 24 * 3600 * 1000));
    expect(scheduled.status).toBe("scheduled");
    const requirements = () =>
      h.db.db.select().from(policyReconsentRequirements).where(eq(policyReconsentRequirements.policyVersionId, scheduled.id));
    expect((await requirements()).every((row) => row.voidedAt === null)).toBe(true);
    expect(await requirements()).not.toHaveLength(0);

    const audit = await auditMark(h);
    const retired = await compliance.caller.policies.retire({ kind: "privacy", version: scheduled.version });
    expect(retired).toMatchObject({ status: "retired", withdrawn: true, retiredBy: { email: "compliance@masterchannel.test" } });
    expect((await requirements()).every((row) => row.voidedAt !== null)).toBe(true);
    expect((await findPolicyInForce(h.db.db, "privacy"))?.id).toBe(inForce?.id);
    expect((await documentOf(compliance, "privacy")).scheduled).toEqual([]);
    const [event] = await audit.events();
    expect(event).toMatchObject({
      action: "policies.retire",
      targetId: scheduled.id,
      after: { withdrawn: true, voidedReconsent: (await requirements()).length },
    });

    // Its number is spent: the next material version comes after it; the next editorial one follows the version in force.
    const { nextVersions } = await compliance.caller.policies.draft({ kind: "privacy" });
    const withdrawnMajor = parsePolicyVersion(scheduled.version)?.major ?? 0;
    expect(nextVersions.material).toBe(`${withdrawnMajor + 1}.0`);
    expect(nextVersions).toEqual(expectedNext(await versionsOf("privacy")));
    expect(parsePolicyVersion(nextVersions.editorial)?.major).toBe(inForce?.major);

    expect(await codeOf(compliance.caller.policies.retire({ kind: "privacy", version: scheduled.version }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(compliance.caller.policies.retire({ kind: "privacy", version: "99.9" }))).toBe("NOT_FOUND");
  });

  it("hands over to the newest earlier version when the version in force is retired, and never leaves a document without one", async () => {
    await settle("terms");
    // Terms with at least two standing versions: the one in force and one before it.
    const first = await publishEditorial("terms", "terms base");
    const second = await publishEditorial("terms", "terms next");
    expect((await documentOf(compliance, "terms")).inForce?.id).toBe(second.id);

    const audit = await auditMark(h);
    const retired = await compliance.caller.policies.retire({ kind: "terms", version: second.version });
    expect(retired).toMatchObject({ status: "retired", withdrawn: false });
    const [event] = await audit.events();
    expect(event).toMatchObject({ action: "policies.retire", after: { withdrawn: false, inForceNow: first.version, voidedReconsent: 0 } });
    expect((await documentOf(partnerAdmin, "terms")).inForce?.id).toBe(first.id);
    expect((await versionsOf("terms")).find((v) => v.id === first.id)?.status).toBe("in_force");

    // Retire everything before the one in force, then the one in force: refused.
    for (const version of await versionsOf("terms")) {
      if (version.status === "superseded") await compliance.caller.policies.retire({ kind: "terms", version: version.version });
    }
    const error = await clientErrorFrom(compliance.caller.policies.retire({ kind: "terms", version: first.version }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toContain("is the only version in force");
    expect((await documentOf(compliance, "terms")).inForce?.id).toBe(first.id);
  });

  it("refuses to withdraw a scheduled version while a later one is scheduled after it", async () => {
    await settle("terms");
    const soon = await publishEditorial("terms", "terms soon", [], new Date(Date.now() + 24 * 3600 * 1000));
    const later = await publishEditorial("terms", "terms later", [], new Date(Date.now() + 48 * 3600 * 1000));
    expect(await codeOf(compliance.caller.policies.retire({ kind: "terms", version: soon.version }))).toBe("PRECONDITION_FAILED");
    await compliance.caller.policies.retire({ kind: "terms", version: later.version });
    await compliance.caller.policies.retire({ kind: "terms", version: soon.version });
    expect((await documentOf(compliance, "terms")).scheduled).toEqual([]);
  });
});

describe("published versions are immutable in the database", () => {
  it("refuses UPDATE and DELETE of a published version's text and purposes, as the owner and as the app role", async () => {
    const [newest] = await versionsOf("privacy");
    if (!newest) throw new Error("no privacy version");
    const before = await rowOf(newest.id);
    const asOwner = await refusalOf(h.db.db.execute(sql`update policy_versions set markdown = 'rewritten' where id = ${newest.id}`));
    expect(asOwner).toContain("published policy versions never change");
    const asApp = await refusalOf(
      withRlsContext(h.db.db, { tenantId: null, userId: null, allTenants: true }, (tx) =>
        tx.execute(sql`update policy_versions set purposes = '[]'::jsonb where id = ${newest.id}`),
      ),
    );
    expect(asApp).toContain("published policy versions never change");
    // Retiring and changing the text in one statement is a change of the text.
    expect(
      await refusalOf(h.db.db.execute(sql`update policy_versions set retired_at = now(), title = 'other' where id = ${newest.id}`)),
    ).toContain("published policy versions never change");
    expect(await refusalOf(h.db.db.execute(sql`delete from policy_versions where id = ${newest.id}`))).toContain(
      "published policy versions never change",
    );
    expect(await rowOf(newest.id)).toEqual(before);
  });

  it("lets a re-consent requirement be voided once and never changed otherwise", async () => {
    const [row] = await h.db.db
      .select()
      .from(policyReconsentRequirements)
      .where(sql`${policyReconsentRequirements.voidedAt} is null`)
      .limit(1);
    if (!row) throw new Error("no re-consent requirement");
    expect(
      await refusalOf(
        withRlsContext(h.db.db, { tenantId: row.tenantId, userId: null, allTenants: false }, (tx) =>
          tx.execute(
            sql`update policy_reconsent_requirements set summary = 'nothing changed' where tenant_id = ${row.tenantId} and id = ${row.id}`,
          ),
        ),
      ),
    ).toContain("re-consent requirements never change");
  });
});

describe("drafts and revisions", () => {
  it("refuses a stale revision everywhere and saves nothing", async () => {
    await settle("privacy");
    const other = await h.as("compliance@masterchannel.test");
    const opened = await saveEditorial(compliance, "privacy", "concurrency");
    const theirs = await other.caller.policies.saveDraft({
      ...(await contentFor("privacy", "theirs")),
      material: false,
      changeSummary: "",
      expectedRevision: opened.revision,
    });
    expect(theirs.revision).toBe(opened.revision + 1);

    const audit = await auditMark(h);
    const stale = { kind: "privacy" as const, expectedRevision: opened.revision };
    const save = await clientErrorFrom(
      compliance.caller.policies.saveDraft({
        ...(await contentFor("privacy", "mine")),
        material: false,
        changeSummary: "",
        expectedRevision: opened.revision,
      }),
    );
    expect(save).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Someone else saved this draft") });
    expect(
      await codeOf(compliance.caller.policies.saveDraft({ ...(await contentFor("privacy", "mine")), material: false, changeSummary: "" })),
    ).toBe("CONFLICT");
    expect(await codeOf(compliance.caller.policies.discardDraft(stale))).toBe("CONFLICT");
    expect(await codeOf(compliance.caller.policies.requestApproval(stale))).toBe("CONFLICT");
    expect(await codeOf(compliance.caller.policies.publish({ ...stale, version: opened.nextVersion }))).toBe("CONFLICT");
    expect(await codeOf(admin.caller.policies.approve(stale))).toBe("CONFLICT");
    expect(await audit.events()).toEqual([]);
    expect((await compliance.caller.policies.draft({ kind: "privacy" })).draft).toMatchObject({
      revision: theirs.revision,
      markdown: theirs.markdown,
    });

    await other.caller.policies.discardDraft({ kind: "privacy", expectedRevision: theirs.revision });
    // The draft is gone: a save from the old page would quietly start another.
    expect(
      await codeOf(
        compliance.caller.policies.saveDraft({
          ...(await contentFor("privacy", "mine")),
          material: false,
          changeSummary: "",
          expectedRevision: theirs.revision,
        }),
      ),
    ).toBe("CONFLICT");
    expect(await codeOf(compliance.caller.policies.discardDraft({ kind: "privacy", expectedRevision: theirs.revision }))).toBe("NOT_FOUND");
    expect((await audit.events()).map((e) => e.action)).toEqual(["policies.discard_draft"]);
  });
});

describe("comparing versions", () => {
  it("diffs two versions word by word with the purposes apart, as a tenant reads them or with placeholders", async () => {
    await settle("privacy");
    const from = await publishEditorial("privacy", "compare base");
    await settleDraft("privacy");
    const content = await contentFor("privacy", "compare next", [purpose("t_compare")]);
    const draft = await compliance.caller.policies.saveDraft({
      ...content,
      markdown: content.markdown.replace("A paragraph about compare base", "A paragraph about the compared base"),
      material: false,
      changeSummary: "",
    });
    const to = await compliance.caller.policies.publish({ kind: "privacy", expectedRevision: draft.revision, version: draft.nextVersion });

    const staff = await compliance.caller.policies.compare({ kind: "privacy", from: from.version, to: to.version });
    expect(staff).toMatchObject({
      tenant: null,
      from: { version: from.version, source: "placeholders", sha256: from.sha256 },
      to: { version: to.version, source: "placeholders" },
    });
    const inline = staff.text.inline;
    expect(
      inline
        .filter((s) => s.kind === "added")
        .map((s) => s.text)
        .join(" "),
    ).toContain("compared");
    expect(inline.map((s) => s.text).join("")).toContain("[Partner name]");
    expect(staff.text.stats.added).toBeGreaterThan(0);
    expect(staff.purposes.added.map((p) => p.key)).toEqual(["t_compare"]);
    expect(staff.purposes.removed).toEqual([]);

    const northwaveName = (await partnerAdmin.caller.branding.get()).inEffect?.displayName ?? "Northwave";
    const asTenant = await compliance.caller.policies.compare({
      kind: "privacy",
      from: from.version,
      to: to.version,
      tenantId: h.tenantIds.northwave,
    });
    expect(asTenant.tenant).toEqual({ id: h.tenantIds.northwave, name: expect.any(String) });
    expect(asTenant.text.inline.map((s) => s.text).join("")).toContain(northwaveName);
    expect(asTenant.text.inline.map((s) => s.text).join("")).not.toContain("{{partner.name}}");

    const asPartner = await partnerAdmin.caller.policies.compare({ kind: "privacy", from: from.version, to: to.version });
    expect(asPartner.tenant?.id).toBe(h.tenantIds.northwave);
    expect(asPartner.text).toEqual(asTenant.text);
    expect(
      await codeOf(
        partnerAdmin.caller.policies.compare({ kind: "privacy", from: from.version, to: to.version, tenantId: h.tenantIds.beatlab }),
      ),
    ).toBe("NOT_FOUND");

    // The open draft: editors compare it; readers may not.
    const next = await saveEditorial(compliance, "privacy", "compare draft");
    const withDraft = await compliance.caller.policies.compare({ kind: "privacy", from: to.version, to: "draft" });
    expect(withDraft.to).toMatchObject({ version: "draft", sha256: null });
    expect(
      withDraft.text.inline
        .filter((s) => s.kind === "added")
        .map((s) => s.text)
        .join(" "),
    ).toContain("compare draft");
    expect(await codeOf(partnerAdmin.caller.policies.compare({ kind: "privacy", from: to.version, to: "draft" }))).toBe("FORBIDDEN");
    expect(await codeOf(finance.caller.policies.compare({ kind: "privacy", from: to.version, to: "draft" }))).toBe("FORBIDDEN");
    await compliance.caller.policies.discardDraft({ kind: "privacy", expectedRevision: next.revision });
    expect(await codeOf(compliance.caller.policies.compare({ kind: "privacy", from: to.version, to: "77.0" }))).toBe("NOT_FOUND");
  });
});

describe("permissions", () => {
  it("lets partners and finance read the templates but not draft, approve, publish or retire", async () => {
    await settle("privacy");
    const draft = await saveEditorial(compliance, "privacy", "permissions");
    const requested = await compliance.caller.policies.requestApproval({ kind: "privacy", expectedRevision: draft.revision });
    const [newest] = await versionsOf("privacy");
    if (!newest) throw new Error("no privacy version");

    for (const reader of [partnerAdmin, partnerViewer, finance]) {
      const documents = await reader.caller.policies.documents();
      expect(documents.map((d) => d.kind)).toEqual(["privacy", "terms"]);
      expect(documents.every((d) => d.open === null)).toBe(true);
      expect(await reader.caller.policies.versions({ kind: "privacy" })).toEqual(await versionsOf("privacy"));
      expect(await codeOf(reader.caller.policies.version({ kind: "privacy", version: newest.version }))).toBe("OK");
      const intruder = await contentFor("privacy", "intruder");
      const denied = {
        draft: () => reader.caller.policies.draft({ kind: "privacy" }),
        saveDraft: () => reader.caller.policies.saveDraft({ ...intruder, material: false, changeSummary: "" }),
        discardDraft: () => reader.caller.policies.discardDraft({ kind: "privacy", expectedRevision: requested.revision }),
        requestApproval: () => reader.caller.policies.requestApproval({ kind: "privacy", expectedRevision: requested.revision }),
        approve: () => reader.caller.policies.approve({ kind: "privacy", expectedRevision: requested.revision }),
        rejectApproval: () =>
          reader.caller.policies.rejectApproval({ kind: "privacy", expectedRevision: requested.revision, reason: "no" }),
        publish: () =>
          reader.caller.policies.publish({ kind: "privacy", expectedRevision: requested.revision, version: requested.nextVersion }),
        retire: () => reader.caller.policies.retire({ kind: "privacy", version: newest.version }),
      };
      for (const [name, call] of Object.entries(denied)) expect(`${name}: ${await codeOf(call())}`).toBe(`${name}: FORBIDDEN`);
    }
    expect((await documentOf(compliance, "privacy")).open).toMatchObject({ id: draft.id, status: "pending_approval" });
    expect((await compliance.caller.policies.draft({ kind: "privacy" })).draft).toMatchObject({ revision: requested.revision });
    expect(await codeOf(h.client().then((anonymous) => anonymous.caller.policies.documents()))).toBe("UNAUTHORIZED");
    await compliance.caller.policies.discardDraft({ kind: "privacy", expectedRevision: requested.revision });
  });

  it("records who approved: the approver is a person other than the author, editor and requester", async () => {
    await settle("privacy");
    const complianceId = await userIdOf(h, "compliance@masterchannel.test");
    const adminId = await userIdOf(h, "admin@masterchannel.test");
    const published = await publishMaterial("privacy", "approval record");
    const row = await rowOf(published.id);
    expect(row).toMatchObject({
      createdBy: complianceId,
      updatedBy: complianceId,
      approvalRequestedBy: complianceId,
      approvedBy: adminId,
      publishedBy: complianceId,
    });
    expect(row.approvedAt).toBeInstanceOf(Date);
  });
});

describe("concurrent changes", () => {
  it("publishes the text as it was or saves the new one, never a mix, when a save and a publish race", async () => {
    await settle("terms");
    const draft = await saveEditorial(compliance, "terms", "race base");
    const base = (await compliance.caller.policies.draft({ kind: "terms" })).draft;
    const [published, saved] = await Promise.all([
      codeOf(compliance.caller.policies.publish({ kind: "terms", expectedRevision: draft.revision, version: draft.nextVersion })),
      codeOf(
        admin.caller.policies.saveDraft({
          ...(await contentFor("terms", "race edit")),
          material: false,
          changeSummary: "Editorial: race edit",
          expectedRevision: draft.revision,
        }),
      ),
    ]);
    expect([published, saved].filter((code) => code === "OK")).toHaveLength(1);
    const [row] = await h.db.db.select().from(policyVersions).where(eq(policyVersions.id, draft.id));
    if (published === "OK") {
      expect(row).toMatchObject({ status: "published", markdown: base?.markdown, sha256: base?.contentSha256 });
    } else {
      expect(row).toMatchObject({ status: "draft", sha256: null });
      expect(row?.markdown).toContain("race edit");
    }
    await settle("terms");
  });

  it("either approves or rejects a material draft when both arrive at once, never both", async () => {
    await settle("terms");
    const saved = await compliance.caller.policies.saveDraft({
      ...(await contentFor("terms", "race approval")),
      material: true,
      changeSummary: "We now race.",
    });
    const requested = await compliance.caller.policies.requestApproval({ kind: "terms", expectedRevision: saved.revision });
    const [approved, rejected] = await Promise.all([
      codeOf(admin.caller.policies.approve({ kind: "terms", expectedRevision: requested.revision })),
      codeOf(admin.caller.policies.rejectApproval({ kind: "terms", expectedRevision: requested.revision, reason: "Not yet" })),
    ]);
    expect([approved, rejected].filter((code) => code === "OK")).toHaveLength(1);
    const row = await rowOf(saved.id);
    expect(row.status).toBe(approved === "OK" ? "pending_approval" : "draft");
    expect(row.approvedBy !== null).toBe(approved === "OK");
    await settle("terms");
  });
});
