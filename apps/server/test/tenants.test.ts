/**
 * Tenants: the operator admin creates, suspends and reactivates them; everyone else reads what
 * their role allows. Every change leaves exactly one audit event.
 */
import { randomUUID } from "node:crypto";
import { auditEvents, DEMO_PASSWORD, invitations, tenants } from "@pc/db";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditMark, clientErrorFrom, codeOf, errorOf, tokenOf, userIdOf } from "./expect-code.js";
import { type Client, createHarness, type Harness } from "./harness.js";

let h: Harness;
let ids: Harness["tenantIds"];

beforeAll(async () => {
  h = await createHarness();
  ids = h.tenantIds;
});
afterAll(() => h.close());

/** Signs in from a given IP, so audit events can be matched to it. */
async function signIn(email: string, ip: string): Promise<Client> {
  const c = await h.client({ ip });
  await c.caller.auth.login({ email, password: DEMO_PASSWORD });
  return c;
}

const snapshot = () => h.db.db.select().from(tenants).orderBy(asc(tenants.slug));
const requestNumber = (requestId: string | null) => Number(/^test-(\d+)$/.exec(requestId ?? "")?.[1] ?? Number.NaN);

describe("tenants.create", () => {
  it("creates a tenant with a normalised slug, lists it for staff, and writes one audit event", async () => {
    const ip = "203.0.113.11";
    const admin = await signIn("admin@masterchannel.test", ip);
    const adminId = await userIdOf(h, "admin@masterchannel.test");
    const [login] = await h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.login"), eq(auditEvents.ip, ip)));
    const mark = await auditMark(h);

    const created = await admin.caller.tenants.create({ name: "  Soundforge  ", slug: " SoundForge " });
    expect(created).toMatchObject({ slug: "soundforge", name: "Soundforge", status: "active", memberCount: 0, suspendedAt: null });

    for (const email of ["admin@masterchannel.test", "compliance@masterchannel.test", "finance@masterchannel.test"]) {
      const staff = await h.as(email);
      const listed = await staff.caller.tenants.list();
      expect(listed.map((t) => t.slug).sort()).toEqual(["beatlab", "fjordsound", "northwave", "soundforge"]);
      expect(listed.find((t) => t.slug === "soundforge")).toMatchObject({ id: created.id, memberCount: 0, status: "active" });
    }

    const events = (await mark.events()).filter((e) => e.action !== "auth.login");
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      tenantId: created.id,
      actorUserId: adminId,
      actorLabel: "admin@masterchannel.test",
      action: "tenant.create",
      targetType: "tenant",
      targetId: created.id,
      before: null,
      ip,
    });
    expect(event?.after).toMatchObject({ id: created.id, slug: "soundforge", name: "Soundforge", status: "active" });
    expect(event?.requestId).toMatch(/^test-\d+$/);
    // The event carries the id of the create request, not the one of the login before it.
    expect(login?.requestId).toMatch(/^test-\d+$/);
    expect(requestNumber(event?.requestId ?? null)).toBeGreaterThan(requestNumber(login?.requestId ?? null));
  });

  it("answers malformed slugs and names with BAD_REQUEST and field errors, creating nothing", async () => {
    const admin = await h.as("admin@masterchannel.test");
    const before = await snapshot();
    const mark = await auditMark(h);
    const badSlugs = ["ab", "-abc", "abc-", "ab_c", "ab c", "a.b.c", "åse-lab", "x".repeat(41), "", "---"];
    for (const slug of badSlugs) {
      const error = await clientErrorFrom(admin.caller.tenants.create({ name: "Valid Name", slug }));
      expect(error.code, slug).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.slug?.length, slug).toBeGreaterThan(0);
      expect(error.fieldErrors?.name, slug).toBeUndefined();
    }
    const badName = await clientErrorFrom(admin.caller.tenants.create({ name: " x ", slug: "valid-slug" }));
    expect(badName.code).toBe("BAD_REQUEST");
    expect(badName.fieldErrors?.name?.length).toBeGreaterThan(0);
    expect(badName.fieldErrors?.slug).toBeUndefined();

    expect(await snapshot()).toEqual(before);
    expect(await mark.events()).toEqual([]);
  });

  it("answers a taken slug (in any case) with CONFLICT and changes nothing", async () => {
    const admin = await h.as("admin@masterchannel.test");
    const before = await snapshot();
    const mark = await auditMark(h);
    expect(await codeOf(admin.caller.tenants.create({ name: "Another Northwave", slug: "northwave" }))).toBe("CONFLICT");
    expect(await codeOf(admin.caller.tenants.create({ name: "Shouting Northwave", slug: " NorthWave " }))).toBe("CONFLICT");
    expect(await snapshot()).toEqual(before);
    expect(await mark.events()).toEqual([]);
  });

  it("refuses compliance, finance and partners (FORBIDDEN), creating nothing", async () => {
    const before = await snapshot();
    const mark = await auditMark(h);
    for (const email of ["compliance@masterchannel.test", "finance@masterchannel.test", "admin@northwave.test", "viewer@beatlab.test"]) {
      const c = await h.as(email);
      const sinceLogin = await auditMark(h);
      expect(await codeOf(c.caller.tenants.create({ name: "Rogue Tenant", slug: `rogue-${email.split("@")[0]}` })), email).toBe(
        "FORBIDDEN",
      );
      expect(await sinceLogin.events(), email).toEqual([]);
    }
    expect(await snapshot()).toEqual(before);
    expect((await mark.events()).every((e) => e.action === "auth.login")).toBe(true);
  });
});

describe("tenants.list and tenants.get", () => {
  it("shows a partner only their own tenant, with its member count", async () => {
    for (const email of ["admin@northwave.test", "viewer@northwave.test"]) {
      const c = await h.as(email);
      const listed = await c.caller.tenants.list();
      expect(
        listed.map((t) => t.id),
        email,
      ).toEqual([ids.northwave]);
      expect(listed[0]).toMatchObject({ slug: "northwave", name: "Northwave", status: "active", memberCount: 2 });
      expect(await c.caller.tenants.get({ id: ids.northwave })).toMatchObject({ id: ids.northwave, memberCount: 2 });
    }
  });

  it("answers another tenant's id exactly like an unknown id for a partner", async () => {
    const c = await h.as("admin@northwave.test");
    const other = await errorOf(c.caller.tenants.get({ id: ids.beatlab }));
    const unknown = await errorOf(c.caller.tenants.get({ id: randomUUID() }));
    expect(other.code).toBe("NOT_FOUND");
    expect([other.code, other.message]).toEqual([unknown.code, unknown.message]);
  });

  it("lets operator staff read any tenant, and answers an unknown id with NOT_FOUND", async () => {
    for (const email of ["admin@masterchannel.test", "compliance@masterchannel.test", "finance@masterchannel.test"]) {
      const c = await h.as(email);
      expect(await c.caller.tenants.get({ id: ids.beatlab }), email).toMatchObject({ slug: "beatlab", memberCount: 2 });
      expect(await codeOf(c.caller.tenants.get({ id: randomUUID() })), email).toBe("NOT_FOUND");
    }
  });

  it("asks for a valid id (BAD_REQUEST with fieldErrors.id)", async () => {
    const c = await h.as("admin@masterchannel.test");
    const error = await clientErrorFrom(c.caller.tenants.get({ id: "not-a-uuid" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors?.id?.length).toBeGreaterThan(0);
  });
});

describe("tenants.suspend and tenants.reactivate", () => {
  it("refuses compliance, finance and partners (FORBIDDEN) and leaves the tenant active", async () => {
    const mark = await auditMark(h);
    for (const email of ["compliance@masterchannel.test", "finance@masterchannel.test", "admin@fjordsound.test"]) {
      const c = await h.as(email);
      expect(await codeOf(c.caller.tenants.suspend({ id: ids.fjordsound, reason: "Not my call" })), email).toBe("FORBIDDEN");
      expect(await codeOf(c.caller.tenants.reactivate({ id: ids.fjordsound })), email).toBe("FORBIDDEN");
    }
    const [tenant] = await h.db.db.select().from(tenants).where(eq(tenants.id, ids.fjordsound));
    expect(tenant).toMatchObject({ status: "active", suspendedAt: null, suspendedReason: null });
    expect((await mark.events()).every((e) => e.action === "auth.login")).toBe(true);
  });

  it("needs a reason (BAD_REQUEST with fieldErrors.reason) and an existing tenant (NOT_FOUND)", async () => {
    const admin = await h.as("admin@masterchannel.test");
    const mark = await auditMark(h);
    for (const reason of [undefined, "", "  ", "ab"]) {
      const error = await clientErrorFrom(admin.caller.tenants.suspend({ id: ids.fjordsound, reason } as never));
      expect(error.code, String(reason)).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.reason?.length, String(reason)).toBeGreaterThan(0);
    }
    expect(await codeOf(admin.caller.tenants.suspend({ id: randomUUID(), reason: "Unknown tenant" }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.caller.tenants.reactivate({ id: randomUUID() }))).toBe("NOT_FOUND");
    const [tenant] = await h.db.db.select().from(tenants).where(eq(tenants.id, ids.fjordsound));
    expect(tenant?.status).toBe("active");
    expect(await mark.events()).toEqual([]);
  });

  it("suspends: the partner loses team access on the next call; reactivating restores it; each change is audited once", async () => {
    const partnerAdmin = await h.as("admin@fjordsound.test");
    const partnerViewer = await h.as("viewer@fjordsound.test");
    expect(await codeOf(partnerAdmin.caller.team.list())).toBe("OK");
    expect(await codeOf(partnerViewer.caller.team.list())).toBe("OK");
    // An invitation issued before the suspension.
    const pending = await partnerAdmin.caller.team.invite({ email: "later@fjordsound.test", role: "partner_viewer" });

    const ip = "203.0.113.12";
    const admin = await signIn("admin@masterchannel.test", ip);
    const adminId = await userIdOf(h, "admin@masterchannel.test");

    // Suspend.
    const suspendMark = await auditMark(h);
    const suspended = await admin.caller.tenants.suspend({ id: ids.fjordsound, reason: "  Unpaid invoices since March  " });
    expect(suspended).toMatchObject({ id: ids.fjordsound, status: "suspended", suspendedReason: "Unpaid invoices since March" });
    expect(suspended.suspendedAt).toBeInstanceOf(Date);
    const suspendEvents = await suspendMark.events();
    expect(suspendEvents).toHaveLength(1);
    expect(suspendEvents[0]).toMatchObject({
      tenantId: ids.fjordsound,
      actorUserId: adminId,
      actorLabel: "admin@masterchannel.test",
      action: "tenant.suspend",
      targetType: "tenant",
      targetId: ids.fjordsound,
      ip,
    });
    expect(suspendEvents[0]?.before).toMatchObject({ status: "active", suspendedReason: null });
    expect(suspendEvents[0]?.after).toMatchObject({ status: "suspended", suspendedReason: "Unpaid invoices since March" });
    expect(suspendEvents[0]?.requestId).toMatch(/^test-\d+$/);

    // The partner's very next call has no tenant to act on.
    for (const c of [partnerAdmin, partnerViewer]) {
      expect(await codeOf(c.caller.team.list())).toBe("PRECONDITION_FAILED");
    }
    expect(await codeOf(partnerAdmin.caller.team.invite({ email: "sneaky@fjordsound.test", role: "partner_admin" }))).toBe(
      "PRECONDITION_FAILED",
    );
    const me = await partnerAdmin.caller.auth.me();
    expect(me?.activeTenant).toBeNull();
    expect(me?.roles).toEqual([]);
    expect(me?.permissions).toEqual([]);
    expect(me?.memberships).toEqual([expect.objectContaining({ tenantId: ids.fjordsound, tenantStatus: "suspended" })]);
    // Neither switching back nor signing in again opens the tenant.
    expect(await codeOf(partnerAdmin.caller.auth.switchTenant({ tenantId: ids.fjordsound }))).toBe("FORBIDDEN");
    const fresh = await h.as("admin@fjordsound.test");
    expect((await fresh.caller.auth.me())?.activeTenant).toBeNull();
    expect(await codeOf(fresh.caller.team.list())).toBe("PRECONDITION_FAILED");
    // Nor does an invitation into it.
    expect(await codeOf(h.client().then((c) => c.caller.auth.invitation({ token: tokenOf(pending.url) })))).toBe("PRECONDITION_FAILED");
    expect(
      await codeOf(admin.caller.users.invite({ email: "new@fjordsound.test", role: "partner_viewer", tenantId: ids.fjordsound })),
    ).toBe("PRECONDITION_FAILED");
    // Other tenants are untouched.
    expect(await codeOf((await h.as("admin@northwave.test")).caller.team.list())).toBe("OK");

    // Suspending twice is a domain error and changes nothing.
    const twiceMark = await auditMark(h);
    expect(await codeOf(admin.caller.tenants.suspend({ id: ids.fjordsound, reason: "Again, for good measure" }))).toBe(
      "PRECONDITION_FAILED",
    );
    const [still] = await h.db.db.select().from(tenants).where(eq(tenants.id, ids.fjordsound));
    expect(still).toMatchObject({ status: "suspended", suspendedReason: "Unpaid invoices since March" });
    expect(await twiceMark.events()).toEqual([]);

    // Reactivate.
    const reactivateMark = await auditMark(h);
    const reactivated = await admin.caller.tenants.reactivate({ id: ids.fjordsound });
    expect(reactivated).toMatchObject({ id: ids.fjordsound, status: "active", suspendedAt: null, suspendedReason: null });
    const reactivateEvents = await reactivateMark.events();
    expect(reactivateEvents).toHaveLength(1);
    expect(reactivateEvents[0]).toMatchObject({
      tenantId: ids.fjordsound,
      actorUserId: adminId,
      actorLabel: "admin@masterchannel.test",
      action: "tenant.reactivate",
      targetId: ids.fjordsound,
      ip,
    });
    expect(reactivateEvents[0]?.before).toMatchObject({ status: "suspended", suspendedReason: "Unpaid invoices since March" });
    expect(reactivateEvents[0]?.after).toMatchObject({ status: "active", suspendedReason: null });
    expect(reactivateEvents[0]?.requestId).not.toBe(suspendEvents[0]?.requestId);

    expect(await codeOf(admin.caller.tenants.reactivate({ id: ids.fjordsound }))).toBe("PRECONDITION_FAILED");

    // Access is back: the open session can switch back to the tenant, a new login lands on it.
    const back = await partnerAdmin.caller.auth.switchTenant({ tenantId: ids.fjordsound });
    expect(back.roles).toEqual(["partner_admin"]);
    expect(await codeOf(partnerAdmin.caller.team.list())).toBe("OK");
    const again = await h.as("viewer@fjordsound.test");
    expect((await again.caller.auth.me())?.activeTenant?.id).toBe(ids.fjordsound);
    expect(await codeOf(again.caller.team.list())).toBe("OK");
    // The pending invitation works again.
    expect(await (await h.client()).caller.auth.invitation({ token: tokenOf(pending.url) })).toMatchObject({
      email: "later@fjordsound.test",
      tenantName: "Fjordsound",
    });
    const [invitation] = await h.db.db.select().from(invitations).where(eq(invitations.id, pending.invitationId));
    expect(invitation?.revokedAt).toBeNull();

    // The partner sees the operator's actions on their tenant in their own audit trail.
    const trail = await partnerAdmin.caller.audit.list({});
    const actions = trail.items.filter((e) => e.actorLabel === "admin@masterchannel.test").map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["tenant.suspend", "tenant.reactivate"]));
  });
});
