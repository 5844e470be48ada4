/**
 * A fresh database for one test file, copied from the template the global setup prepared
 * (migrated with the committed migrations and seeded with the demo data).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { type DbHandle, openDatabase } from "../client.js";
import { databaseUrl } from "./config.js";

export type { TestDbConfig } from "./config.js";
export { databaseUrl } from "./config.js";
export { messagesOf, refusalOf } from "./errors.js";

export interface TestDatabase extends DbHandle {
  /** Connection URL on real Postgres (null on PGlite). */
  url: string | null;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const config = inject("testDb");
  if (config.kind === "pglite") {
    const handle = await openDatabase({ kind: "pglite", loadDataDir: new Blob([readFileSync(config.dumpPath)]) });
    return { ...handle, url: null };
  }
  const name = `${config.template}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: config.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${config.template}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(config.adminUrl, name);
  const handle = await openDatabase({ kind: "postgres", url, maxConnections: 4 });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: config.adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
