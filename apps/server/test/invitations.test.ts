/**
 * Invitations end to end: the link describes itself, accepting creates the account (and signs it
 * in) or adds a membership to an existing one, and the link works once. Who may list and revoke
 * pending invitations, and a person who belongs to two tenants.
 */
import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD, invitations, tenantMemberships, users } from "@pc/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditMark, clientErrorFrom, codeOf, errorOf, tokenOf, userIdOf } from "./expect-code.js";
import { createHarness, type Harness } from "./harness.js";

let h: Harness;
let ids: Harness["tenantIds"];

beforeAll(async () => {
  h = await createHarness();
  ids = h.tenantIds;
});
afterAll(() => h.close());

const PASSWORD = "a-brand-new-password";
const invitationRow = async (id: string) => (await h.db.db.select().from(invitations).where(eq(invitations.id, id)))[0];
const userByEmail = async (email: string) => (await h.db.db.select().from(users).where(eq(users.email, email)))[0];

describe("accepting an invitation", () => {
  it("describes itself, creates the account, signs it in on the tenant with the role, and works once", async () => {
    const admin = await h.as("admin@northwave.test");
    const invitation = await admin.caller.team.invite({ email: "newbie@example.test", role: "partner_viewer" });
    const token = tokenOf(invitation.url);

    const anonymous = await h.client({ ip: "192.0.2.44" });
    expect(await anonymous.caller.auth.invitation({ token })).toEqual({
      email: "newbie@example.test",
      role: "partner_viewer",
      tenantName: "Northwave",
      invitedByName: "Nora Berg",
      accountExists: false,
      expiresAt: invitation.expiresAt,
    });

    const mark = await auditMark(h);
    const result = await anonymous.caller.auth.acceptInvitation({ token, name: "  Nova Newbie ", password: PASSWORD });
    expect(anonymous.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const created = await userByEmail("newbie@example.test");
    expect(created).toMatchObject({ id: result.userId, name: "Nova Newbie", operatorRole: null });
    expect(created?.passwordHash).not.toContain(PASSWORD);

    const me = await anonymous.caller.auth.me();
    expect(me).toMatchObject({
      user: { id: result.userId, email: "newbie@example.test", name: "Nova Newbie" },
      operatorRole: null,
      activeTenant: { id: ids.northwave, slug: "northwave" },
      roles: ["partner_viewer"],
      memberships: [{ tenantId: ids.northwave, tenantSlug: "northwave", role: "partner_viewer" }],
    });
    expect((await anonymous.caller.team.list()).map((m) => m.email)).toContain("newbie@example.test");
    expect(await codeOf(anonymous.caller.team.invite({ email: "a@example.test", role: "partner_viewer" }))).toBe("FORBIDDEN");

    expect(await invitationRow(invitation.invitationId)).toMatchObject({ acceptedBy: result.userId, revokedAt: null });
    expect((await invitationRow(invitation.invitationId))?.acceptedAt).toBeInstanceOf(Date);
    const events = await mark.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      tenantId: ids.northwave,
      actorUserId: result.userId,
      actorLabel: "newbie@example.test",
      action: "invitation.accept",
      targetType: "user",
      targetId: result.userId,
      ip: "192.0.2.44",
      after: { email: "newbie@example.test", role: "partner_viewer", tenantId: ids.northwave, createdAccount: true },
    });
    expect(events[0]?.requestId).toMatch(/^test-\d+$/);

    // The link is spent.
    const again = await h.client();
    expect(await codeOf(again.caller.auth.invitation({ token }))).toBe("NOT_FOUND");
    expect(await codeOf(again.caller.auth.acceptInvitation({ token, name: "Someone Else", password: "another-password-1" }))).toBe(
      "NOT_FOUND",
    );
    expect(again.token).toBeUndefined();
    expect((await h.db.db.select().from(users).where(eq(users.email, "newbie@example.test"))).length).toBe(1);
    expect((await admin.caller.invitations.list()).map((i) => i.id)).not.toContain(invitation.invitationId);

    // The new password works for a normal login.
    const later = await h.as("newbie@example.test", PASSWORD);
    expect((await later.caller.auth.me())?.activeTenant?.id).toBe(ids.northwave);
  });

  it("replaces the session the accepting browser held", async () => {
    const admin = await h.as("admin@northwave.test");
    const invitation = await admin.caller.team.invite({ email: "switcher@example.test", role: "partner_admin" });
    const browser = await h.as("viewer@beatlab.test");
    const oldToken = browser.token;
    await browser.caller.auth.acceptInvitation({ token: tokenOf(invitation.url), name: "Sam Switcher", password: PASSWORD });
    expect(browser.token).not.toBe(oldToken);
    expect((await browser.caller.auth.me())?.user.email).toBe("switcher@example.test");
    expect(await (await h.client({ token: oldToken })).caller.auth.me()).toBeNull();
  });

  it("needs a password (12+ characters) for a new account, and keeps the invitation usable", async () => {
    const admin = await h.as("admin@northwave.test");
    const invitation = await admin.caller.team.invite({ email: "nopass@example.test", role: "partner_viewer" });
    const token = tokenOf(invitation.url);
    const c = await h.client();
    const mark = await auditMark(h);

    expect(await codeOf(c.caller.auth.acceptInvitation({ token, name: "No Pass" }))).toBe("PRECONDITION_FAILED");
    const short = await clientErrorFrom(c.caller.auth.acceptInvitation({ token, name: "No Pass", password: "short" }));
    expect(short.code).toBe("BAD_REQUEST");
    expect(short.fieldErrors?.password?.length).toBeGreaterThan(0);
    const noName = await clientErrorFrom(c.caller.auth.acceptInvitation({ token, name: "  ", password: PASSWORD }));
    expect(noName.code).toBe("BAD_REQUEST");
    expect(noName.fieldErrors?.name?.length).toBeGreaterThan(0);

    expect(c.token).toBeUndefined();
    expect(await userByEmail("nopass@example.test")).toBeUndefined();
    expect(await invitationRow(invitation.invitationId)).toMatchObject({ acceptedAt: null, revokedAt: null });
    expect(await mark.events()).toEqual([]);

    await c.caller.auth.acceptInvitation({ token, name: "No Pass", password: PASSWORD });
    expect((await c.caller.auth.me())?.roles).toEqual(["partner_viewer"]);
  });

  it("adds the membership to an existing account without signing anyone in", async () => {
    const admin = await h.as("admin@fjordsound.test");
    const invitation = await admin.caller.team.invite({ email: "viewer@beatlab.test", role: "partner_admin" });
    const token = tokenOf(invitation.url);
    const existingId = await userIdOf(h, "viewer@beatlab.test");
    const nameBefore = (await userByEmail("viewer@beatlab.test"))?.name;
    expect(nameBefore).not.toBe("Not Used");

    const c = await h.client();
    expect(await c.caller.auth.invitation({ token })).toMatchObject({ accountExists: true, tenantName: "Fjordsound" });
    const mark = await auditMark(h);
    const result = await c.caller.auth.acceptInvitation({ token, name: "Not Used", password: "an-attackers-password" });
    expect(result.userId).toBe(existingId);
    expect(c.token).toBeUndefined();
    expect(await c.caller.auth.me()).toBeNull();
    const events = await mark.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "invitation.accept", tenantId: ids.fjordsound, after: { createdAccount: false } });

    // The account keeps its name and password; it now also holds the role on Fjordsound.
    expect(await userByEmail("viewer@beatlab.test")).toMatchObject({ name: nameBefore });
    expect(await codeOf(h.as("viewer@beatlab.test", "an-attackers-password"))).toBe("UNAUTHORIZED");
    const owner = await h.as("viewer@beatlab.test", DEMO_PASSWORD);
    const me = await owner.caller.auth.me();
    expect(me?.memberships.map((m) => [m.tenantSlug, m.role])).toEqual([
      ["beatlab", "partner_viewer"],
      ["fjordsound", "partner_admin"],
    ]);
    expect(await codeOf(h.client().then((x) => x.caller.auth.acceptInvitation({ token, name: "Twice" })))).toBe("NOT_FOUND");
  });

  it("refuses an expired invitation (NOT_FOUND) and creates nothing", async () => {
    const admin = await h.as("admin@northwave.test");
    const invitation = await admin.caller.team.invite({ email: "late@example.test", role: "partner_viewer" });
    const token = tokenOf(invitation.url);
    await h.db.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitation.invitationId));
    const c = await h.client();
    expect(await codeOf(c.caller.auth.invitation({ token }))).toBe("NOT_FOUND");
    expect(await codeOf(c.caller.auth.acceptInvitation({ token, name: "Late Larry", password: PASSWORD }))).toBe("NOT_FOUND");
    expect(c.token).toBeUndefined();
    expect(await userByEmail("late@example.test")).toBeUndefined();
    expect((await admin.caller.invitations.list()).map((i) => i.id)).not.toContain(invitation.invitationId);
  });

  it("refuses a revoked invitation (NOT_FOUND); revoking is audited once and works once", async () => {
    const admin = await h.as("admin@northwave.test");
    const invitation = await admin.caller.team.invite({ email: "revoked@example.test", role: "partner_admin" });
    const mark = await auditMark(h);
    expect(await admin.caller.invitations.revoke({ invitationId: invitation.invitationId })).toEqual({ ok: true });
    const events = await mark.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      tenantId: ids.northwave,
      action: "invitation.revoke",
      targetType: "invitation",
      targetId: invitation.invitationId,
      actorLabel: "admin@northwave.test",
      before: { email: "revoked@example.test", role: "partner_admin" },
    });
    expect(await codeOf(admin.caller.invitations.revoke({ invitationId: invitation.invitationId }))).toBe("NOT_FOUND");

    const c = await h.client();
    const token = tokenOf(invitation.url);
    expect(await codeOf(c.caller.auth.invitation({ token }))).toBe("NOT_FOUND");
    expect(await codeOf(c.caller.auth.acceptInvitation({ token, name: "Rev Oked", password: PASSWORD }))).toBe("NOT_FOUND");
    expect(await userByEmail("revoked@example.test")).toBeUndefined();
  });

  it("answers a malformed token with BAD_REQUEST and an unknown one with NOT_FOUND", async () => {
    const c = await h.client();
    for (const token of ["", "short", `${"a".repeat(42)}!`, "a".repeat(44)]) {
      const error = await clientErrorFrom(c.caller.auth.invitation({ token }));
      expect(error.code, token).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.token?.length, token).toBeGreaterThan(0);
    }
    expect(await codeOf(c.caller.auth.invitation({ token: "A".repeat(43) }))).toBe("NOT_FOUND");
  });
});

describe("re-inviting", () => {
  it("replaces the earlier pending invitation of the same email and tenant, and only that one", async () => {
    const admin = await h.as("admin@masterchannel.test");
    const first = await admin.caller.users.invite({ email: "twice@example.test", role: "partner_viewer", tenantId: ids.beatlab });
    const elsewhere = await admin.caller.users.invite({ email: "twice@example.test", role: "partner_viewer", tenantId: ids.northwave });
    const second = await admin.caller.users.invite({ email: "Twice@Example.test", role: "partner_admin", tenantId: ids.beatlab });

    const c = await h.client();
    expect(await codeOf(c.caller.auth.invitation({ token: tokenOf(first.url) }))).toBe("NOT_FOUND");
    expect((await invitationRow(first.invitationId))?.revokedAt).toBeInstanceOf(Date);
    expect(await c.caller.auth.invitation({ token: tokenOf(second.url) })).toMatchObject({ role: "partner_admin", tenantName: "Beatlab" });
    expect(await c.caller.auth.invitation({ token: tokenOf(elsewhere.url) })).toMatchObject({ tenantName: "Northwave" });

    const pending = (await admin.caller.invitations.list()).filter((i) => i.email === "twice@example.test");
    expect(pending.map((i) => i.id).sort()).toEqual([second.invitationId, elsewhere.invitationId].sort());

    await c.caller.auth.acceptInvitation({ token: tokenOf(second.url), name: "Tina Twice", password: PASSWORD });
    expect((await c.caller.auth.me())?.roles).toEqual(["partner_admin"]);
  });
});

describe("invitations.list and invitations.revoke", () => {
  let northwavePending: string;
  let beatlabPending: string;
  let operatorPending: string;

  beforeAll(async () => {
    const operator = await h.as("admin@masterchannel.test");
    northwavePending = (
      await operator.caller.users.invite({ email: "nw-pending@example.test", role: "partner_viewer", tenantId: ids.northwave })
    ).invitationId;
    beatlabPending = (
      await operator.caller.users.invite({ email: "bl-pending@example.test", role: "partner_admin", tenantId: ids.beatlab })
    ).invitationId;
    operatorPending = (await operator.caller.users.invite({ email: "staff-pending@example.test", role: "finance" })).invitationId;
  });

  it("shows a partner admin only their own tenant's pending invitations", async () => {
    const admin = await h.as("admin@northwave.test");
    const listed = await admin.caller.invitations.list();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((i) => i.tenantId === ids.northwave && i.tenantName === "Northwave")).toBe(true);
    expect(listed.map((i) => i.id)).toContain(northwavePending);
    expect(listed.map((i) => i.id)).not.toContain(beatlabPending);
    expect(listed.map((i) => i.id)).not.toContain(operatorPending);
    expect(listed.find((i) => i.id === northwavePending)).toMatchObject({
      email: "nw-pending@example.test",
      role: "partner_viewer",
      invitedByName: "Ada Solberg",
      invitedByEmail: "admin@masterchannel.test",
      status: "pending",
    });
    expect(listed.every((i) => i.expiresAt > new Date())).toBe(true);

    const beatlab = await h.as("admin@beatlab.test");
    const theirs = await beatlab.caller.invitations.list();
    expect(theirs.every((i) => i.tenantId === ids.beatlab)).toBe(true);
    expect(theirs.map((i) => i.id)).toContain(beatlabPending);
  });

  it("shows operator admin and compliance every pending invitation; FORBIDDEN to finance and viewers", async () => {
    for (const email of ["admin@masterchannel.test", "compliance@masterchannel.test"]) {
      const staff = await h.as(email);
      const listed = await staff.caller.invitations.list();
      expect(
        listed.map((i) => i.id),
        email,
      ).toEqual(expect.arrayContaining([northwavePending, beatlabPending, operatorPending]));
      expect(
        listed.find((i) => i.id === operatorPending),
        email,
      ).toMatchObject({ tenantId: null, tenantName: null, role: "finance" });
      expect(
        listed.every((i) => i.status === "pending"),
        email,
      ).toBe(true);
    }
    for (const email of ["finance@masterchannel.test", "viewer@northwave.test", "viewer@beatlab.test"]) {
      const c = await h.as(email);
      expect(await codeOf(c.caller.invitations.list()), email).toBe("FORBIDDEN");
    }
  });

  it("lets a partner admin revoke only their own tenant's invitations; another's is NOT_FOUND and stays pending", async () => {
    const admin = await h.as("admin@northwave.test");
    const mark = await auditMark(h);
    const other = await errorOf(admin.caller.invitations.revoke({ invitationId: beatlabPending }));
    const unknown = await errorOf(admin.caller.invitations.revoke({ invitationId: randomUUID() }));
    expect(other.code).toBe("NOT_FOUND");
    expect([other.code, other.message]).toEqual([unknown.code, unknown.message]);
    expect(await codeOf(admin.caller.invitations.revoke({ invitationId: operatorPending }))).toBe("NOT_FOUND");
    expect(await mark.events()).toEqual([]);
    expect(await invitationRow(beatlabPending)).toMatchObject({ revokedAt: null, acceptedAt: null });
    expect(await invitationRow(operatorPending)).toMatchObject({ revokedAt: null });

    for (const email of ["viewer@northwave.test", "compliance@masterchannel.test", "finance@masterchannel.test"]) {
      const c = await h.as(email);
      expect(await codeOf(c.caller.invitations.revoke({ invitationId: northwavePending })), email).toBe("FORBIDDEN");
    }
    expect(await invitationRow(northwavePending)).toMatchObject({ revokedAt: null });

    expect(await admin.caller.invitations.revoke({ invitationId: northwavePending })).toEqual({ ok: true });
    expect((await admin.caller.invitations.list()).map((i) => i.id)).not.toContain(northwavePending);
  });

  it("lets the operator admin revoke any invitation", async () => {
    const operator = await h.as("admin@masterchannel.test");
    for (const invitationId of [beatlabPending, operatorPending]) {
      expect(await operator.caller.invitations.revoke({ invitationId })).toEqual({ ok: true });
      expect((await invitationRow(invitationId))?.revokedAt).toBeInstanceOf(Date);
    }
    const listed = (await operator.caller.invitations.list()).map((i) => i.id);
    expect(listed).not.toContain(beatlabPending);
    expect(listed).not.toContain(operatorPending);
  });
});

describe("a person on two tenants", () => {
  it("sees both in auth.me and tenants.list, switches between them, and cannot switch to a third", async () => {
    const operator = await h.as("admin@masterchannel.test");
    const toNorthwave = await operator.caller.users.invite({ email: "dual@example.test", role: "partner_viewer", tenantId: ids.northwave });
    const toFjordsound = await operator.caller.users.invite({
      email: "dual@example.test",
      role: "partner_admin",
      tenantId: ids.fjordsound,
    });

    const dual = await h.client();
    await dual.caller.auth.acceptInvitation({ token: tokenOf(toNorthwave.url), name: "Dana Dual", password: PASSWORD });
    // The second link finds the account that now exists: it adds the membership, signing nobody in.
    const other = await h.client();
    expect(await other.caller.auth.invitation({ token: tokenOf(toFjordsound.url) })).toMatchObject({ accountExists: true });
    await other.caller.auth.acceptInvitation({ token: tokenOf(toFjordsound.url), name: "Dana Dual" });
    expect(other.token).toBeUndefined();

    const userId = await userIdOf(h, "dual@example.test");
    const memberships = await h.db.db.select().from(tenantMemberships).where(eq(tenantMemberships.userId, userId));
    expect(memberships.map((m) => [m.tenantId, m.role]).sort()).toEqual(
      [
        [ids.northwave, "partner_viewer"],
        [ids.fjordsound, "partner_admin"],
      ].sort(),
    );

    // The open session sees both at once.
    let me = await dual.caller.auth.me();
    expect(me?.activeTenant?.id).toBe(ids.northwave);
    expect(me?.roles).toEqual(["partner_viewer"]);
    expect(me?.memberships.map((m) => [m.tenantSlug, m.role, m.tenantStatus])).toEqual([
      ["fjordsound", "partner_admin", "active"],
      ["northwave", "partner_viewer", "active"],
    ]);
    const listed = await dual.caller.tenants.list();
    expect(listed.map((t) => t.slug)).toEqual(["fjordsound", "northwave"]);
    expect(await dual.caller.tenants.get({ id: ids.fjordsound })).toMatchObject({ slug: "fjordsound" });
    expect(await codeOf(dual.caller.team.invite({ email: "x@example.test", role: "partner_viewer" }))).toBe("FORBIDDEN");

    // Switch to Fjordsound: admin there, its team, its audit trail.
    me = await dual.caller.auth.switchTenant({ tenantId: ids.fjordsound });
    expect(me.activeTenant?.id).toBe(ids.fjordsound);
    expect(me.roles).toEqual(["partner_admin"]);
    expect(me.permissions).toContain("team.manage");
    expect((await dual.caller.auth.me())?.activeTenant?.slug).toBe("fjordsound");
    const team = await dual.caller.team.list();
    // Fjordsound's people (one of them joined it earlier in this file), never Northwave's.
    expect(team.map((m) => m.email).sort()).toEqual([
      "admin@fjordsound.test",
      "dual@example.test",
      "viewer@beatlab.test",
      "viewer@fjordsound.test",
    ]);
    const invited = await dual.caller.team.invite({ email: "fj-hire@example.test", role: "partner_viewer" });
    expect(invited.tenantId).toBe(ids.fjordsound);
    expect((await dual.caller.audit.list({})).items.every((e) => e.tenantId === ids.fjordsound)).toBe(true);
    // Switching does not leak Northwave into Fjordsound's view, nor the other way round.
    expect((await dual.caller.invitations.list()).every((i) => i.tenantId === ids.fjordsound)).toBe(true);

    // Back to Northwave: a viewer again.
    me = await dual.caller.auth.switchTenant({ tenantId: ids.northwave });
    expect(me.roles).toEqual(["partner_viewer"]);
    expect(await codeOf(dual.caller.team.invite({ email: "y@example.test", role: "partner_viewer" }))).toBe("FORBIDDEN");
    expect((await dual.caller.team.list()).map((m) => m.email)).not.toContain("admin@fjordsound.test");

    // A tenant they do not belong to reads exactly like one that does not exist.
    const third = await errorOf(dual.caller.auth.switchTenant({ tenantId: ids.beatlab }));
    const unknown = await errorOf(dual.caller.auth.switchTenant({ tenantId: randomUUID() }));
    expect(third.code).toBe("NOT_FOUND");
    expect([third.code, third.message]).toEqual([unknown.code, unknown.message]);
    expect((await dual.caller.auth.me())?.activeTenant?.id).toBe(ids.northwave);
    expect(await codeOf(dual.caller.tenants.get({ id: ids.beatlab }))).toBe("NOT_FOUND");

    // Staff see the person with both memberships.
    const person = (await operator.caller.users.list()).find((p) => p.email === "dual@example.test");
    expect(person?.memberships.map((m) => [m.tenantName, m.role])).toEqual([
      ["Fjordsound", "partner_admin"],
      ["Northwave", "partner_viewer"],
    ]);
    // Removal from one tenant leaves the other intact.
    const fjordAdmin = await h.as("admin@fjordsound.test");
    await fjordAdmin.caller.team.remove({ userId });
    me = await dual.caller.auth.me();
    expect(me?.memberships.map((m) => m.tenantSlug)).toEqual(["northwave"]);
    expect(await codeOf(dual.caller.team.list())).toBe("OK");
    expect(await codeOf(dual.caller.auth.switchTenant({ tenantId: ids.fjordsound }))).toBe("NOT_FOUND");
    const [row] = await h.db.db
      .select()
      .from(tenantMemberships)
      .where(and(eq(tenantMemberships.userId, userId), eq(tenantMemberships.tenantId, ids.northwave)));
    expect(row?.role).toBe("partner_viewer");
  });
});
