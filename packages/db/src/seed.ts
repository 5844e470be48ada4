/**
 * Demo data: the operator, its three staff accounts, three partner tenants with an admin and a
 * viewer each. Loaded on first start when the database is empty, and by `npm run db:seed`.
 */
import { eq, sql } from "drizzle-orm";
import { appendAuditEvent } from "./audit-chain.js";
import type { Database } from "./client.js";
import { applyRlsContext, SYSTEM_CONTEXT } from "./context.js";
import { hashPassword } from "./passwords.js";
import { operatorProfile, tenantMemberships, tenants, users } from "./schema/index.js";

export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_OPERATOR = {
  name: "Masterchannel AS",
  legalName: "Masterchannel AS",
  supportEmail: "support@masterchannel.ai",
} as const;

export const DEMO_STAFF = [
  { email: "admin@masterchannel.test", name: "Ada Solberg", role: "operator_admin" },
  { email: "compliance@masterchannel.test", name: "Conrad Aas", role: "compliance" },
  { email: "finance@masterchannel.test", name: "Frida Haugen", role: "finance" },
] as const;

export const DEMO_TENANTS = [
  { slug: "northwave", name: "Northwave", adminName: "Nora Berg", viewerName: "Vilde Strand" },
  { slug: "fjordsound", name: "Fjordsound", adminName: "Fredrik Lie", viewerName: "Ingrid Dahl" },
  { slug: "beatlab", name: "Beatlab", adminName: "Bjørn Hansen", viewerName: "Lea Moen" },
] as const;

export interface SeedResult {
  seeded: boolean;
}

/** Seeds when the database holds no users; otherwise leaves it as it is. */
export async function seedDemoData(db: Database): Promise<SeedResult> {
  const existing = await db.select({ id: users.id }).from(users).limit(1);
  if (existing.length > 0) return { seeded: false };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await applyRlsContext(tx, SYSTEM_CONTEXT);
    await tx
      .insert(operatorProfile)
      .values({ id: 1, ...DEMO_OPERATOR })
      .onConflictDoNothing();
    for (const staff of DEMO_STAFF) {
      await tx.insert(users).values({ email: staff.email, name: staff.name, operatorRole: staff.role, passwordHash, isDemo: true });
    }
    for (const tenant of DEMO_TENANTS) {
      const [row] = await tx.insert(tenants).values({ slug: tenant.slug, name: tenant.name }).returning({ id: tenants.id });
      if (!row) throw new Error(`could not create tenant ${tenant.slug}`);
      const people = [
        { email: `admin@${tenant.slug}.test`, name: tenant.adminName, role: "partner_admin" as const },
        { email: `viewer@${tenant.slug}.test`, name: tenant.viewerName, role: "partner_viewer" as const },
      ];
      for (const person of people) {
        const [user] = await tx
          .insert(users)
          .values({ email: person.email, name: person.name, passwordHash, isDemo: true })
          .returning({ id: users.id });
        if (!user) throw new Error(`could not create ${person.email}`);
        await tx.insert(tenantMemberships).values({ tenantId: row.id, userId: user.id, role: person.role });
      }
      await appendAuditEvent(tx, {
        tenantId: row.id,
        actorUserId: null,
        actorLabel: "demo seed",
        action: "tenant.create",
        targetType: "tenant",
        targetId: row.id,
        before: null,
        after: { slug: tenant.slug, name: tenant.name },
        requestId: null,
        ip: null,
      });
    }
  });
  return { seeded: true };
}

/** Production refuses to start while any demo account exists. */
export async function hasDemoAccounts(db: Database): Promise<boolean> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.isDemo, true));
  return (rows[0]?.n ?? 0) > 0;
}
