/**
 * Production start-up on a real PostgreSQL server, as docs/operations.md ("Production deployment")
 * describes it: an owner role owning the database, the app's login role a member of console_app.
 * A fresh database is refused before anything migrates; `npm run db:migrate` with the owner's URL
 * migrates it; the server then refuses a superuser, the owner and a role outside console_app, starts
 * as the login role (STRIPE_MODE=simulator) and answers /readyz; that role cannot change the schema;
 * and demo accounts or demo publishable keys stop the start.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePortIn, repoRoot, serverCommand } from "../bench/processes.js";
import { adminUrl } from "./ops-database.js";

/** As docs/operations.md starts it: `node apps/server/dist/main.js` (built from the sources first). */
const MAIN = await serverCommand("bundle");
const suffix = randomBytes(4).toString("hex");
const DATABASE = `pc_prod_${suffix}`;
const OWNER = `pc_prod_owner_${suffix}`;
const LOGIN = `pc_prod_login_${suffix}`;
/** A login role that is not a member of console_app. */
const OUTSIDER = `pc_prod_login_${suffix}_outside`;
const SHIPPED = (
  JSON.parse(readFileSync(join(repoRoot, "packages/db/drizzle/meta/_journal.json"), "utf8")) as { entries: { tag: string }[] }
).entries;
const dataDir = mkdtempSync(join(tmpdir(), "helperA-ops-"));

/** TEST_DATABASE_URL with another user and database (the cluster trusts local connections; a password would carry over). */
function urlFor(user: string, database: string): string {
  const url = new URL(adminUrl());
  url.username = user;
  url.pathname = `/${database}`;
  return url.toString();
}
const ownerUrl = () => urlFor(OWNER, DATABASE);
const loginUrl = () => urlFor(LOGIN, DATABASE);

/** Statements on one connection as `url`; answers the last one's rows. */
async function sqlAs<Row extends object = Record<string, unknown>>(url: string, ...statements: string[]): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let rows: Row[] = [];
    for (const statement of statements) rows = (await client.query(statement)).rows;
    return rows;
  } finally {
    await client.end();
  }
}
const asSuperuser = (...statements: string[]) => sqlAs(urlFor(new URL(adminUrl()).username, DATABASE), ...statements);

/** The error code PostgreSQL answers `statement` with, run as `url` (null: it succeeded). */
async function sqlStateOf(url: string, ...statements: string[]): Promise<string | null> {
  try {
    await sqlAs(url, ...statements);
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const SETTINGS = {
  NODE_ENV: "production",
  SESSION_SECRET: randomBytes(48).toString("base64"),
  LEDGER_SIGNING_KEY: randomBytes(32).toString("base64"),
  PUBLIC_URL: "https://console.example.com",
  STRIPE_MODE: "simulator",
  STRIPE_SIMULATOR_PORT: "0",
  LOG_LEVEL: "warn",
  HOST: "127.0.0.1",
  DATA_DIR: dataDir,
};

/** Exactly these settings (nothing inherited but PATH and HOME, so no DATABASE_URL leaks in). */
const envOf = (settings: Record<string, string>): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, ...settings });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts a production server that is expected to refuse: answers its exit and output. */
async function refusedStart(databaseUrl: string): Promise<Run> {
  const port = await freePortIn(4510, 4519);
  const child = spawn(process.execPath, MAIN, {
    cwd: repoRoot,
    env: envOf({ ...SETTINGS, PORT: String(port), DATABASE_URL: databaseUrl }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(child);
  const code = await new Promise<number | null>((done) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      done(exitCode);
    });
  });
  return { code, ...output() };
}

function collect(child: ChildProcess): () => { stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return () => ({ stdout, stderr });
}

const linesOf = (text: string) => text.split("\n").filter((line) => line.length > 0);

/** `npm run db:migrate` with exactly these settings. */
function dbMigrate(settings: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile("npm", ["run", "--silent", "db:migrate"], { cwd: repoRoot, env: envOf(settings), timeout: 120_000 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  // As docs/operations.md "Database roles" says, run by a superuser (passwords left out: the test
  // cluster trusts local connections).
  await sqlAs(
    adminUrl(),
    `CREATE ROLE ${OWNER} LOGIN`,
    `CREATE DATABASE ${DATABASE} OWNER ${OWNER}`,
    `DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'console_app') THEN CREATE ROLE console_app NOLOGIN; END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    `CREATE ROLE ${LOGIN} LOGIN IN ROLE console_app`,
    `CREATE ROLE ${OUTSIDER} LOGIN`,
  );
});

afterAll(async () => {
  await sqlAs(
    adminUrl(),
    `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`,
    `DROP ROLE IF EXISTS ${LOGIN}`,
    `DROP ROLE IF EXISTS ${OUTSIDER}`,
    `DROP ROLE IF EXISTS ${OWNER}`,
  );
  rmSync(dataDir, { recursive: true, force: true });
});

describe("production start-up on PostgreSQL", () => {
  it("refuses a fresh database before migrating anything, naming the missing migrations", async () => {
    const run = await refusedStart(loginUrl());
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      `The database is missing ${SHIPPED.length} migrations (first: ${SHIPPED[0]?.tag}): run npm run db:migrate with DATABASE_MIGRATION_URL (the schema owner)`,
    ]);
    // Nothing was migrated: no migrations schema, no table.
    expect(await asSuperuser("select count(*)::int as n from pg_namespace where nspname = 'drizzle'")).toEqual([{ n: 0 }]);
    expect(await asSuperuser("select count(*)::int as n from pg_tables where schemaname = 'public'")).toEqual([{ n: 0 }]);
  });

  it("npm run db:migrate refuses production without an owner URL", async () => {
    const run = await dbMigrate({ NODE_ENV: "production", DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      "DATABASE_MIGRATION_URL is required in production: the schema owner's connection, e.g. postgres://console_owner:…@db:5432/console",
    ]);
  });

  it("npm run db:migrate with the owner's URL applies every migration and lets console_app read which", async () => {
    const first = await dbMigrate({ NODE_ENV: "production", DATABASE_MIGRATION_URL: ownerUrl(), DATA_DIR: dataDir });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(linesOf(first.stdout)).toEqual([
      `Applied ${SHIPPED.length} migrations (${SHIPPED.length} in all, postgres via DATABASE_MIGRATION_URL)`,
    ]);
    expect(await asSuperuser("select tableowner from pg_tables where schemaname = 'public' and tablename = 'tenants'")).toEqual([
      { tableowner: OWNER },
    ]);
    expect(
      await asSuperuser(`select has_schema_privilege('console_app', 'drizzle', 'USAGE') as schema,
        has_table_privilege('console_app', 'drizzle.__drizzle_migrations', 'SELECT') as migrations`),
    ).toEqual([{ schema: true, migrations: true }]);

    // Again: nothing to apply, and the grants are not repeated into an error.
    const again = await dbMigrate({ NODE_ENV: "production", DATABASE_MIGRATION_URL: ownerUrl(), DATA_DIR: dataDir });
    expect(again.code).toBe(0);
    expect(linesOf(again.stdout)).toEqual([`No migration to apply (${SHIPPED.length} in all, postgres via DATABASE_MIGRATION_URL)`]);
  });

  it("refuses a superuser, the schema owner and a role outside console_app, one line each", async () => {
    const superuser = new URL(adminUrl()).username;
    const asSuper = await refusedStart(urlFor(superuser, DATABASE));
    expect(asSuper.code).toBe(1);
    expect(linesOf(asSuper.stderr)).toEqual([
      `DATABASE_URL logs in as ${superuser}, a superuser: use the app's login role (docs/operations.md "Database roles")`,
    ]);

    const asOwner = await refusedStart(ownerUrl());
    expect(asOwner.code).toBe(1);
    expect(linesOf(asOwner.stderr)).toEqual([
      `DATABASE_URL logs in as ${OWNER}, which owns the schema's tables (tenants belongs to ${OWNER}): use the app's login role and keep the owner for DATABASE_MIGRATION_URL (docs/operations.md "Database roles")`,
    ]);

    const asOutsider = await refusedStart(urlFor(OUTSIDER, DATABASE));
    expect(asOutsider.code).toBe(1);
    expect(linesOf(asOutsider.stderr)).toEqual([
      `DATABASE_URL logs in as ${OUTSIDER}, which is not a member of console_app: GRANT console_app TO ${OUTSIDER} as a superuser (docs/operations.md "Database roles")`,
    ]);
  });

  it("starts as the login role with STRIPE_MODE=simulator, answers /readyz 200 and stops on SIGTERM", async () => {
    const port = await freePortIn(4510, 4519);
    const child = spawn(process.execPath, MAIN, {
      cwd: repoRoot,
      env: envOf({ ...SETTINGS, PORT: String(port), DATABASE_URL: loginUrl() }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = collect(child);
    try {
      let ready: Response | undefined;
      for (let attempt = 0; attempt < 150 && child.exitCode === null; attempt++) {
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        if (ready) break;
        await sleep(200);
      }
      if (!ready) throw new Error(`the server did not answer:\n${output().stderr}`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: "ready",
        checks: { database: "ok", migrations: `ok (${SHIPPED.length} applied)`, jobRunner: "ok" },
      });
      expect(output().stdout).toContain("Partner Console is running at https://console.example.com (database: postgres)");
      expect(output().stdout).not.toContain("Demo accounts");
      expect(output().stderr).toBe("");
      // Nothing was seeded.
      expect(await asSuperuser("select count(*)::int as n from users")).toEqual([{ n: 0 }]);
    } finally {
      const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      expect(await exited).toBe(0);
      clearTimeout(timer);
    }
  });

  it("the login role cannot change the schema, directly or as console_app", async () => {
    expect(await sqlStateOf(loginUrl(), "CREATE TABLE pc_prod_probe (id int)")).toBe("42501");
    expect(await sqlStateOf(loginUrl(), "ALTER TABLE tenants ADD COLUMN pc_prod_probe int")).toBe("42501");
    expect(await sqlStateOf(loginUrl(), "DROP TABLE consent_records")).toBe("42501");
    expect(await sqlStateOf(loginUrl(), "SET ROLE console_app", "CREATE TABLE pc_prod_probe (id int)")).toBe("42501");
    expect(await sqlStateOf(loginUrl(), "SET ROLE console_app", "ALTER TABLE users DISABLE ROW LEVEL SECURITY")).toBe("42501");
    // It can read through console_app (no rows: no tenant context), which is what it is for.
    expect(await sqlAs(loginUrl(), "select count(*)::int as n from tenants")).toEqual([{ n: 0 }]);
  });

  it("refuses demo accounts and demo publishable keys; the keys go as the line says", async () => {
    await asSuperuser(
      "insert into tenants (slug, name) values ('demoshop', 'Demo Shop')",
      "insert into consent_publishable_keys (tenant_id, key, is_demo) select id, 'pk_demo_demoshop', true from tenants where slug = 'demoshop'",
      "insert into users (email, name, password_hash, is_demo) values ('admin@demoshop.test', 'Demo Admin', 'x', true)",
    );
    const refused = await refusedStart(loginUrl());
    expect(refused.code).toBe(1);
    expect(linesOf(refused.stderr)).toEqual([
      "Refusing to start in production: demo accounts are present. Remove them (users.is_demo) first.",
      "Refusing to start in production: demo publishable keys are present (pk_demo_demoshop). Remove them as the schema owner (SET app.all_tenants = 'on'; DELETE FROM consent_publishable_keys WHERE is_demo;), then create each tenant's key anew on its Consent page",
    ]);

    // The keys' remedy, exactly as the line says, as the owner.
    await sqlAs(ownerUrl(), "SET app.all_tenants = 'on'", "DELETE FROM consent_publishable_keys WHERE is_demo");
    expect(await asSuperuser("select count(*)::int as n from consent_publishable_keys")).toEqual([{ n: 0 }]);
    const accountsOnly = await refusedStart(loginUrl());
    expect(accountsOnly.code).toBe(1);
    expect(linesOf(accountsOnly.stderr)).toEqual([
      "Refusing to start in production: demo accounts are present. Remove them (users.is_demo) first.",
    ]);
  });
});
