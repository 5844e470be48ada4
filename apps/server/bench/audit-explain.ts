/**
 * `npm run bench:audit -- --explain`: EXPLAIN (ANALYZE, BUFFERS) of each search's first page, both
 * the query the server runs (built by the server's own searchPageQuery in a transaction with the
 * compliance user's row-level security context, as a tRPC call runs it) and the hand-written SQL.
 */
import { type Database, openDatabase, queryRows, withRlsContext } from "@pc/db";
import { ZConsentSearchInput } from "@pc/shared";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { searchPageQuery } from "../src/routers/consent-audit/consent-audit.queries.js";
import { type SearchCase, searchSql } from "./audit-searches.js";

const COMPLIANCE_USER = "compliance@masterchannel.test";
type PlanRow = { "QUERY PLAN": string };

const indent = (rows: PlanRow[]) => rows.map((row) => `    ${row["QUERY PLAN"]}`).join("\n");

export async function explainSearches(client: pg.Client, databaseUrl: string, cases: readonly SearchCase[]): Promise<string> {
  const handle = await openDatabase({ kind: "postgres", url: databaseUrl, maxConnections: 1 });
  const [user] = (await client.query<{ id: string }>("select id from users where email = $1", [COMPLIANCE_USER])).rows;
  const rls = { tenantId: null, userId: user?.id ?? null, allTenants: true };
  const out: string[] = [];
  try {
    for (const search of cases) {
      // The input as the router receives it (dates parsed), then the server's own query builder.
      const { cursor: _cursor, limit, ...filters } = ZConsentSearchInput.parse(search.filters);
      const server = await withRlsContext(handle.db, rls, async (tx) => {
        const built = await searchPageQuery(tx as Database, { scopeTenantId: null, filters, limit });
        if (!built) return [];
        // Twice: the first run may read pages from disk; the second is what repeated searches see.
        await queryRows<PlanRow>(tx, sql`explain (analyze, buffers) ${built.query}`);
        return queryRows<PlanRow>(tx, sql`explain (analyze, buffers) ${built.query}`);
      });
      const handWritten = searchSql(search.filters);
      await client.query(`explain (analyze, buffers) ${handWritten.text}`, handWritten.values);
      const direct = (await client.query<PlanRow>(`explain (analyze, buffers) ${handWritten.text}`, handWritten.values)).rows;
      out.push(
        `## ${search.name}  ${JSON.stringify(search.filters)}`,
        "  server (app role, row-level security on):",
        indent(server),
        "  hand-written (owner):",
        indent(direct),
        "",
      );
    }
  } finally {
    await handle.close();
  }
  return `${out.join("\n")}\n`;
}
