/**
 * The consent export's rows: the consent record search's records (same conditions and scope, same
 * order), read in keyset pages, each row already written as its CSV or NDJSON line by PostgreSQL.
 * The server only joins lines: parsing and re-encoding every field in Node cost three times what
 * PostgreSQL spends per row (bench:audit), and COPY … TO STDOUT of the same rows is the yardstick.
 * Pages start small (the first bytes leave quickly) and grow; the next page is read while the
 * current one is sent, each in its own short transaction, so memory stays flat however many
 * records match. consent-export-rows.test.ts holds the lines equal to csv-stringify's and to
 * JSON.stringify's.
 */
import { type Database, queryRows, type RlsContext, withRlsContext } from "@pc/db";
import { and, type SQL, sql } from "drizzle-orm";
import { prepareSearch, type SearchFilters, searchConditions } from "../../routers/consent-audit/consent-audit.queries.js";

/** The first page's size; later pages double up to CONSENT_EXPORT_MAX_PAGE. */
export const CONSENT_EXPORT_PAGE = 1000;
export const CONSENT_EXPORT_MAX_PAGE = 4000;

export const CONSENT_EXPORT_COLUMNS = [
  "record_id",
  "tenant_slug",
  "seq",
  "received_at",
  "occurred_at",
  "consent_id",
  "policy_kind",
  "policy_version",
  "action",
  "purposes",
  "language",
  "path",
  "gpc",
  "country",
  "jurisdiction",
] as const;

export type ExportFormat = { kind: "csv"; delimiter: "," | ";" } | { kind: "ndjson" };

/** A row: its line (newline included); the page's last row also where the next page starts (receivedAt to the microsecond, tenant, seq). */
interface LineRow {
  line: string;
  k: string | null;
}

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A CSV field as RFC 4180 wants it (and csv-stringify writes it): quoted, quotes doubled, when it
 * holds a quote, the delimiter or a line break. `column` must be a plain column of the page `s`.
 */
const csvField = (column: string, delimiter: string) =>
  `case when s.${column} ~ '["${delimiter}\\r\\n]' then '"' || replace(s.${column}, '"', '""') || '"' else s.${column} end`;

/** Text columns of `s` that a CSV line may need to quote (purposes apart: with ; as delimiter it always does). */
const CSV_TEXT = ["slug", "consent_id_csv", "policy_kind", "policy_version", "action", "language", "path", "country_text", "jurisdiction"];

/** Text columns of `s` that an NDJSON line may need to escape. */
const JSON_TEXT = ["slug", "consent_id", "policy_kind", "policy_version", "action", "language", "path", "country_text", "jurisdiction"];

/** The line of a row of `s` in the format, as SQL (every part non-null: || with null gives null). */
function lineSql(format: ExportFormat): string {
  if (format.kind === "csv") {
    const d = format.delimiter;
    const line = (field: (column: string) => string) =>
      [
        "s.id::text",
        field("slug"),
        "s.seq::text",
        iso("s.received_at"),
        iso("s.occurred_at"),
        field("consent_id_csv"),
        field("policy_kind"),
        field("policy_version"),
        field("action"),
        csvField("purposes_cell", d),
        field("language"),
        field("path"),
        "case when s.gpc then 'true' else 'false' end",
        field("country_text"),
        field("jurisdiction"),
      ].join(` || '${d}' || `);
    // One test over the row's text instead of one per field: most rows need no quoting at all.
    const anySpecial = `(${CSV_TEXT.map((column) => `s.${column}`).join(" || ")}) ~ '["${d}\\r\\n]'`;
    return `case when ${anySpecial} then ${line((column) => csvField(column, d))} else ${line((column) => `s.${column}`)} end || E'\\r\\n'`;
  }
  // JSON strings: to_json escapes; when the row's text holds nothing to escape (a quote, a
  // backslash, a control character), quoting is enough, as for the CSV above.
  const fields = (string: (column: string) => string): [string, string][] => [
    ["record_id", "'\"' || s.id::text || '\"'"],
    ["tenant_slug", string("slug")],
    ["seq", "s.seq::text"],
    ["received_at", `'"' || ${iso("s.received_at")} || '"'`],
    ["occurred_at", `'"' || ${iso("s.occurred_at")} || '"'`],
    ["consent_id", string("consent_id")],
    ["policy_kind", string("policy_kind")],
    ["policy_version", string("policy_version")],
    ["action", string("action")],
    ["purposes", "s.purposes_json"],
    ["language", string("language")],
    ["path", string("path")],
    ["gpc", "case when s.gpc then 'true' else 'false' end"],
    ["country", `case when s.country is null then 'null' else ${string("country")} end`],
    ["jurisdiction", string("jurisdiction")],
  ];
  const object = (string: (column: string) => string) =>
    `'{' || ${fields(string)
      .map(([key, value]) => `'"${key}":' || ${value}`)
      .join(" || ',' || ")} || E'}\\n'`;
  const text = JSON_TEXT.map((column) => `s.${column}`).join(" || ");
  return `case when (${text}) ~ '[[:cntrl:]"\\\\]' then ${object((column) => `to_json(s.${column})::text`)} else ${object((column) => `'"' || s.${column} || '"'`)} end`;
}

/** What each format needs computed once per row, below the formatting (purposes in key order, formula guard). */
function derivedSql(format: ExportFormat): string {
  if (format.kind === "csv") {
    return `case when consent_records.consent_id ~ '^[=+\\-@]' then '''' || consent_records.consent_id else consent_records.consent_id end as consent_id_csv,
      coalesce((select string_agg(p.key || '=' || p.value, ';' order by p.key collate "C") from jsonb_each_text(consent_records.purposes) as p), '') as purposes_cell,
      coalesce(consent_records.country, '') as country_text`;
  }
  // JSON.parse(purposes) then JSON.stringify keeps jsonb's key order, which jsonb_each gives.
  return `coalesce((select '{' || string_agg(to_json(p.key)::text || ':' || to_json(p.value)::text, ',') || '}'
      from jsonb_each_text(consent_records.purposes) as p), '{}') as purposes_json,
      coalesce(consent_records.country, '') as country_text`;
}

/** One page after `after` (newest first) as lines, or null when the search can match nothing. */
async function readPage(
  db: Database,
  scope: { scopeTenantId: string | null; filters: SearchFilters },
  format: ExportFormat,
  after: string[] | null,
  limit: number,
): Promise<LineRow[] | null> {
  await prepareSearch(db, scope);
  const conditions = await searchConditions(db, scope);
  if (!conditions) return null;
  const where: (SQL | undefined)[] = [...conditions.where];
  if (after) {
    const [receivedAt, tenantId, seq] = after;
    where.push(
      sql`(consent_records.received_at, consent_records.tenant_id, consent_records.seq) < (${receivedAt}::timestamptz, ${tenantId}::uuid, ${seq}::bigint)`,
    );
  }
  // The page below (the search's conditions name the table's columns in full, as Drizzle writes
  // them), its lines above: a subquery with a limit is not flattened, so each part is computed once.
  return queryRows<LineRow>(
    db,
    sql`select ${sql.raw(lineSql(format))} as line,
        case when row_number() over (order by s.received_at desc, s.tenant_id desc, s.seq desc) = ${limit}
          then to_char(s.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || ' ' || s.tenant_id || ' ' || s.seq end as k
      from (
        select consent_records.*, t.slug, ${sql.raw(derivedSql(format))}
        from consent_records join tenants t on t.id = consent_records.tenant_id
        where ${and(...where) ?? sql`true`}
        order by consent_records.received_at desc, consent_records.tenant_id desc, consent_records.seq desc
        limit ${limit}
      ) as s
      order by s.received_at desc, s.tenant_id desc, s.seq desc`,
  );
}

/**
 * Every matching record's line, a page at a time (the page's lines joined, and how many): yields
 * each page once the next page's read has started.
 */
export async function* exportPages(
  db: Database,
  rls: RlsContext,
  scope: { scopeTenantId: string | null; filters: SearchFilters },
  format: ExportFormat,
): AsyncGenerator<{ text: string; rows: number }> {
  const read = (after: string[] | null, limit: number) =>
    withRlsContext(db, rls, (tx) => readPage(tx as Database, scope, format, after, limit));
  let limit = CONSENT_EXPORT_PAGE;
  let next: Promise<LineRow[] | null> | null = read(null, limit);
  while (next) {
    const rows: LineRow[] = (await next) ?? [];
    const last = rows.at(-1);
    next = null;
    if (last?.k && rows.length === limit) {
      limit = Math.min(limit * 2, CONSENT_EXPORT_MAX_PAGE);
      next = read(last.k.split(" "), limit);
      // Read ahead: if the download stops before this page is wanted, its failure must not go unhandled.
      next.catch(() => {});
    }
    if (rows.length > 0) {
      let text = "";
      for (const row of rows) text += row.line;
      yield { text, rows: rows.length };
    }
  }
}

export function csvHeader(delimiter: string): string {
  return `${CONSENT_EXPORT_COLUMNS.join(delimiter)}\r\n`;
}
