/**
 * Runs work inside one transaction as the app role, with the request's tenant, user and scope
 * set for row-level security. Every request that touches tenant data goes through here.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database, Transaction } from "./client.js";

export const APP_ROLE = "console_app";

export interface RlsContext {
  /** The tenant the request acts on, or null. */
  tenantId: string | null;
  /** The signed-in user, or null. Lets a user see their own memberships. */
  userId: string | null;
  /** Operator scope: every tenant's rows are visible. */
  allTenants: boolean;
}

/** One statement: set_config('role', …, true) is SET LOCAL ROLE, so the context costs a single round trip. */
export async function applyRlsContext(tx: Transaction | Database, context: RlsContext): Promise<void> {
  await tx.execute(sql`select
    set_config('app.tenant_id', ${context.tenantId ?? ""}, true),
    set_config('app.user_id', ${context.userId ?? ""}, true),
    set_config('app.all_tenants', ${context.allTenants ? "on" : "off"}, true),
    set_config('role', ${APP_ROLE}, true)`);
}

export function withRlsContext<T>(db: Database, context: RlsContext, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await applyRlsContext(tx, context);
    return work(tx);
  });
}

/** System work that is not on behalf of one tenant (sign-in, invitations, jobs). */
export const SYSTEM_CONTEXT: RlsContext = { tenantId: null, userId: null, allTenants: true };

/** Narrows an open RLS context to one tenant for the rest of the transaction. */
export async function narrowToTenant(tx: Transaction | Database, tenantId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('app.all_tenants', 'off', true)`);
}

/** Rows of a raw SQL query, the same on PGlite and node-postgres. */
export async function queryRows<T>(db: Transaction | Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
