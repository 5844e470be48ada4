/**
 * Runs work inside one transaction as the app role, with the request's tenant, user and scope
 * set for row-level security. Every request that touches tenant data goes through here.
 *
 * On PostgreSQL the transaction opens in one round trip: BEGIN, the context and, for a signed-in
 * person, their role on the tenant their session acts on travel together as one simple-protocol
 * query (its values inlined as escaped literals; simple queries take no parameters). A request's
 * database time on this machine is mostly round trips, not queries (docs/performance.md,
 * "Consent audit workspace"). On PGlite (in process, no round trips) the same statements run one by one.
 */
import { is, type SQL, sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import type { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import type { Database, Transaction } from "./client.js";
import type { tenantMemberships } from "./schema/index.js";

export const APP_ROLE = "console_app";

export interface RlsContext {
  /** The tenant the request acts on, or null. */
  tenantId: string | null;
  /** The signed-in user, or null. Lets a user see their own memberships. */
  userId: string | null;
  /** Operator scope: every tenant's rows are visible. */
  allTenants: boolean;
}

/** A partner role on a tenant. */
export type MemberRole = (typeof tenantMemberships.$inferSelect)["role"];

/** Who a signed-in request acts for: the context comes from this, never from input. */
export interface MemberContext {
  userId: string;
  /** Operator staff: every tenant's rows are visible, and the active tenant does not narrow that. */
  operator: boolean;
  /** The tenant the session acts on, if any. */
  activeTenantId: string | null;
}

const literal = (value: string) => pg.escapeLiteral(value);

/** set_config('role', …, true) is SET LOCAL ROLE: the whole context is one statement. */
function contextStatement(context: RlsContext): string {
  return `select set_config('app.tenant_id', ${literal(context.tenantId ?? "")}, true), set_config('app.user_id', ${literal(context.userId ?? "")}, true), set_config('app.all_tenants', '${context.allTenants ? "on" : "off"}', true), set_config('role', '${APP_ROLE}', true)`;
}

/**
 * The member's role on their active tenant when that tenant is active (no row otherwise), read as
 * the app role under the context just set (a user sees their own memberships). For a partner the
 * same row narrows the context to that tenant, as narrowToTenant does: the set_config runs only
 * when the row exists, and at most one can (the primary key is tenant and user).
 */
function membershipStatement(member: MemberContext & { activeTenantId: string }): string {
  const narrow = member.operator
    ? ""
    : ", set_config('app.tenant_id', m.tenant_id::text, true), set_config('app.all_tenants', 'off', true)";
  return `select m.role${narrow} from tenant_memberships m join tenants t on t.id = m.tenant_id where m.tenant_id = ${literal(member.activeTenantId)} and m.user_id = ${literal(member.userId)} and t.status = 'active' limit 1`;
}

/** One statement: the context's tenant, user, scope and role. */
export async function applyRlsContext(tx: Transaction | Database, context: RlsContext): Promise<void> {
  await tx.execute(sql.raw(contextStatement(context)));
}

/** What drizzle's node-postgres session keeps and its own transaction() uses (drizzle-orm 0.45). */
interface NodePgSessionParts {
  client: unknown;
  dialect: PgDialect;
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
}

/** The session's parts when `db` is the app's pool (not a transaction, not PGlite). */
function poolSessionOf(db: Database): (NodePgSessionParts & { client: pg.Pool }) | null {
  const session = db._.session;
  if (!is(session, NodePgSession)) return null;
  const parts = session as unknown as NodePgSessionParts;
  return parts.client instanceof pg.Pool ? (parts as NodePgSessionParts & { client: pg.Pool }) : null;
}

type RoleRow = { role: MemberRole };

/**
 * A transaction opened by `statements` (after BEGIN) in one round trip; `work` gets the
 * transaction and the result of each statement. Otherwise as drizzle's own transaction(): commit
 * when work succeeds, roll back when it throws (and rethrow).
 */
async function transactionOnPool<T>(
  parts: NodePgSessionParts & { client: pg.Pool },
  statements: string[],
  work: (tx: Transaction, results: pg.QueryResult[]) => Promise<T>,
): Promise<T> {
  const client = await parts.client.connect();
  const session = new NodePgSession(client, parts.dialect, parts.schema, parts.options);
  const tx = new NodePgTransaction(parts.dialect, session, parts.schema) as unknown as Transaction;
  let broken: Error | undefined;
  try {
    // Several statements in one string: node-postgres sends it as a simple query and answers one result each.
    const opened = (await client.query(["begin", ...statements].join(";\n"))) as unknown as pg.QueryResult[];
    const result = await work(tx, opened.slice(1));
    await client.query("commit");
    return result;
  } catch (error) {
    try {
      await client.query("rollback");
    } catch (rollbackError) {
      // The connection is in an unknown state: it is closed rather than handed to the next request.
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

export function withRlsContext<T>(db: Database, context: RlsContext, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const pool = poolSessionOf(db);
  if (pool) return transactionOnPool(pool, [contextStatement(context)], (tx) => work(tx));
  return db.transaction(async (tx) => {
    await applyRlsContext(tx, context);
    return work(tx);
  });
}

/**
 * A signed-in person's transaction: their scope's context (operator staff see every tenant), and
 * their role on the session's active tenant, null when they are not its member or it is suspended.
 * A partner who is a member is narrowed to that tenant (they see its rows); staff are not.
 */
export function withMemberContext<T>(
  db: Database,
  member: MemberContext,
  work: (tx: Transaction, activeTenantRole: MemberRole | null) => Promise<T>,
): Promise<T> {
  const context: RlsContext = { tenantId: null, userId: member.userId, allTenants: member.operator };
  const activeTenantId = member.activeTenantId;
  const membership = activeTenantId ? membershipStatement({ ...member, activeTenantId }) : null;
  const roleOf = (rows: RoleRow[] | undefined) => rows?.[0]?.role ?? null;
  const pool = poolSessionOf(db);
  if (pool) {
    const statements = membership ? [contextStatement(context), membership] : [contextStatement(context)];
    return transactionOnPool(pool, statements, (tx, results) => work(tx, roleOf(results[1]?.rows as RoleRow[] | undefined)));
  }
  return db.transaction(async (tx) => {
    await applyRlsContext(tx, context);
    return work(tx, membership ? roleOf(await queryRows<RoleRow>(tx, sql.raw(membership))) : null);
  });
}

/** System work that is not on behalf of one tenant (sign-in, invitations, jobs). */
export const SYSTEM_CONTEXT: RlsContext = { tenantId: null, userId: null, allTenants: true };

/** Narrows an open RLS context to one tenant for the rest of the transaction. */
export async function narrowToTenant(tx: Transaction | Database, tenantId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('app.all_tenants', 'off', true)`);
}

/**
 * Narrows to a tenant the context can see, in one statement with the look-up: false (and nothing
 * narrowed) when no such tenant is visible. The settings change from the one row the primary key
 * finds, after its row-level security check.
 */
export async function narrowToVisibleTenant(tx: Transaction | Database, tenantId: string): Promise<boolean> {
  const rows = await queryRows(
    tx,
    sql`select set_config('app.tenant_id', id::text, true), set_config('app.all_tenants', 'off', true) from tenants where id = ${tenantId}`,
  );
  return rows.length > 0;
}

/**
 * Rows of a statement that runs very often (the consent ledger's append, the consent search's
 * page), as a named prepared statement on the transaction's connection: PostgreSQL parses it once
 * per connection rather than on every call (and plans it once, unless the transaction forces custom
 * plans, as the search does). `text` must be the same for a `name` on every call (node-postgres
 * refuses otherwise); a null name runs it unnamed (parsed and planned every time). On PGlite (in
 * process, nothing to save) it is an ordinary query with the same parameters. Rows come as each
 * driver parses them (Drizzle's own column mapping does not apply).
 */
export async function queryNamed<T>(tx: Transaction, name: string | null, text: string, values: readonly unknown[]): Promise<T[]> {
  const client = (tx._.session as unknown as { client: unknown }).client;
  const params = [...values];
  try {
    if (client instanceof pg.Client)
      return (await client.query(name ? { name, text, values: params } : { text, values: params })).rows as T[];
    const embedded = client as { query(text: string, params: unknown[]): Promise<{ rows: T[] }> };
    return (await embedded.query(text, params)).rows;
  } catch (error) {
    // As Drizzle reports its own queries: the statement, its values (the logs redact them) and the cause.
    throw new DrizzleQueryError(text, params, error as Error);
  }
}

/** Rows of a raw SQL query, the same on PGlite and node-postgres. */
export async function queryRows<T>(db: Transaction | Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
