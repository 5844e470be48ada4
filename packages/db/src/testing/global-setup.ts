/**
 * Vitest global setup for database tests: migrates and seeds one template database per run, so
 * each test file gets a fresh copy in well under a second.
 * - PGlite (default): a data-directory dump that each file loads into its own in-memory PGlite.
 * - PostgreSQL (TEST_DATABASE_URL set): a template database each file clones with CREATE DATABASE.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../client.js";
import { seedDemoData } from "../seed.js";
import type { TestDbConfig } from "./config.js";
import { databaseUrl } from "./config.js";

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const template = `pc_template_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const handle = await openDatabase({ kind: "postgres", url: databaseUrl(adminUrl, template), maxConnections: 2 });
    await handle.migrate();
    await seedDemoData(handle.db);
    await handle.close();
    await admin.query(`alter database ${template} is_template true`);
    const config: TestDbConfig = { kind: "postgres", adminUrl, template };
    project.provide("testDb", config);
    return async () => {
      const leftovers = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${template}%`]);
      for (const { datname } of leftovers.rows) {
        if (datname !== template) await admin.query(`drop database if exists ${datname} with (force)`);
      }
      await admin.query(`alter database ${template} is_template false`);
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }

  const dir = mkdtempSync(join(tmpdir(), "pc-test-"));
  const handle = await openDatabase({ kind: "pglite" });
  await handle.migrate();
  await seedDemoData(handle.db);
  const dumpPath = join(dir, "template.tar.gz");
  const dump = await handle.dumpDataDir?.();
  if (!dump) throw new Error("PGlite handle cannot dump its data directory");
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  const config: TestDbConfig = { kind: "pglite", dumpPath };
  project.provide("testDb", config);
  return () => rmSync(dir, { recursive: true, force: true });
}
