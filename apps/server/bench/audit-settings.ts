/** The options of `npm run bench:audit` (see consent-audit.ts), read from the command line. */
import { parseArgs } from "node:util";
import { serverBuildOf } from "./bench-settings.js";
import type { ServerBuild } from "./processes.js";

export const DEFAULT_AUDIT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/pc_large";
/** The ports this machine's benchmarks may listen on (never 3000). */
export const AUDIT_PORTS = { first: 4200, last: 4249 } as const;

export const AUDIT_PHASES = ["search", "timeline", "stats", "export"] as const;
export type AuditPhase = (typeof AUDIT_PHASES)[number];

export interface AuditSettings {
  databaseUrl: string;
  /** Timed runs per search (API and SQL each, interleaved) after `warmup` untimed ones. */
  runs: number;
  warmup: number;
  /** Different subjects whose timeline is timed. */
  subjects: number;
  /** Records the export covers (about: the newest this many of the largest tenant). */
  exportRows: number;
  /** The phases to run (search, timeline, stats, export); all by default. */
  phases: Set<AuditPhase>;
  /** Print EXPLAIN (ANALYZE, BUFFERS) of the server's search queries. */
  explain: boolean;
  /** Before each measurement, wait up to this long for other work on the machine to stop (0: don't). */
  quietWaitSeconds: number;
  /** The production bundle (default) or the sources through tsx. */
  server: ServerBuild;
  json: string | undefined;
}

function whole(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number of at least ${min}, not ${text}`);
  return value;
}

function phasesOf(text: string | undefined): Set<AuditPhase> {
  if (text === undefined) return new Set(AUDIT_PHASES);
  const names = text.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !(AUDIT_PHASES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--only takes ${AUDIT_PHASES.join(", ")}, not ${unknown.join(", ")}`);
  return new Set(names as AuditPhase[]);
}

export function readAuditSettings(argv: string[] = process.argv.slice(2)): AuditSettings {
  const { values } = parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      runs: { type: "string" },
      warmup: { type: "string" },
      subjects: { type: "string" },
      "export-rows": { type: "string" },
      only: { type: "string" },
      explain: { type: "boolean" },
      "quiet-wait": { type: "string" },
      server: { type: "string" },
      json: { type: "string" },
    },
    strict: true,
  });
  return {
    databaseUrl: values["database-url"] ?? DEFAULT_AUDIT_DATABASE_URL,
    runs: whole("runs", values.runs, 100, 2),
    warmup: whole("warmup", values.warmup, 5, 0),
    subjects: whole("subjects", values.subjects, 100, 2),
    exportRows: whole("export-rows", values["export-rows"], 1_000_000, 1),
    phases: phasesOf(values.only),
    explain: values.explain ?? false,
    quietWaitSeconds: whole("quiet-wait", values["quiet-wait"], 20, 0),
    server: serverBuildOf(values.server),
    json: values.json,
  };
}
