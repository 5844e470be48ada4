/** The consent ledger's parts for one server process, built once by buildApp. */
import type { Database, DbKind } from "@pc/db";
import { createIngestService, type IngestService } from "./ingest.service.js";
import { createIngestDirectory, type IngestDirectory } from "./ingest-directory.js";
import { createLedgerWriter, type LedgerWriter, type LedgerWriterOptions } from "./ledger-writer.js";
import { createRateLimiter } from "./rate-limit.js";

export interface Ledger {
  writer: LedgerWriter;
  directory: IngestDirectory;
  ingest: IngestService;
}

export interface LedgerOptions {
  db: Database;
  dbKind: DbKind;
  production: boolean;
  devOrigins: readonly string[];
  cacheTtlMs?: number;
  /** After each committed batch (metrics). */
  onCommit?: LedgerWriterOptions["onCommit"];
}

export function createLedger({ db, dbKind, production, devOrigins, cacheTtlMs, onCommit }: LedgerOptions): Ledger {
  // PGlite has one connection: a second transaction would only queue behind the first. On
  // PostgreSQL two let one group commit while the next is written; more only make groups smaller
  // (bench:ingest measured the same throughput at 1 to 3, with half the events per commit at 3).
  const writer = createLedgerWriter({ db, concurrency: dbKind === "postgres" ? 2 : 1, onCommit });
  const directory = createIngestDirectory({ db, extraDevOrigins: devOrigins, ttlMs: cacheTtlMs });
  const ingest = createIngestService({ directory, writer, limiter: createRateLimiter(), production });
  return { writer, directory, ingest };
}
