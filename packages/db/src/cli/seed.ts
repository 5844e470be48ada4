/**
 * `npm run db:seed`: applies migrations, then loads the demo data into an empty database, with
 * DEMO_CONSENT_EVENTS consent events (`--events N` for another number) checkpointed with the
 * server's signing key (LEDGER_SIGNING_KEY, or the one kept in DATA_DIR, made on first use).
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../client.js";
import { seedDemoData } from "../seed.js";
import { DEMO_CONSENT_EVENTS } from "../seed-consent.js";
import { dbOptionsFromEnv, signerFromEnv } from "./options.js";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (process.env.NODE_ENV === "production") fail("db:seed refuses to load demo data when NODE_ENV=production");

/**
 * `--events N`. Through the root script (`npm run db:seed -- --events N`) npm takes `--events` for
 * its own setting and passes N alone (or, for `--events=N`, only the npm_config_events variable).
 */
function eventsOption(): number {
  const { values, positionals } = parseArgs({ options: { events: { type: "string" } }, allowPositionals: true });
  const given = values.events ?? positionals[0] ?? process.env.npm_config_events;
  if (given === undefined) return DEMO_CONSENT_EVENTS;
  if (!/^\d+$/.test(given)) throw new Error(`--events must be a whole number, not ${given}`);
  return Number(given);
}

let events = DEMO_CONSENT_EVENTS;
try {
  events = eventsOption();
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run db:seed [-- --events N]`);
}

const signer = signerFromEnv();

const handle = await openDatabase(dbOptionsFromEnv());
await handle.migrate();
const { seeded, consent } = await seedDemoData(handle.db, { consent: { events, signer } });
await handle.close();
if (!seeded) {
  process.stdout.write("the database already has users; demo data not loaded\n");
} else {
  const seconds = ((consent?.ms ?? 0) / 1000).toFixed(1);
  process.stdout.write(
    `demo data loaded: ${consent?.events ?? 0} consent events, ${consent?.checkpoints ?? 0} checkpoints in ${seconds} s\n`,
  );
}
