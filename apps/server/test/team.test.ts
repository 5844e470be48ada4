/**
 * The active tenant's team: partner admins invite, promote, demote and remove; viewers only read;
 * a tenant never loses its last partner admin; operator admins act on a tenant they switched to,
 * and the partner sees it in the tenant's audit trail.
 */
import { randomUUID } from "node:crypto";
import { invitations, tenantMemberships } from "@pc/db";
import { and, eq } from "drizzle-orm";
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

const roleOf = async (tenantId: string, userId: string) =>
  (
    await h.db.db
      .select({ role: tenantMemberships.role })
      .from(tenantMemberships)
      .where(and(eq(tenantMemberships.tenantId, tenantId), eq(tenantMemberships.userId, userId)))
  )[0]?.role ?? null;

/** A partner admin invites someone new, who accepts and is signed in. */
async function join(inviter: Client, email: string, role: "partner_admin" | "partner_viewer"): Promise<Client> {
  const invitation = await inviter.caller.team.invite({ email, role });
  const invitee = await h.client();
  await invitee.caller.auth.acceptInvitation({
    token: tokenOf(invitation.url),
    name: email.split("@")[0] as string,
    password: "team-password-2026",
  });
  if (!invitee.token) throw new Error(`${email} was not signed in`);
  return invitee;
}

describe("team as a partner viewer", () => {
  it("lists the team, and gets FORBIDDEN for every mutation without any change", async () => {
    const viewer = await h.as("viewer@northwave.test");
    const team = await viewer.caller.team.list();
    expect(team.map((m) => [m.email, m.role]).sort()).toEqual([
      ["admin@northwave.test", "partner_admin"],
      ["viewer@northwave.test", "partner_viewer"],
    ]);
    expect(team.every((m) => m.joinedAt instanceof Date && typeof m.name === "string" && m.userId.length === 36)).toBe(true);

    const adminId = await userIdOf(h, "admin@northwave.test");
    const viewerId = await userIdOf(h, "viewer@northwave.test");
    const invitationsBefore = await h.db.db.select().from(invitations);
    const mark = await auditMark(h);
    expect(await codeOf(viewer.caller.team.invite({ email: "friend@example.test", role: "partner_viewer" }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.caller.team.changeRole({ userId: viewerId, role: "partner_admin" }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.caller.team.changeRole({ userId: adminId, role: "partner_viewer" }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.caller.team.remove({ userId: adminId }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.caller.team.remove({ userId: viewerId }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.caller.invitations.list())).toBe("FORBIDDEN");

    expect(await roleOf(ids.northwave, adminId)).toBe("partner_admin");
    expect(await roleOf(ids.northwave, viewerId)).toBe("partner_viewer");
    expect(await h.db.db.select().from(invitations)).toEqual(invitationsBefore);
    expect(await mark.events()).toEqual([]);
  });
});

describe("team as a partner admin", () => {
  it("invites partner admins and viewers into the session's tenant only, audited once each", async () => {
    const admin = await h.as("admin@northwave.test");
    const adminId = await userIdOf(h, "admin@northwave.test");
    for (const role of ["partner_admin", "partner_viewer"] as const) {
      const mark = await auditMark(h);
      // A tenant id in the input is not part of the contract and must not redirect the invitation.
      const invitation = await admin.caller.team.invite({ email: `${role}@newhire.test`, role, tenantId: ids.beatlab } as never);
      expect(invitation).toMatchObject({ email: `${role}@newhire.test`, role, tenantId: ids.northwave });
      expect(tokenOf(invitation.url)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const events = await mark.events();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        tenantId: ids.northwave,
        actorUserId: adminId,
        actorLabel: "admin@northwave.test",
        action: "user.invite",
        targetId: invitation.invitationId,
        after: { email: `${role}@newhire.test`, role, tenantId: ids.northwave },
      });
      expect(events[0]?.requestId).toMatch(/^test-\d+$/);
      expect(events[0]?.ip).toBe("198.51.100.7");
    }
    const beatlabInvitations = await h.db.db.select().from(invitations).where(eq(invitations.tenantId, ids.beatlab));
    expect(beatlabInvitations).toEqual([]);
  });

  it("refuses operator roles (BAD_REQUEST with fieldErrors.role) and existing members (CONFLICT)", async () => {
    const admin = await h.as("admin@northwave.test");
    const before = await h.db.db.select().from(invitations);
    const mark = await auditMark(h);
    for (const role of ["operator_admin", "compliance", "finance"]) {
      const error = await clientErrorFrom(admin.caller.team.invite({ email: "boss@example.test", role } as never));
      expect(error.code, role).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.role?.length, role).toBeGreaterThan(0);
    }
    expect(await codeOf(admin.caller.team.invite({ email: "viewer@northwave.test", role: "partner_admin" }))).toBe("CONFLICT");
    expect(await codeOf(admin.caller.team.invite({ email: " ADMIN@northwave.test", role: "partner_viewer" }))).toBe("CONFLICT");
    expect(await h.db.db.select().from(invitations)).toEqual(before);
    expect(await mark.events()).toEqual([]);
  });

  it("changes roles with effect on the member's next call, audited with before and after", async () => {
    const admin = await h.as("admin@northwave.test");
    const adminId = await userIdOf(h, "admin@northwave.test");
    const member = await join(admin, "riley@northwave.test", "partner_viewer");
    const memberId = await userIdOf(h, "riley@northwave.test");
    expect((await member.caller.auth.me())?.roles).toEqual(["partner_viewer"]);
    expect(await codeOf(member.caller.team.invite({ email: "x@example.test", role: "partner_viewer" }))).toBe("FORBIDDEN");

    const mark = await auditMark(h);
    expect(await admin.caller.team.changeRole({ userId: memberId, role: "partner_admin" })).toEqual({ ok: true });
    const events = await mark.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      tenantId: ids.northwave,
      actorUserId: adminId,
      action: "team.change_role",
      targetType: "user",
      targetId: memberId,
      before: { role: "partner_viewer" },
      after: { role: "partner_admin" },
    });
    expect(await roleOf(ids.northwave, memberId)).toBe("partner_admin");
    expect((await member.caller.auth.me())?.roles).toEqual(["partner_admin"]);
    expect(await codeOf(member.caller.invitations.list())).toBe("OK");

    await admin.caller.team.changeRole({ userId: memberId, role: "partner_viewer" });
    expect(await codeOf(member.caller.invitations.list())).toBe("FORBIDDEN");
    expect(await codeOf(member.caller.team.list())).toBe("OK");

    // Setting the role a member already has changes nothing and writes nothing.
    const same = await auditMark(h);
    expect(await admin.caller.team.changeRole({ userId: memberId, role: "partner_viewer" })).toEqual({ ok: true });
    expect(await same.events()).toEqual([]);
  });

  it("never removes or demotes the last partner admin (PRECONDITION_FAILED), and nothing changes", async () => {
    const admin = await h.as("admin@northwave.test");
    const adminId = await userIdOf(h, "admin@northwave.test");
    const mark = await auditMark(h);
    expect(await codeOf(admin.caller.team.changeRole({ userId: adminId, role: "partner_viewer" }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(admin.caller.team.remove({ userId: adminId }))).toBe("PRECONDITION_FAILED");
    expect(await roleOf(ids.northwave, adminId)).toBe("partner_admin");
    expect(await mark.events()).toEqual([]);
    expect(await codeOf(admin.caller.team.list())).toBe("OK");
  });

  it("lets one of two admins step down, after which the other is the last", async () => {
    const admin = await h.as("admin@beatlab.test");
    const adminId = await userIdOf(h, "admin@beatlab.test");
    const second = await join(admin, "second@beatlab.test", "partner_admin");
    const secondId = await userIdOf(h, "second@beatlab.test");
    expect(await second.caller.team.changeRole({ userId: adminId, role: "partner_viewer" })).toEqual({ ok: true });
    expect(await codeOf(admin.caller.team.invite({ email: "z@example.test", role: "partner_viewer" }))).toBe("FORBIDDEN");
    expect(await codeOf(second.caller.team.remove({ userId: secondId }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(second.caller.team.changeRole({ userId: secondId, role: "partner_viewer" }))).toBe("PRECONDITION_FAILED");
    // Restore: the demo admin is admin again, the second one leaves.
    await second.caller.team.changeRole({ userId: adminId, role: "partner_admin" });
    await admin.caller.team.remove({ userId: secondId });
    expect(await roleOf(ids.beatlab, secondId)).toBeNull();
  });

  it("answers another tenant's member exactly like an unknown user (NOT_FOUND), touching nothing", async () => {
    const admin = await h.as("admin@northwave.test");
    const outsider = await userIdOf(h, "admin@fjordsound.test");
    const mark = await auditMark(h);
    const changeOther = await errorOf(admin.caller.team.changeRole({ userId: outsider, role: "partner_viewer" }));
    const changeUnknown = await errorOf(admin.caller.team.changeRole({ userId: randomUUID(), role: "partner_viewer" }));
    const removeOther = await errorOf(admin.caller.team.remove({ userId: outsider }));
    const removeUnknown = await errorOf(admin.caller.team.remove({ userId: randomUUID() }));
    expect(changeOther.code).toBe("NOT_FOUND");
    expect([changeOther.code, changeOther.message]).toEqual([changeUnknown.code, changeUnknown.message]);
    expect([removeOther.code, removeOther.message]).toEqual([removeUnknown.code, removeUnknown.message]);
    expect(removeOther.code).toBe("NOT_FOUND");
    // Operator staff without a membership anywhere are not Northwave members either.
    expect(await codeOf(admin.caller.team.remove({ userId: await userIdOf(h, "admin@masterchannel.test") }))).toBe("NOT_FOUND");
    expect(await roleOf(ids.fjordsound, outsider)).toBe("partner_admin");
    expect(await mark.events()).toEqual([]);
    expect(await codeOf((await h.as("admin@fjordsound.test")).caller.team.list())).toBe("OK");
  });

  it("removes a member with effect on their very next call", async () => {
    const admin = await h.as("admin@northwave.test");
    const leaver = await join(admin, "leaver@northwave.test", "partner_admin");
    const leaverOtherDevice = await h.as("leaver@northwave.test", "team-password-2026");
    const leaverId = await userIdOf(h, "leaver@northwave.test");
    expect(await codeOf(leaver.caller.team.list())).toBe("OK");

    const mark = await auditMark(h);
    expect(await admin.caller.team.remove({ userId: leaverId })).toEqual({ ok: true });
    const events = await mark.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      tenantId: ids.northwave,
      action: "team.remove",
      targetType: "user",
      targetId: leaverId,
      before: { role: "partner_admin" },
      actorLabel: "admin@northwave.test",
    });

    for (const c of [leaver, leaverOtherDevice]) {
      expect(await codeOf(c.caller.team.list())).toBe("PRECONDITION_FAILED");
      expect(await codeOf(c.caller.team.invite({ email: "revenge@example.test", role: "partner_admin" }))).toBe("PRECONDITION_FAILED");
      expect(await codeOf(c.caller.team.remove({ userId: await userIdOf(h, "admin@northwave.test") }))).toBe("PRECONDITION_FAILED");
      expect(await codeOf(c.caller.auth.switchTenant({ tenantId: ids.northwave }))).toBe("NOT_FOUND");
      expect(await c.caller.tenants.list()).toEqual([]);
      expect(await c.caller.auth.me()).toMatchObject({ memberships: [], activeTenant: null, roles: [] });
    }
    expect((await admin.caller.team.list()).map((m) => m.email)).not.toContain("leaver@northwave.test");
    expect(await codeOf(admin.caller.team.remove({ userId: leaverId }))).toBe("NOT_FOUND");
  });

  it("keeps at least one admin when two admins demote each other at the same moment", async () => {
    const admin = await h.as("admin@fjordsound.test");
    const adminId = await userIdOf(h, "admin@fjordsound.test");
    const other = await join(admin, "rival@fjordsound.test", "partner_admin");
    const otherId = await userIdOf(h, "rival@fjordsound.test");
    for (let round = 0; round < 5; round++) {
      const outcomes = await Promise.all([
        codeOf(admin.caller.team.changeRole({ userId: otherId, role: "partner_viewer" })),
        codeOf(other.caller.team.changeRole({ userId: adminId, role: "partner_viewer" })),
      ]);
      const admins = await h.db.db
        .select()
        .from(tenantMemberships)
        .where(and(eq(tenantMemberships.tenantId, ids.fjordsound), eq(tenantMemberships.role, "partner_admin")));
      expect(admins, `round ${round}: ${outcomes.join(", ")}`).toHaveLength(1);
      expect(
        outcomes.filter((o) => o === "OK"),
        `round ${round}`,
      ).toHaveLength(1);
      // Both admins again for the next round, by whoever is still admin.
      const survivor = admins[0]?.userId === adminId ? admin : other;
      await survivor.caller.team.changeRole({ userId: admins[0]?.userId === adminId ? otherId : adminId, role: "partner_admin" });
    }
  });
});

describe("team as operator staff", () => {
  it("needs a tenant first, then the operator admin manages it and the partner sees it in the audit trail", async () => {
    const operator = await h.as("admin@masterchannel.test");
    const operatorId = await userIdOf(h, "admin@masterchannel.test");
    expect(await codeOf(operator.caller.team.list())).toBe("PRECONDITION_FAILED");

    const mark = await auditMark(h);
    const me = await operator.caller.auth.switchTenant({ tenantId: ids.beatlab });
    expect(me.activeTenant?.id).toBe(ids.beatlab);
    expect(me.roles).toEqual(["operator_admin"]);
    const switchEvents = await mark.events();
    expect(switchEvents).toHaveLength(1);
    expect(switchEvents[0]).toMatchObject({
      tenantId: ids.beatlab,
      actorUserId: operatorId,
      actorLabel: "admin@masterchannel.test",
      action: "staff.switch_tenant",
      targetType: "tenant",
      targetId: ids.beatlab,
    });

    const team = await operator.caller.team.list();
    expect(team.map((m) => m.email).sort()).toEqual(["admin@beatlab.test", "viewer@beatlab.test"]);
    const invitation = await operator.caller.team.invite({ email: "ops-hire@beatlab.test", role: "partner_viewer" });
    expect(invitation.tenantId).toBe(ids.beatlab);
    const viewerId = await userIdOf(h, "viewer@beatlab.test");
    await operator.caller.team.changeRole({ userId: viewerId, role: "partner_admin" });
    expect(await roleOf(ids.beatlab, viewerId)).toBe("partner_admin");
    await operator.caller.team.changeRole({ userId: viewerId, role: "partner_viewer" });
    // Still only the active tenant: a Northwave member reads as unknown.
    expect(await codeOf(operator.caller.team.remove({ userId: await userIdOf(h, "viewer@northwave.test") }))).toBe("NOT_FOUND");
    expect(await roleOf(ids.northwave, await userIdOf(h, "viewer@northwave.test"))).toBe("partner_viewer");

    const partner = await h.as("admin@beatlab.test");
    const trail = await partner.caller.audit.list({ limit: 200 });
    const staffActions = trail.items.filter((e) => e.actorLabel === "admin@masterchannel.test").map((e) => e.action);
    expect(staffActions).toEqual(["team.change_role", "team.change_role", "user.invite", "staff.switch_tenant"]);
    expect(trail.items.every((e) => e.tenantId === ids.beatlab)).toBe(true);
  });

  it("lets compliance and finance read a tenant's team after switching, and nothing more", async () => {
    for (const email of ["compliance@masterchannel.test", "finance@masterchannel.test"]) {
      const staff = await h.as(email);
      await staff.caller.auth.switchTenant({ tenantId: ids.northwave });
      expect((await staff.caller.team.list()).length, email).toBeGreaterThanOrEqual(2);
      const mark = await auditMark(h);
      expect(await codeOf(staff.caller.team.invite({ email: "x@example.test", role: "partner_viewer" })), email).toBe("FORBIDDEN");
      expect(
        await codeOf(staff.caller.team.changeRole({ userId: await userIdOf(h, "viewer@northwave.test"), role: "partner_admin" })),
        email,
      ).toBe("FORBIDDEN");
      expect(await codeOf(staff.caller.team.remove({ userId: await userIdOf(h, "viewer@northwave.test") })), email).toBe("FORBIDDEN");
      expect(await mark.events(), email).toEqual([]);
    }
  });
});
