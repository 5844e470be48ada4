/**
 * Branding versions: a draft is saved (guarded by its revision), published now or at a scheduled
 * time once its colours pass the contrast checks, rolled back by publishing a copy, and never
 * changed once published (the database refuses it). Partner admins edit everything but the
 * "powered by" flag, which only operator staff change; viewers read; other tenants see nothing.
 *
 * The demo data may give a tenant published branding already, so tests on demo tenants count
 * versions from what they find; the full lifecycle runs on a tenant created here.
 */
import { brandingVersions, withRlsContext } from "@pc/db";
import { messagesOf } from "@pc/db/testing";
import { type BrandingColors, checkBrandingContrast } from "@pc/shared";
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffBrandingVersions } from "../src/routers/branding/branding.diff.js";
import { auditMark, clientErrorFrom, codeOf, tokenOf } from "./expect-code.js";
import { base64, png } from "./fixtures/images.js";
import { type Client, createHarness, type Harness } from "./harness.js";

const GOOD_COLORS: BrandingColors = {
  light: { primary: "#1f6feb", accent: "#0550ae", background: "#ffffff", text: "#1f2328" },
  dark: { primary: "#58a6ff", accent: "#ffa657", background: "#0d1117", text: "#e6edf3" },
};
/** Light links and dark text too faint: each fails with a fix on offer. */
const FAINT_COLORS: BrandingColors = {
  light: { ...GOOD_COLORS.light, accent: "#f78166" },
  dark: { ...GOOD_COLORS.dark, text: "#444c56" },
};

const fieldsOf = (overrides: Record<string, unknown> = {}) => ({
  displayName: "Aurora Audio",
  legalName: "Aurora Audio AS",
  legalAddress: "Storgata 1, 0155 Oslo, Norway",
  supportEmail: "help@aurora.test",
  logoAssetId: null,
  faviconAssetId: null,
  colors: GOOD_COLORS,
  ...overrides,
});

let h: Harness;
let admin: Client;
let viewer: Client;
/** admin@masterchannel.test (operator_admin), on Northwave. */
let operator: Client;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.as("admin@northwave.test");
  viewer = await h.as("viewer@northwave.test");
  operator = await h.as("admin@masterchannel.test");
  await operator.caller.auth.switchTenant({ tenantId: h.tenantIds.northwave });
  // Demo data may leave a draft open, or no branding at all; the tests on Northwave start with
  // a version in effect and no draft.
  const { draft, inEffect } = await admin.caller.branding.get();
  if (draft) await admin.caller.branding.discardDraft({ expectedRevision: draft.revision });
  if (!inEffect) await publishNow(admin, { displayName: "Northwave" });
});
afterAll(() => h.close());

const rowsOf = (tenantId: string) =>
  h.db.db.select().from(brandingVersions).where(eq(brandingVersions.tenantId, tenantId)).orderBy(brandingVersions.createdAt);

async function latestVersion(tenantId: string): Promise<number> {
  const [row] = await h.db.db
    .select({ version: brandingVersions.version })
    .from(brandingVersions)
    .where(and(eq(brandingVersions.tenantId, tenantId), eq(brandingVersions.status, "published")))
    .orderBy(desc(brandingVersions.version))
    .limit(1);
  return row?.version ?? 0;
}

/** Saves a fresh draft (none open) and publishes it now. */
async function publishNow(client: Client, overrides: Record<string, unknown> = {}) {
  const draft = await client.caller.branding.saveDraft(fieldsOf(overrides));
  return client.caller.branding.publish({ expectedRevision: draft.revision });
}

/** A tenant made for one test, with a partner admin who joined by invitation and the operator switched to it. */
async function freshTenant(slug: string) {
  const staff = await h.as("admin@masterchannel.test");
  const tenant = await staff.caller.tenants.create({ name: `Tenant ${slug}`, slug });
  const invitation = await staff.caller.users.invite({ email: `admin@${slug}.test`, role: "partner_admin", tenantId: tenant.id });
  const partner = await h.client();
  await partner.caller.auth.acceptInvitation({ token: tokenOf(invitation.url), name: "Ada Aurora", password: "a-long-password-1" });
  await staff.caller.auth.switchTenant({ tenantId: tenant.id });
  return { tenantId: tenant.id, partner, staff };
}

const upload = (client: Client, kind: "logo" | "favicon", fileName: string, size: number) =>
  client.caller.branding.uploadAsset({ kind, fileName, contentType: "image/png", dataBase64: base64(png(size, size)) });

describe("version lifecycle", () => {
  it("goes from draft to published to in effect, a scheduled version takes over at its time, and history shows the diff", async () => {
    const { tenantId, partner } = await freshTenant("aurora-audio");
    expect(await partner.caller.branding.get()).toEqual({ inEffect: null, scheduled: [], draft: null, contrast: null });
    expect(await partner.caller.branding.history()).toEqual([]);

    const logo = await upload(partner, "logo", "aurora.png", 160);
    const favicon = await upload(partner, "favicon", "favicon.png", 32);
    const draft = await partner.caller.branding.saveDraft(
      fieldsOf({ logoAssetId: logo.id, faviconAssetId: favicon.id, changeSummary: "Launch look" }),
    );
    expect(draft).toMatchObject({
      status: "draft",
      version: null,
      revision: 1,
      displayName: "Aurora Audio",
      supportEmail: "help@aurora.test",
      logo: {
        id: logo.id,
        url: `/api/public/assets/aurora-audio/${logo.id}`,
        contentType: "image/png",
        width: 160,
        height: 160,
        fileName: "aurora.png",
      },
      favicon: { id: favicon.id, width: 32 },
      colors: GOOD_COLORS,
      poweredBy: true,
      buttonLabel: { light: "#ffffff", dark: "#000000" },
      effectiveFrom: null,
      basedOnVersion: null,
      changeSummary: "Launch look",
      publishedAt: null,
    });
    expect(Object.keys(draft)).not.toContain("tenantId");
    const opened = await partner.caller.branding.get();
    expect(opened).toMatchObject({ inEffect: null, scheduled: [], draft: { id: draft.id }, contrast: { passes: true } });
    expect(opened.contrast?.checks).toHaveLength(8);

    const v1 = await partner.caller.branding.publish({ expectedRevision: 1 });
    expect(v1).toMatchObject({ id: draft.id, status: "published", version: 1, poweredBy: true });
    expect(v1.effectiveFrom).toBeInstanceOf(Date);
    expect(await partner.caller.branding.get()).toMatchObject({ inEffect: { version: 1 }, scheduled: [], draft: null, contrast: null });

    const next = await partner.caller.branding.saveDraft(
      fieldsOf({
        displayName: "Aurora",
        logoAssetId: null,
        faviconAssetId: favicon.id,
        colors: { ...GOOD_COLORS, dark: { ...GOOD_COLORS.dark, accent: "#ffb77a" } },
      }),
    );
    const at = new Date(Date.now() + 1500);
    const v2 = await partner.caller.branding.publish({ expectedRevision: next.revision, effectiveFrom: at });
    expect(v2).toMatchObject({ version: 2, effectiveFrom: at });
    const waiting = await partner.caller.branding.get();
    expect(waiting.inEffect?.version).toBe(1);
    expect(waiting.scheduled.map((v) => v.version)).toEqual([2]);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at.getTime() - Date.now()) + 200));
    const after = await partner.caller.branding.get();
    expect(after.inEffect?.version).toBe(2);
    expect(after.scheduled).toEqual([]);

    const history = await partner.caller.branding.history();
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    expect(history[0]?.publishedBy).toEqual({ name: "Ada Aurora", email: "admin@aurora-audio.test" });
    expect(history[0]?.changes).toEqual([
      { field: "displayName", before: "Aurora Audio", after: "Aurora" },
      { field: "logo", before: { id: logo.id, fileName: "aurora.png", url: logo.url }, after: null },
      { field: "colors.dark.accent", before: "#ffa657", after: "#ffb77a" },
    ]);
    expect(history[1]?.changes.map((c) => c.field)).toEqual([
      "displayName",
      "legalName",
      "legalAddress",
      "supportEmail",
      "logo",
      "favicon",
      "colors.light.primary",
      "colors.light.accent",
      "colors.light.background",
      "colors.light.text",
      "colors.dark.primary",
      "colors.dark.accent",
      "colors.dark.background",
      "colors.dark.text",
      "poweredBy",
    ]);

    // Rollback: version 3 equal to version 1, effective now; versions 1 and 2 stay as they were.
    const before = await rowsOf(tenantId);
    const v3 = await partner.caller.branding.rollback({ version: 1 });
    expect(v3).toMatchObject({
      version: 3,
      basedOnVersion: 1,
      changeSummary: "Rollback to version 1",
      displayName: "Aurora Audio",
      logo: { id: logo.id },
      favicon: { id: favicon.id },
      colors: GOOD_COLORS,
    });
    expect((await partner.caller.branding.get()).inEffect?.version).toBe(3);
    expect((await rowsOf(tenantId)).slice(0, 2)).toEqual(before);
    expect((await partner.caller.branding.history())[0]?.changes.map((c) => c.field)).toEqual([
      "displayName",
      "logo",
      "colors.dark.accent",
    ]);
    expect(await codeOf(partner.caller.branding.rollback({ version: 9 }))).toBe("NOT_FOUND");
  });

  it("discards a draft, checking its revision", async () => {
    const start = await latestVersion(h.tenantIds.northwave);
    const draft = await admin.caller.branding.saveDraft(fieldsOf({ displayName: "Northwave (draft)" }));
    expect(await codeOf(admin.caller.branding.discardDraft({ expectedRevision: draft.revision + 1 }))).toBe("CONFLICT");
    expect(await admin.caller.branding.discardDraft({ expectedRevision: draft.revision })).toEqual({ ok: true });
    expect((await rowsOf(h.tenantIds.northwave)).filter((row) => row.status === "draft")).toEqual([]);
    expect(await codeOf(admin.caller.branding.publish({ expectedRevision: draft.revision }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.caller.branding.discardDraft({ expectedRevision: draft.revision }))).toBe("NOT_FOUND");
    expect(await latestVersion(h.tenantIds.northwave)).toBe(start);
  });
});

describe("concurrency", () => {
  it("refuses the second save of a draft opened at the same revision, and a save of a draft gone meanwhile", async () => {
    const other = await h.as("admin@northwave.test");
    const opened = await admin.caller.branding.saveDraft(fieldsOf({ displayName: "First" }));
    // Both editors opened revision 1; the first save wins.
    const first = await admin.caller.branding.saveDraft(fieldsOf({ displayName: "Second", expectedRevision: opened.revision }));
    expect(first.revision).toBe(2);
    const stale = await clientErrorFrom(other.caller.branding.saveDraft(fieldsOf({ displayName: "Theirs", expectedRevision: 1 })));
    expect(stale).toMatchObject({
      code: "CONFLICT",
      message: "Someone else saved this draft since you opened it; reload to see their changes",
    });
    // Without a revision, a save cannot overwrite a draft someone else has open either.
    const started = await clientErrorFrom(other.caller.branding.saveDraft(fieldsOf({ displayName: "Theirs" })));
    expect(started).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/started a branding draft/) });
    const drafts = (await rowsOf(h.tenantIds.northwave)).filter((row) => row.status === "draft");
    expect(drafts.map((r) => [r.revision, r.displayName])).toEqual([[2, "Second"]]);

    await admin.caller.branding.publish({ expectedRevision: 2 });
    const gone = await clientErrorFrom(other.caller.branding.saveDraft(fieldsOf({ displayName: "Late", expectedRevision: 2 })));
    expect(gone).toMatchObject({
      code: "CONFLICT",
      message: "This draft was published or discarded since you opened it; reload to see the current branding",
    });
    expect((await rowsOf(h.tenantIds.northwave)).filter((row) => row.status === "draft")).toEqual([]);
  });

  it("publishes a draft once when two people publish it at the same moment, and numbers versions without gaps", async () => {
    const other = await h.as("admin@northwave.test");
    const start = await latestVersion(h.tenantIds.northwave);
    const draft = await admin.caller.branding.saveDraft(fieldsOf({ displayName: "Race" }));
    const outcomes = await Promise.all([
      codeOf(admin.caller.branding.publish({ expectedRevision: draft.revision })),
      codeOf(other.caller.branding.publish({ expectedRevision: draft.revision })),
      codeOf(other.caller.branding.rollback({ version: start })),
    ]);
    expect(outcomes.filter((o) => o === "OK")).toHaveLength(2);
    expect(outcomes.slice(0, 2).filter((o) => o !== "OK")[0]).toMatch(/^(NOT_FOUND|CONFLICT)$/);
    const versions = (await rowsOf(h.tenantIds.northwave)).map((r) => r.version).filter((v) => v !== null && v > start);
    expect(versions.sort()).toEqual([start + 1, start + 2]);
  });
});

describe("contrast gate", () => {
  it("refuses to publish a draft with a failing pair, naming each with its ratio and fix, and publishes once the fixes are applied", async () => {
    const start = await latestVersion(h.tenantIds.northwave);
    const draft = await admin.caller.branding.saveDraft(fieldsOf({ colors: FAINT_COLORS }));
    const { contrast } = await admin.caller.branding.get();
    expect(contrast?.passes).toBe(false);
    const failing = contrast?.checks.filter((check) => !check.passes) ?? [];
    expect(failing.map((c) => [c.mode, c.pair, c.field, c.fix?.color])).toEqual([
      ["light", "link-on-background", "accent", "#c4533a"],
      ["dark", "text-on-background", "text", "#747d88"],
    ]);

    const mark = await auditMark(h);
    const refused = await clientErrorFrom(admin.caller.branding.publish({ expectedRevision: draft.revision }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.fieldErrors?.colors).toEqual([
      "These colours are too hard to read to publish. Light theme: link on background is 2.53:1, needs 4.5:1 (try #c4533a). " +
        "Dark theme: text on background is 2.17:1, needs 4.5:1 (try #747d88).",
    ]);
    expect(await mark.events()).toEqual([]);
    expect(await latestVersion(h.tenantIds.northwave)).toBe(start);
    expect((await admin.caller.branding.get()).draft).toMatchObject({ id: draft.id, status: "draft", revision: draft.revision });

    // The one-click fix: each failing field takes the offered colour.
    const fixed = structuredClone(FAINT_COLORS);
    for (const check of failing) if (check.fix) fixed[check.mode][check.field] = check.fix.color;
    expect(checkBrandingContrast(fixed).passes).toBe(true);
    const saved = await admin.caller.branding.saveDraft(fieldsOf({ colors: fixed, expectedRevision: draft.revision }));
    expect((await admin.caller.branding.get()).contrast?.passes).toBe(true);
    const published = await admin.caller.branding.publish({ expectedRevision: saved.revision });
    expect(published).toMatchObject({ version: start + 1, colors: fixed });
  });
});

describe("powered by Masterchannel", () => {
  it("is set by operator staff only; drafts, publishes and rollbacks keep the flag in effect", async () => {
    const finance = await h.as("finance@masterchannel.test");
    await finance.caller.auth.switchTenant({ tenantId: h.tenantIds.northwave });
    for (const client of [admin, viewer, finance])
      expect(await codeOf(client.caller.branding.setPoweredBy({ poweredBy: false }))).toBe("FORBIDDEN");

    const current = (await admin.caller.branding.get()).inEffect;
    if (!current) throw new Error("Northwave has no branding in effect");
    const oldVersion = current.version as number;
    // A partner's draft cannot carry the flag: the field is not part of the input, and is dropped.
    const draft = await admin.caller.branding.saveDraft({ ...fieldsOf(), poweredBy: !current.poweredBy } as never);
    expect(draft.poweredBy).toBe(current.poweredBy);

    const flipped = !current.poweredBy;
    const changed = await operator.caller.branding.setPoweredBy({ poweredBy: flipped });
    expect(changed).toMatchObject({
      version: oldVersion + 1,
      poweredBy: flipped,
      displayName: current.displayName,
      colors: current.colors,
      logo: current.logo,
      basedOnVersion: null,
    });
    const now = await admin.caller.branding.get();
    expect(now.inEffect).toMatchObject({ version: oldVersion + 1, poweredBy: flipped });
    // The open draft previews what publishing it will give.
    expect(now.draft).toMatchObject({ id: draft.id, poweredBy: flipped });

    const published = await admin.caller.branding.publish({ expectedRevision: draft.revision });
    expect(published.poweredBy).toBe(flipped);
    const rolledBack = await admin.caller.branding.rollback({ version: oldVersion });
    expect(rolledBack).toMatchObject({ basedOnVersion: oldVersion, poweredBy: flipped });
    expect((await admin.caller.branding.saveDraft(fieldsOf())).poweredBy).toBe(flipped);
    const { draft: open } = await admin.caller.branding.get();
    await admin.caller.branding.discardDraft({ expectedRevision: open?.revision ?? 0 });

    // Setting it to what it is already publishes nothing.
    const latest = await latestVersion(h.tenantIds.northwave);
    const mark = await auditMark(h);
    expect(await operator.caller.branding.setPoweredBy({ poweredBy: flipped })).toMatchObject({ version: latest, poweredBy: flipped });
    expect(await latestVersion(h.tenantIds.northwave)).toBe(latest);
    expect(await mark.events()).toEqual([]);
  });

  it("re-publishes a scheduled version with the new flag, so the change is not undone when it takes effect", async () => {
    const current = (await admin.caller.branding.get()).inEffect;
    if (!current) throw new Error("Northwave has no branding in effect");
    const draft = await admin.caller.branding.saveDraft(fieldsOf({ displayName: "Northwave 2027" }));
    const at = new Date(Date.now() + 3600_000);
    const scheduled = await admin.caller.branding.publish({ expectedRevision: draft.revision, effectiveFrom: at });
    expect(scheduled.poweredBy).toBe(current.poweredBy);

    const changed = await operator.caller.branding.setPoweredBy({ poweredBy: !current.poweredBy });
    expect(changed.version).toBe((scheduled.version as number) + 1);
    const after = await admin.caller.branding.get();
    expect(after.inEffect).toMatchObject({ version: changed.version, poweredBy: !current.poweredBy });
    // The copy, numbered higher for the same moment, is the one that will take effect.
    expect(after.scheduled.map((v) => [v.version, v.displayName, v.poweredBy, v.basedOnVersion, v.effectiveFrom])).toEqual([
      [(changed.version as number) + 1, "Northwave 2027", !current.poweredBy, scheduled.version, at],
    ]);
  });

  it("cannot be set before any branding is published; a first draft shows it", async () => {
    const staff = await h.as("admin@masterchannel.test");
    const tenant = await staff.caller.tenants.create({ name: "Boreal Beats", slug: "boreal-beats" });
    await staff.caller.auth.switchTenant({ tenantId: tenant.id });
    expect(await codeOf(staff.caller.branding.setPoweredBy({ poweredBy: false }))).toBe("PRECONDITION_FAILED");
    // Operator admins may edit a tenant's branding too.
    const draft = await staff.caller.branding.saveDraft(fieldsOf({ displayName: "Boreal" }));
    expect(draft.poweredBy).toBe(true);
    expect(await rowsOf(tenant.id)).toHaveLength(1);
  });
});

describe("scheduling", () => {
  it("refuses an effective-from in the past or over a year ahead, and publishes nothing", async () => {
    const start = await latestVersion(h.tenantIds.northwave);
    const draft = await admin.caller.branding.saveDraft(fieldsOf());
    for (const effectiveFrom of [new Date(Date.now() - 60_000), new Date(Date.now() + 400 * 24 * 3600 * 1000)]) {
      const error = await clientErrorFrom(admin.caller.branding.publish({ expectedRevision: draft.revision, effectiveFrom }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.effectiveFrom?.[0]).toMatch(/future|a year ahead/);
    }
    expect(await latestVersion(h.tenantIds.northwave)).toBe(start);
    await admin.caller.branding.discardDraft({ expectedRevision: draft.revision });
  });
});

describe("bad input", () => {
  it.each([
    ["a malformed colour", { colors: { ...GOOD_COLORS, light: { ...GOOD_COLORS.light, primary: "#12345" } } }, "colors", /hex colour/],
    ["a colour name", { colors: { ...GOOD_COLORS, dark: { ...GOOD_COLORS.dark, text: "white" } } }, "colors", /hex colour/],
    ["a missing theme", { colors: { light: GOOD_COLORS.light } }, "colors", /.+/],
    ["a bad support email", { supportEmail: "help-at-aurora" }, "supportEmail", /.+/],
    ["an empty display name", { displayName: "   " }, "displayName", /Display name is required/],
    ["an over-long legal name", { legalName: "x".repeat(201) }, "legalName", /under 200/],
    ["an empty legal address", { legalAddress: "" }, "legalAddress", /Legal address is required/],
    ["a logo id that is no id", { logoAssetId: "logo.png" }, "logoAssetId", /returned by an upload/],
    ["an unknown logo id", { logoAssetId: "8a1e2b7c-0000-4000-8000-000000000000" }, "logoAssetId", /uploaded for this brand/],
    ["a revision of zero", { expectedRevision: 0 }, "expectedRevision", /positive/],
    ["a NUL in the legal address (PostgreSQL cannot store it)", { legalAddress: "Storgata\u0000 1" }, "legalAddress", /NUL/],
    ["a NUL in the display name", { displayName: "Aurora\u0000" }, "displayName", /NUL/],
    ["a NUL in the change summary", { changeSummary: "\u0000" }, "changeSummary", /NUL/],
  ])("refuses %s naming the field, and saves nothing", async (_name, change, field, message) => {
    const before = await rowsOf(h.tenantIds.northwave);
    const mark = await auditMark(h);
    const error = await clientErrorFrom(admin.caller.branding.saveDraft(fieldsOf(change) as never));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors?.[field]?.join(" ")).toMatch(message);
    expect(await rowsOf(h.tenantIds.northwave)).toEqual(before);
    expect(await mark.events()).toEqual([]);
  });
});

describe("published versions are immutable in the database", () => {
  it("refuses UPDATE and DELETE of a published row through the app role, and as the owner", async () => {
    const [row] = (await rowsOf(h.tenantIds.northwave)).filter((r) => r.status === "published");
    if (!row) throw new Error("no published Northwave branding");
    const asApp = (statement: ReturnType<typeof sql>) =>
      withRlsContext(h.db.db, { tenantId: row.tenantId, userId: null, allTenants: false }, (tx) => tx.execute(statement)).then(
        () => null,
        (error: unknown) => error,
      );
    expect(messagesOf(await asApp(sql`update branding_versions set display_name = 'Hacked' where id = ${row.id}`))).toContain(
      "published branding versions never change",
    );
    expect(messagesOf(await asApp(sql`delete from branding_versions where id = ${row.id}`))).toContain(
      "published branding versions never change",
    );
    const ownerUpdate = await Promise.resolve(
      h.db.db.execute(sql`update branding_versions set powered_by = not powered_by where id = ${row.id}`),
    ).then(
      () => null,
      (error: unknown) => error,
    );
    expect(messagesOf(ownerUpdate)).toContain("published branding versions never change");
    const [still] = await h.db.db.select().from(brandingVersions).where(eq(brandingVersions.id, row.id));
    expect(still).toEqual(row);
  });
});

describe("audit trail", () => {
  it("writes one event with before and after for each step", async () => {
    const { partner, staff } = await freshTenant("cirrus-sound");
    const mark = await auditMark(h);
    const draft = await partner.caller.branding.saveDraft(fieldsOf());
    const saved = await partner.caller.branding.saveDraft(fieldsOf({ displayName: "Cirrus", expectedRevision: draft.revision }));
    await partner.caller.branding.publish({ expectedRevision: saved.revision });
    await partner.caller.branding.rollback({ version: 1 });
    await staff.caller.branding.setPoweredBy({ poweredBy: false });
    const again = await partner.caller.branding.saveDraft(fieldsOf());
    await partner.caller.branding.discardDraft({ expectedRevision: again.revision });
    const events = (await mark.events()).filter((e) => e.action.startsWith("branding."));
    expect(events.map((e) => [e.action, e.actorLabel])).toEqual([
      ["branding.save_draft", "admin@cirrus-sound.test"],
      ["branding.save_draft", "admin@cirrus-sound.test"],
      ["branding.publish", "admin@cirrus-sound.test"],
      ["branding.rollback", "admin@cirrus-sound.test"],
      ["branding.set_powered_by", "admin@masterchannel.test"],
      ["branding.save_draft", "admin@cirrus-sound.test"],
      ["branding.discard_draft", "admin@cirrus-sound.test"],
    ]);
    expect(events[0]?.before).toBeNull();
    expect(events[1]).toMatchObject({
      before: { displayName: "Aurora Audio", revision: 1 },
      after: { displayName: "Cirrus", revision: 2 },
    });
    expect(events[2]).toMatchObject({ before: null, after: { status: "published", version: 1, colors: GOOD_COLORS } });
    expect(events[3]).toMatchObject({ before: { version: 1 }, after: { version: 2, basedOnVersion: 1 } });
    expect(events[4]).toMatchObject({ before: { version: 2, poweredBy: true }, after: { version: 3, poweredBy: false } });
    expect(events[6]).toMatchObject({ before: { status: "draft", poweredBy: false }, after: null });
    // A refused step writes nothing.
    const refusedMark = await auditMark(h);
    await codeOf(partner.caller.branding.publish({ expectedRevision: 1 }));
    expect(await refusedMark.events()).toEqual([]);
  });
});

describe("permissions and isolation", () => {
  it("lets a viewer read but not change anything", async () => {
    expect((await viewer.caller.branding.get()).inEffect).not.toBeNull();
    expect((await viewer.caller.branding.history()).length).toBeGreaterThan(0);
    const before = await rowsOf(h.tenantIds.northwave);
    const attempts = [
      () => viewer.caller.branding.saveDraft(fieldsOf()),
      () => viewer.caller.branding.discardDraft({ expectedRevision: 1 }),
      () => viewer.caller.branding.publish({ expectedRevision: 1 }),
      () => viewer.caller.branding.rollback({ version: 1 }),
      () => viewer.caller.branding.setPoweredBy({ poweredBy: false }),
    ];
    for (const attempt of attempts) expect(await codeOf(attempt())).toBe("FORBIDDEN");
    expect(await rowsOf(h.tenantIds.northwave)).toEqual(before);
  });

  it("shows another tenant's admin none of Northwave's branding, and lets it roll back only its own versions", async () => {
    const other = await h.as("admin@fjordsound.test");
    const northwaveRows = await rowsOf(h.tenantIds.northwave);
    const seen = JSON.stringify([await other.caller.branding.get(), await other.caller.branding.history()]);
    for (const row of northwaveRows) expect(seen).not.toContain(row.id);
    expect(seen.toLowerCase()).not.toContain("northwave");
    const beyond = (await latestVersion(h.tenantIds.fjordsound)) + 1;
    expect(await latestVersion(h.tenantIds.northwave)).toBeGreaterThanOrEqual(beyond);
    expect(await codeOf(other.caller.branding.rollback({ version: beyond }))).toBe("NOT_FOUND");
    expect(await rowsOf(h.tenantIds.northwave)).toEqual(northwaveRows);
  });
});

describe("diffBrandingVersions", () => {
  const base = {
    displayName: "A",
    legalName: "A AS",
    legalAddress: "Oslo",
    supportEmail: "a@a.test",
    logo: { id: "l1", fileName: "logo.png", url: "/l1" },
    favicon: null,
    colors: GOOD_COLORS,
    poweredBy: true,
  };
  it("lists only what changed; images compare by asset, not by file name", () => {
    expect(diffBrandingVersions(base, base)).toEqual([]);
    expect(diffBrandingVersions(base, { ...base, logo: { id: "l1", fileName: "renamed.png", url: "/l1" } })).toEqual([]);
    const newLogo = { id: "l2", fileName: "logo.png", url: "/l2" };
    expect(
      diffBrandingVersions(base, {
        ...base,
        logo: newLogo,
        favicon: { id: "f1", fileName: "f.png", url: "/f1" },
        colors: { ...GOOD_COLORS, light: { ...GOOD_COLORS.light, background: "#fafafa" } },
        poweredBy: false,
      }),
    ).toEqual([
      { field: "logo", before: base.logo, after: newLogo },
      { field: "favicon", before: null, after: { id: "f1", fileName: "f.png", url: "/f1" } },
      { field: "colors.light.background", before: "#ffffff", after: "#fafafa" },
      { field: "poweredBy", before: true, after: false },
    ]);
    expect(diffBrandingVersions(null, base).find((c) => c.field === "favicon")).toBeUndefined();
    expect(diffBrandingVersions(null, base)).toHaveLength(14);
  });
});
