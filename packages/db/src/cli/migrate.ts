/**
 * `npm run db:migrate`: applies the committed migrations and exits. It connects with
 * DATABASE_MIGRATION_URL (the schema owner), else DATABASE_URL (development, where one role owns
 * everything), else the embedded PGlite in DATA_DIR. On PostgreSQL it also lets console_app read the
 * migrations table (see client.ts). In production this is the only way the schema changes: run it
 * before starting the new servers.
 */
import { openDatabase } from "../client.js";
import { migrationStatus } from "../migration-status.js";
import { dbOptionsFromEnv } from "./options.js";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The innermost message of a (wrapped) error: what a person can act on. */
function rootMessage(error: unknown): string {
  let current = error as { message?: string; cause?: unknown } | undefined;
  while (current?.cause instanceof Error) current = current.cause as typeof current;
  return current?.message ?? String(error);
}

let options: ReturnType<typeof dbOptionsFromEnv>;
try {
  options = dbOptionsFromEnv();
} catch (error) {
  fail((error as Error).message);
}
const handle = await openDatabase(options);
try {
  const before = await migrationStatus(handle.db);
  await handle.migrate();
  const after = await migrationStatus(handle.db);
  if (after.pending.length > 0) throw new Error(`still missing after migrating: ${after.pending.join(", ")}`);
  const applied = before.pending.length;
  process.stdout.write(
    `${applied === 0 ? "No migration to apply" : `Applied ${applied} migration${applied === 1 ? "" : "s"}`} (${after.shipped} in all, ${handle.kind}${options.kind === "postgres" ? ` via ${options.source}` : ""})\n`,
  );
} catch (error) {
  await handle.close().catch(() => {});
  fail(`Could not migrate the database: ${rootMessage(error)}`);
}
await handle.close();
