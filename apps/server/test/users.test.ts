/**
 * Operator staff manage every account: the list of people, invitations by link, other people's
 * sessions, and operator roles (never leaving the console without an operator admin).
 */
import { createHash, createHmac, randomUUID } from "node:crypto";
import { emailOutbox, invitations, sessions, tenants, users } from "@pc/db";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INVITATION_TTL_MS } from "../src/services/invitations.service.js";
import { auditMark, clientErrorFrom, codeOf, tokenOf, userIdOf } from "./expect-code.js";
import { createHarness, type Harness, PUBLIC_URL, TEST_SESSION_SECRET } from "./harness.js";

let h: Harness;
let northwaveId: string;

beforeAll(async () => {
  h = await createHarness();
  const [row] = await h.db.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "northwave"));
  if (!row) throw new Error("no northwave");
  northwaveId = row.id;
});
afterAll(() => h.close());

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** What the database keeps of a token: its HMAC under SESSION_SECRET (not a plain sha256). */
const tokenDigest = (text: string) => createHmac("sha256", TEST_SESSION_SECRET).update(text).digest("hex");
const operatorRoleOf = async (email: string) =>
  (await h.db.db.select({ role: users.operatorRole }).from(users).where(eq(users.email, email)))[0]?.role;

describe("users.list", () => {
  it("shows every account with its operator role, memberships and live sessions to operator admin and compliance", async () => {
    const first = await h.as("viewer@beatlab.test");
    await h.as("viewer@beatlab.test");
    for (const email of ["admin@masterchannel.test", "compliance@masterchannel.test"]) {
      const staff = await h.as(email);
      const people = await staff.caller.users.list();
      expect(people.map((p) => p.email).sort(), email).toEqual(
        [
          "admin@beatlab.test",
          "admin@fjordsound.test",
          "admin@masterchannel.test",
          "admin@northwave.test",
          "compliance@masterchannel.test",
          "finance@masterchannel.test",
          "viewer@beatlab.test",
          "viewer@fjordsound.test",
          "viewer@northwave.test",
        ].sort(),
      );
      const byEmail = new Map(people.map((p) => [p.email, p]));
      expect(byEmail.get("admin@masterchannel.test")).toMatchObject({ operatorRole: "operator_admin", memberships: [], hasPassword: true });
      expect(byEmail.get("compliance@masterchannel.test")).toMatchObject({ operatorRole: "compliance", memberships: [] });
      expect(byEmail.get("finance@masterchannel.test")).toMatchObject({ operatorRole: "finance", memberships: [] });
      expect(byEmail.get("admin@northwave.test")).toMatchObject({
        operatorRole: null,
        memberships: [{ tenantId: northwaveId, tenantName: "Northwave", role: "partner_admin" }],
      });
      expect(byEmail.get("viewer@beatlab.test")).toMatchObject({
        operatorRole: null,
        memberships: [expect.objectContaining({ tenantName: "Beatlab", role: "partner_viewer" })],
        activeSessions: 2,
      });
      expect(byEmail.get("viewer@fjordsound.test")?.activeSessions).toBe(0);
      // Nothing secret leaves the server.
      expect(JSON.stringify(people)).not.toMatch(/passwordHash|argon2/);
    }
    await first.caller.auth.logout();
    const admin = await h.as("admin@masterchannel.test");
    expect((await admin.caller.users.list()).find((p) => p.email === "viewer@beatlab.test")?.activeSessions).toBe(1);
  });

  it("is FORBIDDEN to finance and to partners", async () => {
    for (const email of ["finance@masterchannel.test", "admin@northwave.test", "viewer@northwave.test"]) {
      const c = await h.as(email);
      expect(await codeOf(c.caller.users.list()), email).toBe("FORBIDDEN");
    }
  });
});

describe("users.invite", () => {
  it("requires a tenant for a partner role and refuses one for an operator role (fieldErrors.tenantId)", async () => {
    const admin = await h.as("admin@masterchannel.test");
    const invitationsBefore = await h.db.db.select().from(invitations);
    const outboxBefore = await h.db.db.select().from(emailOutbox);
    const mark = await auditMark(h);

    for (const role of ["partner_admin", "partner_viewer"] as const) {
      const error = await clientErrorFrom(admin.caller.users.invite({ email: "someone@example.test", role }));
      expect(error.code, role).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.tenantId?.length, role).toBeGreaterThan(0);
    }
    for (const role of ["operator_admin", "compliance", "finance"] as const) {
      const error = await clientErrorFrom(admin.caller.users.invite({ email: "someone@example.test", role, tenantId: northwaveId }));
      expect(error.code, role).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.tenantId?.length, role).toBeGreaterThan(0);
    }
    const badEmail = await clientErrorFrom(admin.caller.users.invite({ email: "not-an-email", role: "compliance" }));
    expect(badEmail.code).toBe("BAD_REQUEST");
    expect(badEmail.fieldErrors?.email?.length).toBeGreaterThan(0);
    const badRole = await clientErrorFrom(admin.caller.users.invite({ email: "x@example.test", role: "superuser" } as never));
    expect(badRole.code).toBe("BAD_REQUEST");
    expect(badRole.fieldErrors?.role?.length).toBeGreaterThan(0);

    expect(await h.db.db.select().from(invitations)).toEqual(invitationsBefore);
    expect(await h.db.db.select().from(emailOutbox)).toEqual(outboxBefore);
    expect(await mark.events()).toEqual([]);
  });

  it("returns the link once, stores only the HMAC of its token under the session secret, queues the email and audits once", async () => {
    const ip = "203.0.113.21";
    const admin = await h.client({ ip });
    await admin.caller.auth.login({ email: "admin@masterchannel.test", password: "demo-password-2026" });
    const mark = await auditMark(h);
    const before = Date.now();

    const invitation = await admin.caller.users.invite({
      email: "  New.Partner@Example.TEST ",
      role: "partner_admin",
      tenantId: northwaveId,
    });
    expect(invitation).toMatchObject({ email: "new.partner@example.test", role: "partner_admin", tenantId: northwaveId });
    expect(invitation.url.startsWith(`${PUBLIC_URL}/invite/`)).toBe(true);
    const token = tokenOf(invitation.url);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invitation.expiresAt.getTime()).toBeGreaterThanOrEqual(before + INVITATION_TTL_MS - 1000);
    expect(invitation.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + INVITATION_TTL_MS + 1000);

    const [row] = await h.db.db.select().from(invitations).where(eq(invitations.id, invitation.invitationId));
    expect(row).toMatchObject({ email: "new.partner@example.test", role: "partner_admin", tenantId: northwaveId, acceptedAt: null });
    expect(row?.tokenHash).not.toBe(token);
    expect(row?.tokenHash).toBe(tokenDigest(token));
    expect(row?.tokenHash).not.toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    // No invitation row anywhere holds the token in clear.
    const allRows = await h.db.db.select().from(invitations);
    expect(allRows.every((r) => r.tokenHash !== token && /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);

    const outbox = await h.db.db.select().from(emailOutbox).where(eq(emailOutbox.toEmail, "new.partner@example.test"));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      kind: "invitation",
      sentAt: null,
      metadata: { invitationId: invitation.invitationId, tenantId: northwaveId },
    });
    expect(outbox[0]?.subject).toContain("Northwave");
    expect(outbox[0]?.bodyText).toContain("admin@masterchannel.test");
    expect(outbox[0]?.bodyText).toContain("Partner admin");

    const events = await mark.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      tenantId: northwaveId,
      actorUserId: await userIdOf(h, "admin@masterchannel.test"),
      actorLabel: "admin@masterchannel.test",
      action: "user.invite",
      targetType: "invitation",
      targetId: invitation.invitationId,
      before: null,
      ip,
    });
    expect(events[0]?.after).toMatchObject({ email: "new.partner@example.test", role: "partner_admin", tenantId: northwaveId });
    expect(events[0]?.requestId).toMatch(/^test-\d+$/);
    expect(JSON.stringify(events[0])).not.toContain(token);

    // Listing invitations never shows the token again.
    const listed = await admin.caller.invitations.list();
    expect(listed.map((i) => i.id)).toContain(invitation.invitationId);
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it("invites operator staff without a tenant; accepting grants the operator role", async () => {
    const admin = await h.as("admin@masterchannel.test");
    const invitation = await admin.caller.users.invite({ email: "auditor@masterchannel.test", role: "compliance" });
    expect(invitation.tenantId).toBeNull();
    const [outbox] = await h.db.db.select().from(emailOutbox).where(eq(emailOutbox.toEmail, "auditor@masterchannel.test"));
    expect(outbox?.subject).toContain("Masterchannel AS");

    const invitee = await h.client();
    await invitee.caller.auth.acceptInvitation({ token: tokenOf(invitation.url), name: "Aud Itor", password: "a-long-password-2026" });
    const me = await invitee.caller.auth.me();
    expect(me).toMatchObject({ operatorRole: "compliance", activeTenant: null, roles: ["compliance"], memberships: [] });
    expect(await codeOf(invitee.caller.users.list())).toBe("OK");
    expect(await codeOf(invitee.caller.users.invite({ email: "x@example.test", role: "finance" }))).toBe("FORBIDDEN");
    expect((await admin.caller.users.list()).find((p) => p.email === "auditor@masterchannel.test")).toMatchObject({
      operatorRole: "compliance",
      memberships: [],
      hasPassword: true,
    });
  });

  it("answers CONFLICT for an existing member or operator, NOT_FOUND for an unknown tenant, and creates nothing", async () => {
    const admin = await h.as("admin@masterchannel.test");
    const before = await h.db.db.select().from(invitations);
    const mark = await auditMark(h);
    expect(await codeOf(admin.caller.users.invite({ email: "viewer@northwave.test", role: "partner_admin", tenantId: northwaveId }))).toBe(
      "CONFLICT",
    );
    expect(await codeOf(admin.caller.users.invite({ email: "finance@masterchannel.test", role: "compliance" }))).toBe("CONFLICT");
    expect(await codeOf(admin.caller.users.invite({ email: "ghost@example.test", role: "partner_viewer", tenantId: randomUUID() }))).toBe(
      "NOT_FOUND",
    );
    expect(await h.db.db.select().from(invitations)).toEqual(before);
    expect(await mark.events()).toEqual([]);
  });

  it("is FORBIDDEN to compliance, finance and partner admins", async () => {
    for (const email of ["compliance@masterchannel.test", "finance@masterchannel.test", "admin@northwave.test"]) {
      const c = await h.as(email);
      expect(await codeOf(c.caller.users.invite({ email: "y@example.test", role: "partner_viewer", tenantId: northwaveId })), email).toBe(
        "FORBIDDEN",
      );
    }
  });
});

describe("users.sessions, revokeSession, revokeAllSessions", () => {
  it("lists a person's live sessions and revokes one; that session's next call is UNAUTHORIZED", async () => {
    const laptop = await h.client({ ip: "198.51.100.31" });
    await laptop.caller.auth.login({ email: "admin@fjordsound.test", password: "demo-password-2026" });
    const phone = await h.client({ ip: "198.51.100.32" });
    await phone.caller.auth.login({ email: "admin@fjordsound.test", password: "demo-password-2026" });
    const laptopId = (await laptop.caller.auth.me())?.sessionId;
    const phoneId = (await phone.caller.auth.me())?.sessionId;
    const userId = await userIdOf(h, "admin@fjordsound.test");

    const admin = await h.as("admin@masterchannel.test");
    const listed = await admin.caller.users.sessions({ userId });
    expect(listed.map((s) => s.id).sort()).toEqual([laptopId, phoneId].sort());
    expect(listed.find((s) => s.id === phoneId)).toMatchObject({ ip: "198.51.100.32", userAgent: "vitest", current: false });
    expect(listed.every((s) => s.expiresAt > new Date())).toBe(true);

    const mark = await auditMark(h);
    expect(await admin.caller.users.revokeSession({ userId, sessionId: phoneId as string })).toEqual({ ok: true });
    const events = await mark.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "session.revoke",
      targetId: phoneId,
      actorLabel: "admin@masterchannel.test",
      after: { userId },
    });

    expect(await codeOf(phone.caller.team.list())).toBe("UNAUTHORIZED");
    expect(await phone.caller.auth.me()).toBeNull();
    expect(await codeOf(laptop.caller.team.list())).toBe("OK");
    expect((await admin.caller.users.sessions({ userId })).map((s) => s.id)).toEqual([laptopId]);

    // Already ended, or not this person's: NOT_FOUND, and nothing is written.
    const noop = await auditMark(h);
    expect(await codeOf(admin.caller.users.revokeSession({ userId, sessionId: phoneId as string }))).toBe("NOT_FOUND");
    const otherUser = await userIdOf(h, "viewer@fjordsound.test");
    expect(await codeOf(admin.caller.users.revokeSession({ userId: otherUser, sessionId: laptopId as string }))).toBe("NOT_FOUND");
    expect(await codeOf(laptop.caller.team.list())).toBe("OK");
    expect(await noop.events()).toEqual([]);
  });

  it("revokes every session of a person at once", async () => {
    const a = await h.as("viewer@northwave.test");
    const b = await h.as("viewer@northwave.test");
    const userId = await userIdOf(h, "viewer@northwave.test");
    const admin = await h.as("admin@masterchannel.test");
    const live = (await admin.caller.users.sessions({ userId })).length;
    expect(live).toBeGreaterThanOrEqual(2);

    const mark = await auditMark(h);
    expect(await admin.caller.users.revokeAllSessions({ userId })).toEqual({ revoked: live });
    const events = await mark.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "session.revoke_all", targetType: "user", targetId: userId, after: { revoked: live } });

    for (const c of [a, b]) expect(await codeOf(c.caller.team.list())).toBe("UNAUTHORIZED");
    expect(await admin.caller.users.sessions({ userId })).toEqual([]);
    const rows = await h.db.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    expect(rows).toEqual([]);
    // The person can still sign in again.
    expect(await codeOf((await h.as("viewer@northwave.test")).caller.team.list())).toBe("OK");
    // Nothing left to end.
    await admin.caller.users.revokeAllSessions({ userId });
    expect(await admin.caller.users.revokeAllSessions({ userId })).toEqual({ revoked: 0 });
  });

  it("answers an unknown person with NOT_FOUND and marks the caller's own session as current", async () => {
    const admin = await h.as("admin@masterchannel.test");
    expect(await codeOf(admin.caller.users.sessions({ userId: randomUUID() }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.caller.users.revokeAllSessions({ userId: randomUUID() }))).toBe("NOT_FOUND");
    const me = await admin.caller.auth.me();
    const own = await admin.caller.users.sessions({ userId: me?.user.id as string });
    expect(own.filter((s) => s.current).map((s) => s.id)).toEqual([me?.sessionId]);
  });

  it("is FORBIDDEN to compliance, finance and partners", async () => {
    const target = await h.as("viewer@beatlab.test");
    const userId = await userIdOf(h, "viewer@beatlab.test");
    const sessionId = (await target.caller.auth.me())?.sessionId as string;
    for (const email of ["compliance@masterchannel.test", "finance@masterchannel.test", "admin@beatlab.test"]) {
      const c = await h.as(email);
      expect(await codeOf(c.caller.users.sessions({ userId })), email).toBe("FORBIDDEN");
      expect(await codeOf(c.caller.users.revokeSession({ userId, sessionId })), email).toBe("FORBIDDEN");
      expect(await codeOf(c.caller.users.revokeAllSessions({ userId })), email).toBe("FORBIDDEN");
    }
    expect(await target.caller.auth.me()).not.toBeNull();
  });
});

describe("users.setOperatorRole", () => {
  it("refuses to demote the last operator admin (PRECONDITION_FAILED) and changes nothing", async () => {
    const admin = await h.as("admin@masterchannel.test");
    const adminId = await userIdOf(h, "admin@masterchannel.test");
    const mark = await auditMark(h);
    for (const role of ["compliance", "finance", null] as const) {
      expect(await codeOf(admin.caller.users.setOperatorRole({ userId: adminId, role })), String(role)).toBe("PRECONDITION_FAILED");
    }
    expect(await operatorRoleOf("admin@masterchannel.test")).toBe("operator_admin");
    expect(await codeOf(admin.caller.users.list())).toBe("OK");
    expect(await mark.events()).toEqual([]);
  });

  it("changes roles with immediate effect, audited with before and after, and keeps one operator admin", async () => {
    const admin = await h.as("admin@masterchannel.test");
    const adminId = await userIdOf(h, "admin@masterchannel.test");
    const compliance = await h.as("compliance@masterchannel.test");
    const complianceId = await userIdOf(h, "compliance@masterchannel.test");
    expect(await codeOf(compliance.caller.users.setOperatorRole({ userId: adminId, role: "finance" }))).toBe("FORBIDDEN");

    const mark = await auditMark(h);
    expect(await admin.caller.users.setOperatorRole({ userId: complianceId, role: "operator_admin" })).toEqual({ ok: true });
    const events = await mark.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "user.change_role",
      targetType: "user",
      targetId: complianceId,
      actorUserId: adminId,
      before: { operatorRole: "compliance" },
      after: { operatorRole: "operator_admin" },
    });
    // The open session has the new role on its next call.
    expect((await compliance.caller.auth.me())?.roles).toEqual(["operator_admin"]);

    // Two operator admins: either may demote the other, then the remaining one is the last.
    await compliance.caller.users.setOperatorRole({ userId: adminId, role: "finance" });
    expect(await codeOf(admin.caller.users.list())).toBe("FORBIDDEN");
    expect(await codeOf(compliance.caller.users.setOperatorRole({ userId: complianceId, role: null }))).toBe("PRECONDITION_FAILED");

    // Restore the demo roles.
    await compliance.caller.users.setOperatorRole({ userId: adminId, role: "operator_admin" });
    await admin.caller.users.setOperatorRole({ userId: complianceId, role: "compliance" });
    expect(await operatorRoleOf("admin@masterchannel.test")).toBe("operator_admin");
    expect(await operatorRoleOf("compliance@masterchannel.test")).toBe("compliance");
  });

  it("can make a partner operator staff and take it back", async () => {
    const admin = await h.as("admin@masterchannel.test");
    const partner = await h.as("viewer@beatlab.test");
    const partnerId = await userIdOf(h, "viewer@beatlab.test");
    expect((await partner.caller.tenants.list()).map((t) => t.slug)).toEqual(["beatlab"]);
    await admin.caller.users.setOperatorRole({ userId: partnerId, role: "finance" });
    expect((await partner.caller.tenants.list()).map((t) => t.slug).sort()).toEqual(["beatlab", "fjordsound", "northwave"]);
    await admin.caller.users.setOperatorRole({ userId: partnerId, role: null });
    expect((await partner.caller.tenants.list()).map((t) => t.slug)).toEqual(["beatlab"]);
  });

  it("answers an unknown user with NOT_FOUND and a bad role with BAD_REQUEST", async () => {
    const admin = await h.as("admin@masterchannel.test");
    expect(await codeOf(admin.caller.users.setOperatorRole({ userId: randomUUID(), role: "finance" }))).toBe("NOT_FOUND");
    const error = await clientErrorFrom(
      admin.caller.users.setOperatorRole({ userId: await userIdOf(h, "viewer@beatlab.test"), role: "partner_admin" } as never),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors?.role?.length).toBeGreaterThan(0);
  });

  it("never leaves zero operator admins, even when two demote each other at the same moment", async () => {
    const admin = await h.as("admin@masterchannel.test");
    const adminId = await userIdOf(h, "admin@masterchannel.test");
    const financeId = await userIdOf(h, "finance@masterchannel.test");
    await admin.caller.users.setOperatorRole({ userId: financeId, role: "operator_admin" });
    const finance = await h.as("finance@masterchannel.test");

    for (let round = 0; round < 5; round++) {
      const outcomes = await Promise.all([
        codeOf(admin.caller.users.setOperatorRole({ userId: financeId, role: "finance" })),
        codeOf(finance.caller.users.setOperatorRole({ userId: adminId, role: "finance" })),
      ]);
      const admins = await h.db.db.select().from(users).where(eq(users.operatorRole, "operator_admin"));
      expect(admins, `round ${round}: ${outcomes.join(", ")}`).toHaveLength(1);
      // One wins; the other finds itself the last admin, or (if it came second) no admin at all.
      expect(
        outcomes.filter((o) => o === "OK"),
        `round ${round}`,
      ).toHaveLength(1);
      expect(outcomes.filter((o) => o !== "OK").every((o) => o === "PRECONDITION_FAILED" || o === "FORBIDDEN")).toBe(true);
      const survivor = admins[0]?.id === adminId ? admin : finance;
      await survivor.caller.users.setOperatorRole({ userId: admins[0]?.id === adminId ? financeId : adminId, role: "operator_admin" });
    }

    // Restore the demo roles.
    await admin.caller.users.setOperatorRole({ userId: financeId, role: "finance" });
    expect(await operatorRoleOf("admin@masterchannel.test")).toBe("operator_admin");
    expect(await operatorRoleOf("finance@masterchannel.test")).toBe("finance");
  });
});
