/** How the global setup hands the template database to test files. */
export type TestDbConfig = { kind: "pglite"; dumpPath: string } | { kind: "postgres"; adminUrl: string; template: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDb: TestDbConfig;
  }
}

/** The same server and credentials as `url`, another database. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
