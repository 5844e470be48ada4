/**
 * The large seed's database: a dedicated PostgreSQL database (pc_large by default; only names
 * starting with pc_large, so no other database is filled or dropped by mistake) created, or
 * dropped and created again with --reset, migrated, with the demo data (tenants, users, policies;
 * without demo consent events) and generated extra tenants with their subject secrets. Also what
 * the traffic needs from it: the tenants in share order and the published privacy versions.
 */
import { randomBytes } from "node:crypto";
import { formatPolicyVersion } from "@pc/shared";
import pg from "pg";
import { type DbHandle, openDatabase } from "../client.js";
import { DEMO_TENANTS, seedDemoData } from "../seed.js";
import type { LargePolicyVersion, LargeTenant } from "./large-traffic.js";

export const DEFAULT_LARGE_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/pc_large";
/** The one tenant that gets the largest share: a demo tenant, so demo users can look at it. */
export const LARGEST_TENANT_SLUG = "northwave";
const RESETTABLE = /^pc_large[a-z0-9_]*$/;

/** The database name of a URL, and the same server's maintenance database. */
function split(url: string): { name: string; adminUrl: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`The database name must be lower case letters, digits and _: ${name}`);
  parsed.pathname = "/postgres";
  return { name, adminUrl: parsed.toString() };
}

/** A pg client of its own (not Drizzle's pool): COPY streams and session settings need one connection. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * Creates the database when it does not exist; with `reset`, drops it first. An existing database
 * that already holds consent records is refused without `reset` (the chains would not follow on).
 */
export async function createLargeDatabase(url: string, reset: boolean): Promise<void> {
  const { name, adminUrl } = split(url);
  // Ten million rows and the demo data land here (and --reset drops it): never in a database of other use.
  if (!RESETTABLE.test(name)) throw new Error(`The large seed only fills databases named pc_large…, not ${name}`);
  const admin = await connect(adminUrl);
  try {
    const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
    if (exists && reset) await admin.query(`drop database ${name} with (force)`);
    if (!exists || reset) {
      await admin.query(`create database ${name}`);
      return;
    }
  } finally {
    await admin.end();
  }
  const existing = await connect(url);
  try {
    // A database made by hand (no tables yet) is fine; one with records is not.
    const table = await existing.query<{ found: boolean }>("select to_regclass('consent_records') is not null as found");
    const records = table.rows[0]?.found
      ? await existing.query<{ found: boolean }>("select exists (select 1 from consent_records) as found")
      : null;
    if (records?.rows[0]?.found) throw new Error(`${name} already holds consent records: pass --reset to drop it and load it again`);
  } finally {
    await existing.end();
  }
}

/** Migrations and the demo data (no demo consent events); the handle stays open for the caller. */
export async function migrateAndSeedDemo(url: string): Promise<DbHandle> {
  const handle = await openDatabase({ kind: "postgres", url, maxConnections: 2 });
  await handle.migrate();
  await seedDemoData(handle.db);
  return handle;
}

export const extraTenantSlug = (index: number) => `large-${String(index).padStart(3, "0")}`;

/**
 * The tenants events go to, `count` in all: the demo tenants (the largest first) and generated
 * ones (`large-001`…, created here with a subject secret when missing), in share order.
 */
export async function largeTenants(client: pg.Client, count: number): Promise<(LargeTenant & { slug: string })[]> {
  const demo = [LARGEST_TENANT_SLUG, ...DEMO_TENANTS.map((tenant) => tenant.slug).filter((slug) => slug !== LARGEST_TENANT_SLUG)];
  const slugs = [...demo.slice(0, count), ...Array.from({ length: Math.max(0, count - demo.length) }, (_, i) => extraTenantSlug(i + 1))];
  await client.query("begin");
  try {
    for (const slug of slugs.filter((s) => !demo.includes(s))) {
      const number = slug.slice("large-".length);
      await client.query(
        `with t as (insert into tenants (slug, name) values ($1, $2) on conflict (slug) do nothing returning id)
         insert into consent_subject_secrets (tenant_id, secret) select id, $3 from t`,
        [slug, `Large tenant ${number}`, randomBytes(32).toString("hex")],
      );
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
  const rows = await client.query<{ id: string; slug: string; secret: string }>(
    `select t.id, t.slug, s.secret from tenants t join consent_subject_secrets s on s.tenant_id = t.id where t.slug = any($1)`,
    [slugs],
  );
  const bySlug = new Map(rows.rows.map((row) => [row.slug, row]));
  return slugs.map((slug) => {
    const row = bySlug.get(slug);
    if (!row) throw new Error(`The tenant ${slug} has no subject secret`);
    return { id: row.id, slug, secret: Buffer.from(row.secret, "hex") };
  });
}

/** The published privacy versions that took effect by `until` (not withdrawn before taking effect), in effective order. */
export async function publishedPrivacyVersions(client: pg.Client, until: Date): Promise<LargePolicyVersion[]> {
  const { rows } = await client.query<{
    major: number;
    minor: number;
    sha256: string;
    effective_from: Date;
    purposes: { key: string; category: string }[];
  }>(
    `select major, minor, sha256, effective_from, purposes from policy_versions
     where kind = 'privacy' and status = 'published' and effective_from <= $1
       and (retired_at is null or retired_at > effective_from)
     order by effective_from, major, minor`,
    [until],
  );
  return rows.map((row) => ({
    version: formatPolicyVersion({ major: row.major, minor: row.minor }),
    sha256: row.sha256,
    effectiveFrom: row.effective_from.getTime(),
    purposes: row.purposes.map(({ key, category }) => ({ key, category })),
  }));
}

/** What the benchmark reads back (COMMENT ON DATABASE): how the data was made and how many subjects each tenant has. */
export interface LargeSeedSummary {
  events: number;
  seed: number;
  from: string;
  until: string;
  largestTenant: string;
  /** Tenant id → subjects sub_1 … sub_<n>. */
  subjects: Record<string, number>;
}

export async function writeSummary(client: pg.Client, summary: LargeSeedSummary): Promise<void> {
  const name = (await client.query<{ name: string }>("select current_database() as name")).rows[0]?.name as string;
  await client.query(`comment on database ${name} is ${pg.escapeLiteral(JSON.stringify({ pcLargeSeed: summary }))}`);
}

/** The summary the seed left, or null when the database was not made by it. */
export async function readSummary(client: pg.Client): Promise<LargeSeedSummary | null> {
  const { rows } = await client.query<{ comment: string | null }>(
    "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = current_database()",
  );
  try {
    return (JSON.parse(rows[0]?.comment ?? "null") as { pcLargeSeed?: LargeSeedSummary } | null)?.pcLargeSeed ?? null;
  } catch {
    return null;
  }
}
