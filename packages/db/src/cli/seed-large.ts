/**
 * `npm run db:seed:large -- --events N`: fills a dedicated PostgreSQL database (pc_large by default)
 * with the demo data and N consent events over the demo tenants and generated ones, with valid
 * chains and signed checkpoints (the server's key, as `npm run db:seed`), for `npm run bench:audit`.
 * See seed-large/large-load.ts for the steps and docs/performance.md for the figures.
 */
import { parseArgs } from "node:util";
import { rebuildConsentStats } from "../consent-stats-rebuild.js";
import { DEFAULT_LARGE_DATABASE_URL } from "../seed-large/large-database.js";
import { seedLargeLedger } from "../seed-large/large-load.js";
import { signerFromEnv } from "./options.js";

const USAGE = `Usage: npm run db:seed:large -- [--events N] [--database-url URL] [--reset] [--tenants N] [--largest-share F]
       [--days N] [--seed N] [--checkpoint-days N] [--keep-indexes]

  --events N           consent events to load (default 10000000)
  --database-url URL   the database, named pc_large… (default ${DEFAULT_LARGE_DATABASE_URL}); created when missing
  --reset              drop and create the database again
  --tenants N          tenants in all: the 3 demo tenants and generated ones (default 50)
  --largest-share F    Northwave's share of the events (default 0.45)
  --days N             received times span this many days up to now (default 730)
  --seed N             the traffic's PRNG seed (default 20261130)
  --checkpoint-days N  a signed checkpoint per tenant every N days, and one over each final head (default 7)
  --keep-indexes       load with the indexes in place (slower; to compare)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (process.env.NODE_ENV === "production") fail("db:seed:large refuses to load demo data when NODE_ENV=production");

function wholeNumber(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) fail(`--${name} must be a whole number of at least ${min}, not ${value}\n\n${USAGE}`);
  return Number(value);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      events: { type: "string" },
      "database-url": { type: "string" },
      reset: { type: "boolean" },
      tenants: { type: "string" },
      "largest-share": { type: "string" },
      days: { type: "string" },
      seed: { type: "string" },
      "checkpoint-days": { type: "string" },
      "keep-indexes": { type: "boolean" },
      help: { type: "boolean" },
    },
    allowPositionals: false,
  }));
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const text = (name: string) => values[name] as string | undefined;
const largestShare = Number(text("largest-share") ?? "0.45");
if (!(largestShare > 0 && largestShare < 1)) fail(`--largest-share must be between 0 and 1, not ${text("largest-share")}`);

const started = new Date();
try {
  const result = await seedLargeLedger({
    databaseUrl: text("database-url") ?? DEFAULT_LARGE_DATABASE_URL,
    events: wholeNumber(text("events"), "events", 10_000_000, 1),
    tenants: wholeNumber(text("tenants"), "tenants", 50, 1),
    largestShare,
    days: wholeNumber(text("days"), "days", 730, 1),
    seed: wholeNumber(text("seed"), "seed", 20_261_130),
    checkpointEveryDays: wholeNumber(text("checkpoint-days"), "checkpoint-days", 7, 1),
    reset: values.reset === true,
    keepIndexes: values["keep-indexes"] === true,
    signer: signerFromEnv(),
    // The load bypasses appendToLedger, which keeps the statistics rollups: rebuilt from the ledger.
    rebuildStats: (db) => rebuildConsentStats(db),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  const s = result.seconds;
  process.stdout.write(
    `\nDone: ${result.events.toLocaleString("en-GB")} events over ${result.tenants} tenants ` +
      `(the largest ${result.largestTenantEvents.toLocaleString("en-GB")}), ${result.checkpoints.toLocaleString("en-GB")} checkpoints, ` +
      `in ${s.total.toFixed(0)} s (started ${started.toISOString()}): prepare ${s.prepare.toFixed(1)} s, ` +
      `COPY ${s.copy.toFixed(1)} s (${Math.round(result.copyEventsPerSecond).toLocaleString("en-GB")} events/s), ` +
      `chains ${s.chains.toFixed(1)} s, indexes ${s.indexes.toFixed(1)} s, vacuum ${s.vacuum.toFixed(1)} s` +
      `${s.stats === null ? "" : `, statistics ${s.stats.toFixed(1)} s`}\n`,
  );
} catch (error) {
  fail(`db:seed:large failed: ${(error as Error).message}`);
}
