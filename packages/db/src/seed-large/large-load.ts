/**
 * `npm run db:seed:large`'s work, step by step: the database and its demo data (large-database.ts),
 * the ledger's indexes dropped (ledger-indexes.ts), N events streamed in with COPY … FROM STDIN on
 * two connections (records and personal data) while the next chunk is generated
 * (large-traffic.ts), the chain heads and the signed checkpoints written, the indexes built again,
 * VACUUM (ANALYZE) so the tables look as autovacuum leaves them (and autovacuum does not start on
 * them during a benchmark), and the statistics rollups rebuilt.
 */
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { sql } from "drizzle-orm";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "../client.js";
import { type CheckpointSigner, insertCheckpoint } from "../consent-ledger.js";
import {
  connect,
  createLargeDatabase,
  LARGEST_TENANT_SLUG,
  largeTenants,
  migrateAndSeedDemo,
  publishedPrivacyVersions,
  writeSummary,
} from "./large-database.js";
import { createLargeTraffic, type LargeCheckpoint, PERSONAL_COLUMNS, RECORD_COLUMNS, skewedShares } from "./large-traffic.js";
import { type BuiltIndex, dropIndexes, indexDefinitions, recreateIndexes } from "./ledger-indexes.js";

const DAY_MS = 86_400_000;

export interface LargeSeedOptions {
  databaseUrl: string;
  events: number;
  /** Tenants in all, the demo ones included (at least 1). */
  tenants: number;
  /** The largest tenant's share of the events (0–1). */
  largestShare: number;
  /** Received times span this many days up to `until`. */
  days: number;
  seed: number;
  reset: boolean;
  /** Load with the indexes in place (to compare; slower). */
  keepIndexes: boolean;
  checkpointEveryDays: number;
  signer: CheckpointSigner;
  /** Rebuilds the statistics rollups after the load (rebuildConsentStats). */
  rebuildStats?: (db: Database) => Promise<unknown>;
  log: (line: string) => void;
  until?: Date;
  /** Events generated and written at a time. */
  chunkEvents?: number;
  /** Events per COPY statement (each its own transaction). */
  copyEvents?: number;
}

export interface LargeSeedResult {
  events: number;
  tenants: number;
  checkpoints: number;
  largestTenantEvents: number;
  indexes: BuiltIndex[];
  seconds: { prepare: number; copy: number; chains: number; indexes: number; vacuum: number; stats: number | null; total: number };
  /** Events (a record and its personal data each) loaded per second of the COPY phase. */
  copyEventsPerSecond: number;
}

const since = (start: number) => (performance.now() - start) / 1000;
const number = new Intl.NumberFormat("en-GB");

function duration(seconds: number): string {
  const whole = Math.round(seconds);
  return whole >= 60 ? `${Math.floor(whole / 60)} min ${whole % 60} s` : `${seconds.toFixed(1)} s`;
}

type Traffic = ReturnType<typeof createLargeTraffic>;

/** Streams every event through two COPY statements at a time, `copyEvents` events per statement. */
async function copyAll(
  url: string,
  traffic: Traffic,
  options: Required<Pick<LargeSeedOptions, "chunkEvents" | "copyEvents" | "events" | "log">>,
) {
  const clients = await Promise.all([connect(url), connect(url)]);
  const [recordsClient, personalClient] = clients;
  const started = performance.now();
  let loaded = 0;
  let lastReport = started;
  try {
    let chunk = traffic.next(options.chunkEvents);
    while (chunk) {
      const records = recordsClient.query(copyFrom(`copy consent_records (${RECORD_COLUMNS.join(", ")}) from stdin`));
      const personal = personalClient.query(copyFrom(`copy consent_personal_data (${PERSONAL_COLUMNS.join(", ")}) from stdin`));
      // An error on one stream while the other is waited for: kept, and thrown once the wait ends.
      let failure: Error | null = null;
      const keep = (error: Error) => {
        failure ??= error;
      };
      records.on("error", keep);
      personal.on("error", keep);
      let inStatement = 0;
      while (chunk && inStatement < options.copyEvents) {
        if (failure) throw failure;
        records.write(chunk.records);
        personal.write(chunk.personal);
        inStatement += chunk.events;
        loaded += chunk.events;
        // The next chunk is made while PostgreSQL reads this one.
        chunk = traffic.next(options.chunkEvents);
        // Asked each time: one stream may drain while the other is waited for.
        if (records.writableNeedDrain) await once(records, "drain");
        if (personal.writableNeedDrain) await once(personal, "drain");
        if (performance.now() - lastReport >= 2000) {
          lastReport = performance.now();
          const rate = loaded / since(started);
          options.log(
            `  ${number.format(loaded)} of ${number.format(options.events)} events (${((100 * loaded) / options.events).toFixed(1)}%), ` +
              `${number.format(Math.round(rate))} events/s, about ${duration((options.events - loaded) / rate)} to go`,
          );
        }
      }
      records.end();
      personal.end();
      await Promise.all([finished(records), finished(personal)]);
    }
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  return { loaded, seconds: since(started) };
}

const sqlHead = (tenantId: string, seq: number, hash: string) =>
  sql`insert into consent_ledger_heads (tenant_id, seq, hash) values (${tenantId}, ${seq}, ${hash})
    on conflict (tenant_id) do update set seq = excluded.seq, hash = excluded.hash, updated_at = now()`;

/** Chain heads (seq and hash of each tenant's last record) and the signed checkpoints, in one transaction. */
async function writeChains(db: Database, traffic: Traffic, signer: CheckpointSigner): Promise<number> {
  const heads = traffic.heads().filter((head) => head.seq > 0);
  const checkpoints: LargeCheckpoint[] = traffic.checkpoints;
  await db.transaction(async (tx) => {
    // Heads only move forward (a trigger checks): the ledger was empty, so every head starts here.
    for (const head of heads) await tx.execute(sqlHead(head.tenantId, head.seq, head.hash));
    for (const checkpoint of checkpoints) await insertCheckpoint(tx, signer, checkpoint);
  });
  return checkpoints.length;
}

export async function seedLargeLedger(options: LargeSeedOptions): Promise<LargeSeedResult> {
  const { log, databaseUrl: url } = options;
  const started = performance.now();
  const until = options.until ?? new Date();
  const from = new Date(until.getTime() - options.days * DAY_MS);

  log(`Preparing ${new URL(url).pathname.slice(1)}: migrations, demo data, ${options.tenants} tenants`);
  await createLargeDatabase(url, options.reset);
  const handle = await migrateAndSeedDemo(url);
  const client = await connect(url);
  try {
    const tenants = await largeTenants(client, options.tenants);
    const versions = await publishedPrivacyVersions(client, until);
    const shares = skewedShares(tenants.length, options.largestShare);
    const traffic = createLargeTraffic({
      events: options.events,
      tenants,
      shares,
      versions,
      from: from.getTime(),
      until: until.getTime(),
      seed: options.seed,
      checkpointEveryDays: options.checkpointEveryDays,
    });
    const definitions = options.keepIndexes ? [] : await indexDefinitions(client);
    if (definitions.length > 0) {
      log(`Dropping ${definitions.length} indexes for the load: ${definitions.map((index) => index.name).join(", ")}`);
      await dropIndexes(client, definitions);
    }
    const prepare = since(started);

    log(
      `Loading ${number.format(options.events)} consent events (${from.toISOString().slice(0, 10)} to ${until.toISOString().slice(0, 10)})`,
    );
    const copy = await copyAll(url, traffic, {
      chunkEvents: options.chunkEvents ?? 1000,
      copyEvents: options.copyEvents ?? 1_000_000,
      events: options.events,
      log,
    });
    log(
      `Loaded ${number.format(copy.loaded)} events in ${duration(copy.seconds)} (${number.format(Math.round(copy.loaded / copy.seconds))} events/s)`,
    );

    let phase = performance.now();
    const checkpoints = await writeChains(handle.db, traffic, options.signer);
    const chains = since(phase);
    log(`Chain heads and ${number.format(checkpoints)} signed checkpoints written in ${duration(chains)}`);

    phase = performance.now();
    const indexes = await recreateIndexes(url, definitions, {
      onBuilt: (built) => log(`  index ${built.name} built in ${duration(built.seconds)}`),
    });
    const indexSeconds = since(phase);
    if (definitions.length > 0) log(`Indexes built again in ${duration(indexSeconds)}`);

    phase = performance.now();
    await client.query("vacuum (analyze) consent_records");
    await client.query("vacuum (analyze) consent_personal_data");
    await client.query("analyze");
    const vacuum = since(phase);
    log(`VACUUM (ANALYZE) in ${duration(vacuum)}`);

    let stats: number | null = null;
    if (options.rebuildStats) {
      phase = performance.now();
      await options.rebuildStats(handle.db);
      // The rollups were empty at the ANALYZE above: without this the planner takes them for one row.
      await client.query("analyze");
      stats = since(phase);
      log(`Statistics rollups rebuilt in ${duration(stats)}`);
    } else {
      log("Statistics rollups: not rebuilt");
    }

    const heads = traffic.heads();
    await writeSummary(client, {
      events: options.events,
      seed: options.seed,
      from: from.toISOString(),
      until: until.toISOString(),
      largestTenant: LARGEST_TENANT_SLUG,
      subjects: Object.fromEntries(heads.map((head) => [head.tenantId, head.subjects])),
    });
    return {
      events: copy.loaded,
      tenants: tenants.length,
      checkpoints,
      largestTenantEvents: heads[0]?.seq ?? 0,
      indexes,
      seconds: { prepare, copy: copy.seconds, chains, indexes: indexSeconds, vacuum, stats, total: since(started) },
      copyEventsPerSecond: copy.loaded / copy.seconds,
    };
  } finally {
    await client.end();
    await handle.close();
  }
}
