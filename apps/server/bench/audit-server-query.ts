/**
 * The database side of a search, a second figure beside the headline (which is through HTTP): the
 * page query the server itself builds (searchPageQuery, after prepareSearch), run in a transaction
 * with the compliance user's row-level security context as a tRPC call runs it, and timed alone,
 * from the benchmark process: no HTTP, no tRPC, none of the request's other statements.
 */
import { performance } from "node:perf_hooks";
import { type Database, openDatabase, queryRows, withRlsContext } from "@pc/db";
import { ZConsentSearchInput } from "@pc/shared";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { runSearchPage, searchPageQuery } from "../src/routers/consent-audit/consent-audit.queries.js";
import type { SearchCase } from "./audit-searches.js";

export interface ServerQueries {
  /** The first page of a search: how long its query took, and the records it answered (to check against the SQL's). */
  page(search: SearchCase): Promise<{ ms: number; ids: string[]; backendPid: number }>;
  close(): Promise<void>;
}

export async function openServerQueries(client: pg.Client, databaseUrl: string, email: string): Promise<ServerQueries> {
  const [user] = (
    await client.query<{ id: string; operator_role: string | null }>("select id, operator_role from users where email = $1", [email])
  ).rows;
  if (!user?.operator_role) throw new Error(`${email} is not operator staff in this database`);
  // As signedInProcedure sets it for operator staff: every tenant visible, the user known.
  const rls = { tenantId: null, userId: user.id, allTenants: true };
  const handle = await openDatabase({ kind: "postgres", url: databaseUrl, maxConnections: 1 });
  return {
    page(search) {
      // The input as the router receives it (dates parsed), then the server's own query builder.
      const { cursor: _cursor, limit, ...filters } = ZConsentSearchInput.parse(search.filters);
      return withRlsContext(handle.db, rls, async (tx) => {
        const built = await searchPageQuery(tx as Database, { scopeTenantId: null, filters, limit });
        const started = performance.now();
        const rows = built ? await runSearchPage(tx as Database, built, limit) : [];
        const ms = performance.now() - started;
        // Not the API's CPU: measureSearch leaves this backend out of it.
        const [backend] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
        return { ms, ids: rows.map((row) => row.recordId), backendPid: backend?.pid ?? -1 };
      });
    },
    close: () => handle.close(),
  };
}
