/**
 * Every procedure of the router, as seen by an anonymous caller, a partner admin of another
 * tenant, and a viewer of the target tenant. The decisions table must name every procedure:
 * one added later without a decision fails here on its first day.
 */
import { invitations, priceBookVersions, sessions, tenantMemberships, tenants } from "@pc/db";
import { TRPCError } from "@trpc/server";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/router.js";
import { type Client, createHarness, type Harness } from "./harness.js";

type Outcome = "OK" | TRPCError["code"];
type Actor = "anonymous" | "otherTenantAdmin" | "viewer";

interface Fixtures {
  tenantId: string;
  adminUserId: string;
  adminEmail: string;
  adminSessionId: string;
  invitationId: string;
  invitationToken: string;
}

interface Decision {
  input?: (f: Fixtures) => unknown;
  expect: Record<Actor, Outcome>;
  /** The input is itself a secret capability (an invitation token), so its holder may read its target. */
  capability?: true;
}

const unauthorizedForAnonymous = (other: Outcome, viewer: Outcome): Record<Actor, Outcome> => ({
  anonymous: "UNAUTHORIZED",
  otherTenantAdmin: other,
  viewer,
});

/** Target of every case: the Northwave tenant and its people. */
const decisions: Record<string, Decision> = {
  "auth.login": {
    input: () => ({ email: "nobody@example.test", password: "wrong" }),
    expect: { anonymous: "UNAUTHORIZED", otherTenantAdmin: "UNAUTHORIZED", viewer: "UNAUTHORIZED" },
  },
  "auth.logout": { expect: { anonymous: "OK", otherTenantAdmin: "OK", viewer: "OK" } },
  "auth.me": { expect: { anonymous: "OK", otherTenantAdmin: "OK", viewer: "OK" } },
  "auth.switchTenant": { input: (f) => ({ tenantId: f.tenantId }), expect: unauthorizedForAnonymous("NOT_FOUND", "OK") },
  "auth.invitation": {
    // The token is the capability: whoever holds the link may read what it offers.
    input: (f) => ({ token: f.invitationToken }),
    expect: { anonymous: "OK", otherTenantAdmin: "OK", viewer: "OK" },
    capability: true,
  },
  "auth.acceptInvitation": {
    input: () => ({ token: "A".repeat(43), name: "Mallory", password: "a-long-password-1" }),
    expect: { anonymous: "NOT_FOUND", otherTenantAdmin: "NOT_FOUND", viewer: "NOT_FOUND" },
  },
  "auth.changePassword": {
    input: () => ({ currentPassword: "wrong-current", newPassword: "a-long-password-1" }),
    expect: unauthorizedForAnonymous("BAD_REQUEST", "BAD_REQUEST"),
  },
  "tenants.list": { expect: unauthorizedForAnonymous("OK", "OK") },
  "tenants.get": { input: (f) => ({ id: f.tenantId }), expect: unauthorizedForAnonymous("NOT_FOUND", "OK") },
  "tenants.create": { input: () => ({ name: "Evil Corp", slug: "evil-corp" }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "tenants.suspend": {
    input: (f) => ({ id: f.tenantId, reason: "hostile takeover" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "tenants.reactivate": { input: (f) => ({ id: f.tenantId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "users.list": { expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "users.invite": {
    input: (f) => ({ email: "mallory@example.test", role: "partner_admin", tenantId: f.tenantId }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "users.setOperatorRole": {
    input: (f) => ({ userId: f.adminUserId, role: "operator_admin" }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "users.sessions": { input: (f) => ({ userId: f.adminUserId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "users.revokeSession": {
    input: (f) => ({ userId: f.adminUserId, sessionId: f.adminSessionId }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
  "users.revokeAllSessions": { input: (f) => ({ userId: f.adminUserId }), expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  "team.list": { expect: unauthorizedForAnonymous("OK", "OK") },
  "team.invite": {
    // The other tenant's admin invites into their own tenant: allowed, and it never touches Northwave.
    input: () => ({ email: "newcomer@example.test", role: "partner_viewer" }),
    expect: unauthorizedForAnonymous("OK", "FORBIDDEN"),
  },
  "team.changeRole": {
    input: (f) => ({ userId: f.adminUserId, role: "partner_viewer" }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "team.remove": { input: (f) => ({ userId: f.adminUserId }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "invitations.list": { expect: unauthorizedForAnonymous("OK", "FORBIDDEN") },
  "invitations.revoke": { input: (f) => ({ invitationId: f.invitationId }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "sessions.list": { expect: unauthorizedForAnonymous("OK", "OK") },
  "sessions.revoke": { input: (f) => ({ sessionId: f.adminSessionId }), expect: unauthorizedForAnonymous("NOT_FOUND", "NOT_FOUND") },
  "sessions.revokeOthers": { expect: unauthorizedForAnonymous("OK", "OK") },
  "audit.list": { input: () => ({}), expect: unauthorizedForAnonymous("OK", "FORBIDDEN") },
  "audit.verifyChain": { expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN") },
  // Price books are the session tenant's: another tenant's admin reads and edits only its own.
  "prices.list": { expect: unauthorizedForAnonymous("OK", "OK") },
  "prices.history": { input: () => ({ currency: "NOK" }), expect: unauthorizedForAnonymous("OK", "OK") },
  "prices.saveDraft": {
    input: () => ({
      currency: "NOK",
      perTrack: { unitAmount: 9900 },
      bundles: [{ tracks: 5, unitAmount: 39900 }],
      taxBehavior: "inclusive",
    }),
    expect: unauthorizedForAnonymous("OK", "FORBIDDEN"),
  },
  "prices.discardDraft": {
    input: () => ({ currency: "NOK", expectedRevision: 1 }),
    expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN"),
  },
  "prices.publish": { input: () => ({ currency: "NOK", expectedRevision: 1 }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "prices.rollback": { input: () => ({ currency: "NOK", version: 1 }), expect: unauthorizedForAnonymous("NOT_FOUND", "FORBIDDEN") },
  "prices.setRevenueShare": {
    input: () => ({ currency: "NOK", revenueShareBps: 0 }),
    expect: unauthorizedForAnonymous("FORBIDDEN", "FORBIDDEN"),
  },
};

const procedurePaths = Object.keys(appRouter._def.procedures).sort();

let h: Harness;
let f: Fixtures;

beforeAll(async () => {
  h = await createHarness();
  const admin = await h.as("admin@northwave.test");
  const me = await admin.caller.auth.me();
  if (!me?.activeTenant) throw new Error("northwave admin has no tenant");
  const invitation = await admin.caller.team.invite({ email: "pending@example.test", role: "partner_viewer" });
  // A published Northwave price book and an open draft, for the price procedures to aim at.
  const first = await admin.caller.prices.saveDraft({
    currency: "NOK",
    perTrack: { unitAmount: 14900 },
    bundles: [],
    taxBehavior: "inclusive",
  });
  await admin.caller.prices.publish({ currency: "NOK", expectedRevision: first.revision });
  await admin.caller.prices.saveDraft({ currency: "NOK", perTrack: { unitAmount: 15900 }, bundles: [], taxBehavior: "inclusive" });
  f = {
    tenantId: me.activeTenant.id,
    adminUserId: me.user.id,
    adminEmail: me.user.email,
    adminSessionId: me.sessionId,
    invitationId: invitation.invitationId,
    invitationToken: invitation.url.split("/invite/")[1] as string,
  };
});
afterAll(() => h.close());

async function clientFor(actor: Actor): Promise<Client> {
  if (actor === "anonymous") return h.client();
  return h.as(actor === "otherTenantAdmin" ? "admin@fjordsound.test" : "viewer@northwave.test");
}

async function call(client: Client, path: string, input: unknown): Promise<{ outcome: Outcome; result?: unknown }> {
  const [namespace, name] = path.split(".") as [string, string];
  const procedure = (client.caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[namespace]?.[name];
  if (!procedure) throw new Error(`no procedure ${path}`);
  try {
    return { outcome: "OK", result: await procedure(input) };
  } catch (error) {
    if (error instanceof TRPCError) return { outcome: error.code };
    throw error;
  }
}

describe("router security", () => {
  it("has a decision for every procedure, and none for a procedure that is gone", () => {
    expect(procedurePaths.filter((path) => !(path in decisions))).toEqual([]);
    expect(Object.keys(decisions).filter((path) => !procedurePaths.includes(path))).toEqual([]);
  });

  for (const path of procedurePaths) {
    describe(path, () => {
      for (const actor of ["anonymous", "otherTenantAdmin", "viewer"] as const) {
        it(`answers ${actor} as decided`, async () => {
          const decision = decisions[path];
          expect(decision, `no decision for ${path}`).toBeDefined();
          if (!decision) return;
          const client = await clientFor(actor);
          const { outcome, result } = await call(client, path, decision.input?.(f));
          expect(outcome).toBe(decision.expect[actor]);
          if (actor === "otherTenantAdmin" && outcome === "OK" && !decision.capability) {
            // Whatever another tenant's admin may read holds nothing of Northwave's.
            const text = JSON.stringify(result ?? null);
            expect(text).not.toContain(f.tenantId);
            expect(text).not.toContain(f.adminUserId);
            expect(text).not.toContain(f.adminEmail);
            expect(text.toLowerCase()).not.toContain("northwave");
          }
        });
      }
    });
  }

  it("left Northwave as it was after every attempt", async () => {
    const [tenant] = await h.db.db.select().from(tenants).where(eq(tenants.id, f.tenantId));
    expect(tenant?.status).toBe("active");
    const [membership] = await h.db.db
      .select()
      .from(tenantMemberships)
      .where(and(eq(tenantMemberships.tenantId, f.tenantId), eq(tenantMemberships.userId, f.adminUserId)));
    expect(membership?.role).toBe("partner_admin");
    const [invitation] = await h.db.db.select().from(invitations).where(eq(invitations.id, f.invitationId));
    expect(invitation?.revokedAt).toBeNull();
    expect(invitation?.acceptedAt).toBeNull();
    const live = await h.db.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, f.adminSessionId), isNull(sessions.revokedAt)));
    expect(live).toHaveLength(1);
    const prices = await h.db.db.select().from(priceBookVersions).where(eq(priceBookVersions.tenantId, f.tenantId));
    expect(prices.map((row) => [row.status, row.version, row.perTrackAmount, row.revenueShareBps, row.revision]).sort()).toEqual([
      ["draft", null, 15900, 2000, 1],
      ["published", 1, 14900, 2000, 1],
    ]);
  });
});
