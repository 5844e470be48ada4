/**
 * Keeping the consent statistics current as records are appended (schema/consent-stats.ts): the
 * batch is aggregated here in memory (one row per rollup cell, one per subject and document kind)
 * and written by a call of consent_stats_add (migration 0024) with one array per column, which
 * appendToLedger folds into its single statement: the rollups cost no extra round trip and commit
 * with the records they count.
 *
 * Counts are added (`n = n + excluded.n`); a subject's latest choice only moves forward (a higher
 * seq), and the coverage cell it leaves loses one subject while the one it joins gains one. Cells
 * are sorted by key; only the holder of the tenant's chain-head lock writes them anyway.
 */
import type { LedgerRecord } from "@pc/shared";

/** What the statistics need of one appended record (its seq and receivedAt are passed beside it). */
export type StatsRecord = Pick<LedgerRecord, "tenantId" | "subjectDigest" | "policy" | "action" | "purposes" | "country">;

/** The UTC day of an ISO timestamp (what Date#toISOString gives): its first ten characters. */
const utcDay = (iso: string) => iso.slice(0, 10);

const SEPARATOR = "\u0000";

/** Counts per cell: the key is the cell's columns joined, so sorting keys sorts cells. */
class CellCounts {
  private readonly counts = new Map<string, number>();
  add(...columns: string[]): void {
    const key = columns.join(SEPARATOR);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  get size(): number {
    return this.counts.size;
  }
  /** One array per column plus the counts, in key order: ready for unnest. */
  columns(width: number): { columns: string[][]; n: number[] } {
    const columns = Array.from({ length: width }, () => [] as string[]);
    const n: number[] = [];
    for (const key of [...this.counts.keys()].sort()) {
      const parts = key.split(SEPARATOR);
      for (let i = 0; i < width; i += 1) columns[i]?.push(parts[i] as string);
      n.push(this.counts.get(key) as number);
    }
    return { columns, n };
  }
}

interface LatestChoice {
  tenantId: string;
  subjectDigest: string;
  policyKind: string;
  policyVersion: string;
  receivedAt: string;
  seq: number;
}

/** A batch's statistics, aggregated as records are added in ledger order. */
export class ConsentStatsBatch {
  private readonly purposes = new CellCounts();
  private readonly countries = new CellCounts();
  private readonly actions = new CellCounts();
  private readonly latest = new Map<string, LatestChoice>();

  /** Adds a record; `receivedAt` as an ISO string (UTC). */
  add(record: StatsRecord, seq: number, receivedAt: string): void {
    const { tenantId, policy } = record;
    const day = utcDay(receivedAt);
    const country = record.country ?? "";
    for (const [purpose, decision] of Object.entries(record.purposes)) {
      this.purposes.add(tenantId, policy.kind, day, policy.version, purpose, decision);
      this.countries.add(tenantId, policy.kind, day, country, purpose, decision);
    }
    this.actions.add(tenantId, policy.kind, day, country, record.action);
    const key = `${tenantId}${SEPARATOR}${record.subjectDigest}${SEPARATOR}${policy.kind}`;
    const seen = this.latest.get(key);
    if (!seen || seen.seq < seq) {
      this.latest.set(key, {
        tenantId,
        subjectDigest: record.subjectDigest,
        policyKind: policy.kind,
        policyVersion: policy.version,
        receivedAt,
        seq,
      });
    }
  }

  /**
   * The call that adds this batch's statistics (of one record at least) to the rollups:
   * consent_stats_add (migration 0024), whose statements PostgreSQL plans once per connection.
   * Its parameters are numbered from `first` (the statement around it holds the ones before); the
   * text is the same for every batch, so the statement can be prepared once (queryNamed).
   */
  static callText(first: number): string {
    const casts = [
      ...["uuid", "text", "date", "text", "text", "text", "int"],
      ...["uuid", "text", "date", "text", "text", "text", "int"],
      ...["uuid", "text", "date", "text", "text", "int"],
      ...["uuid", "text", "text", "text", "timestamptz", "bigint"],
    ];
    return `consent_stats_add(${casts.map((cast, index) => `$${first + index}::${cast}[]`).join(", ")})`;
  }

  /** The values of callText's parameters, in order: one array per column. */
  callValues(): unknown[][] {
    if (this.actions.size === 0) throw new Error("No records to count");
    const purposes = this.purposes.columns(6);
    const countries = this.countries.columns(6);
    const actions = this.actions.columns(5);
    const latest = [...this.latest.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, choice]) => choice);
    const pick = <K extends keyof LatestChoice>(field: K) => latest.map((choice) => choice[field]);
    return [
      ...purposes.columns,
      purposes.n,
      ...countries.columns,
      countries.n,
      ...actions.columns,
      actions.n,
      pick("tenantId"),
      pick("subjectDigest"),
      pick("policyKind"),
      pick("policyVersion"),
      pick("receivedAt"),
      pick("seq"),
    ];
  }
}
