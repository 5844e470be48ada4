/** Who a notice goes to: a tenant's admins, or operator staff of a role. Disabled accounts get nothing. */
import { type Database, tenantMemberships, tenants, users } from "@pc/db";
import type { OperatorRole } from "@pc/shared";
import { and, asc, eq, isNull } from "drizzle-orm";

export interface Recipient {
  userId: string;
  email: string;
  name: string;
}

/** The partner admins of an active tenant. */
export function tenantAdmins(db: Database, tenantId: string): Promise<Recipient[]> {
  return db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(tenantMemberships)
    .innerJoin(users, eq(users.id, tenantMemberships.userId))
    .innerJoin(tenants, eq(tenants.id, tenantMemberships.tenantId))
    .where(
      and(
        eq(tenantMemberships.tenantId, tenantId),
        eq(tenantMemberships.role, "partner_admin"),
        eq(tenants.status, "active"),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(users.email));
}

export function operatorStaff(db: Database, role: OperatorRole): Promise<Recipient[]> {
  return db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.operatorRole, role), isNull(users.disabledAt)))
    .orderBy(asc(users.email));
}
