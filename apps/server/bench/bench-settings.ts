/** The options of `npm run bench:ingest` (see consent-ingest.ts), read from the command line. */
import { parseArgs } from "node:util";
import type { ServerBuild } from "./processes.js";

/** Chosen by measurement on the 2-core machine: see docs/performance.md. */
const DEFAULT_CONNECTIONS = 40;
const DEFAULT_BATCH_CONNECTIONS = 4;
const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432";

export interface Settings {
  duration: number;
  warmup: number;
  connections: number;
  batchConnections: number;
  db: "postgres" | "pglite" | "both";
  dbExplicit: boolean;
  postgresUrl: string;
  cpuProf: boolean;
  json: string | undefined;
  serverArgs: string[];
  /** The production bundle (default) or the sources through tsx. */
  server: ServerBuild;
  quietWaitSeconds: number;
}

/** `--server bundle|tsx`: how the console runs (both benchmarks). */
export function serverBuildOf(text: string | undefined): ServerBuild {
  const server = text ?? "bundle";
  if (server !== "bundle" && server !== "tsx") throw new Error(`--server must be bundle or tsx, not ${server}`);
  return server;
}

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not ${text}`);
  return value;
}

export function readSettings(argv: string[] = process.argv.slice(2)): Settings {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string" },
      warmup: { type: "string" },
      connections: { type: "string" },
      "batch-connections": { type: "string" },
      db: { type: "string" },
      "postgres-url": { type: "string" },
      "cpu-prof": { type: "boolean" },
      json: { type: "string" },
      "server-arg": { type: "string", multiple: true },
      server: { type: "string" },
      "quiet-wait": { type: "string" },
    },
    strict: true,
  });
  const db = values.db ?? "both";
  if (db !== "postgres" && db !== "pglite" && db !== "both") throw new Error(`--db must be postgres, pglite or both, not ${db}`);
  return {
    duration: positive("duration", values.duration, 10),
    warmup: values.warmup === "0" ? 0 : positive("warmup", values.warmup, 3),
    connections: Math.round(positive("connections", values.connections, DEFAULT_CONNECTIONS)),
    batchConnections: Math.round(positive("batch-connections", values["batch-connections"], DEFAULT_BATCH_CONNECTIONS)),
    db,
    dbExplicit: values.db !== undefined,
    postgresUrl: values["postgres-url"] ?? DEFAULT_POSTGRES_URL,
    cpuProf: values["cpu-prof"] ?? false,
    json: values.json,
    serverArgs: values["server-arg"] ?? [],
    server: serverBuildOf(values.server),
    quietWaitSeconds: values["quiet-wait"] === "0" ? 0 : positive("quiet-wait", values["quiet-wait"], 60),
  };
}
