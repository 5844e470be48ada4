/** `npm run db:seed`: applies migrations, then loads the demo data into an empty database. */
import { openDatabase } from "../client.js";
import { seedDemoData } from "../seed.js";
import { dbOptionsFromEnv } from "./options.js";

if (process.env.NODE_ENV === "production") {
  process.stderr.write("db:seed refuses to load demo data when NODE_ENV=production\n");
  process.exit(1);
}
const handle = await openDatabase(dbOptionsFromEnv());
await handle.migrate();
const { seeded } = await seedDemoData(handle.db);
await handle.close();
process.stdout.write(seeded ? "demo data loaded\n" : "the database already has users; demo data not loaded\n");
