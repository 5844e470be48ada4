/**
 * Process-level operations tests (`npm run test:ops`): real server processes against a real
 * PostgreSQL server (TEST_DATABASE_URL, a superuser URL), for what one process in a test cannot
 * show: production start-up, several servers on one database, stopping under load, backup and
 * restore. Each file makes and drops its own databases.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "ops",
    root: import.meta.dirname,
    include: ["ops/**/*.ops.test.ts"],
    globalSetup: ["ops/require-postgres.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
