/** `npm run db:migrate`: applies the committed migrations and exits. */
import { openDatabase } from "../client.js";
import { dbOptionsFromEnv } from "./options.js";

const handle = await openDatabase(dbOptionsFromEnv());
await handle.migrate();
await handle.close();
process.stdout.write(`migrations applied (${handle.kind})\n`);
