/**
 * Consent statistics from the rollups: opt-in rate per purpose per bucket, by policy version and by
 * country, the banner's action mix per bucket, and re-consent coverage per document kind. Staff see
 * one tenant or every tenant; partners only their own, whatever tenant the input names.
 *
 * Opt-in rate = granted ÷ (granted + denied) among the records of the range (each record counts
 * once per purpose it answers, resent copies included). A purpose nobody could refuse (only ever
 * acknowledged) has no rate: it is shown as acknowledged.
 */
import { type Database, tenants } from "@pc/db";
import {
  type ConsentAction,
  type ConsentStatsFilters,
  comparePolicyVersions,
  formatPolicyVersion,
  POLICY_KINDS,
  type PolicyKind,
  parsePolicyVersion,
  type StatsBucket,
  statsBuckets,
} from "@pc/shared";
import { eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.js";
import { findPolicyInForce, latestMaterialInForce } from "../policies/policies.queries.js";
import { type ActionRow, type DecisionRow, readStatsRollups, type StatsRollups, type StatsScope } from "./consent-stats.queries.js";

export const NO_TENANT_MESSAGE = "No such tenant";

/** A subject is active while its latest choice was received in this many months before the current one, or in it. */
export const ACTIVE_MONTHS = 12;

export interface DecisionCounts {
  granted: number;
  denied: number;
  acknowledged: number;
  /** granted ÷ (granted + denied); null when nobody granted or denied (acknowledged only, or none). */
  rate: number | null;
}

const emptyCounts = (): DecisionCounts => ({ granted: 0, denied: 0, acknowledged: 0, rate: null });
/** What a bucket without rows shows. */
const NO_COUNTS: Readonly<DecisionCounts> = Object.freeze(emptyCounts());

function withRate(counts: DecisionCounts): DecisionCounts {
  const answered = counts.granted + counts.denied;
  counts.rate = answered === 0 ? null : counts.granted / answered;
  return counts;
}

/** Sums decision rows into counts per group key, then per purpose. */
function countsBy<R extends DecisionRow>(rows: readonly R[], keyOf: (row: R) => string): Map<string, Map<string, DecisionCounts>> {
  const groups = new Map<string, Map<string, DecisionCounts>>();
  for (const row of rows) {
    const key = keyOf(row);
    const purposes = groups.get(key) ?? new Map<string, DecisionCounts>();
    groups.set(key, purposes);
    const counts = purposes.get(row.purpose) ?? emptyCounts();
    purposes.set(row.purpose, counts);
    counts[row.decision] += row.n;
  }
  for (const purposes of groups.values()) for (const counts of purposes.values()) withRate(counts);
  return groups;
}

const purposeList = (purposes: Map<string, DecisionCounts> | undefined) =>
  [...(purposes ?? new Map<string, DecisionCounts>()).entries()]
    .map(([purpose, counts]) => ({ purpose, ...counts }))
    .sort((a, b) => a.purpose.localeCompare(b.purpose));

type ActionCounts = Record<ConsentAction, number> & { total: number };
const emptyActions = (): ActionCounts => ({ accept_all: 0, reject_all: 0, save_custom: 0, withdraw: 0, gpc: 0, total: 0 });
const NO_ACTIONS: Readonly<ActionCounts> = Object.freeze(emptyActions());

export interface StatsArgs {
  scopeTenantId: string | null;
  filters: ConsentStatsFilters;
}

/** The tenant the statistics are of: a partner's own, the one staff chose, or null for every tenant. */
async function tenantOf(db: Database, args: StatsArgs) {
  const tenantId = args.scopeTenantId ?? args.filters.tenantId ?? null;
  if (!tenantId) return null;
  const [row] = await db.select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw new NotFoundError(NO_TENANT_MESSAGE);
  return row;
}

function scopeOf(tenantId: string | null, filters: ConsentStatsFilters): StatsScope {
  const { policyKind, from, to, granularity, purpose, country } = filters;
  return { tenantId, policyKind, from, to, granularity, purpose, country };
}

/**
 * The chart of a range: opt-in counts and rate per purpose per bucket, and the action mix per
 * bucket (what the benchmark's "90-day statistics chart" measures), from two of the rollups' sums.
 */
function consentStatsChart(scope: StatsScope, decisions: StatsRollups["decisions"], actions: readonly ActionRow[]) {
  const buckets = statsBuckets(scope.from, scope.to, scope.granularity);
  const byBucket = countsBy(decisions, (row) => row.bucket);
  const totals = countsBy(decisions, () => "all").get("all");
  const purposes = purposeList(totals).map(({ purpose, ...total }) => ({
    purpose,
    /** Only ever acknowledged in the range: shown as such, not as a rate. */
    acknowledgedOnly: total.granted + total.denied === 0,
    total,
    buckets: buckets.map((bucket) => {
      // Written out rather than spread: a 90-day chart makes a few hundred of these per call.
      const { granted, denied, acknowledged, rate } = byBucket.get(bucket.start)?.get(purpose) ?? NO_COUNTS;
      return { start: bucket.start, from: bucket.from, to: bucket.to, granted, denied, acknowledged, rate };
    }),
  }));

  const mix = new Map<string, ActionCounts>();
  const countryRecords = new Map<string, number>();
  const actionTotals = emptyActions();
  for (const row of actions) {
    if (row.country !== null) {
      countryRecords.set(row.country, row.n);
      continue;
    }
    if (row.bucket === null || row.action === null) continue;
    const counts = mix.get(row.bucket) ?? emptyActions();
    mix.set(row.bucket, counts);
    counts[row.action] += row.n;
    counts.total += row.n;
    actionTotals[row.action] += row.n;
    actionTotals.total += row.n;
  }
  return {
    buckets,
    purposes,
    actions: {
      totals: actionTotals,
      buckets: buckets.map((bucket: StatsBucket) => {
        const { accept_all, reject_all, save_custom, withdraw, gpc, total } = mix.get(bucket.start) ?? NO_ACTIONS;
        return { start: bucket.start, from: bucket.from, to: bucket.to, accept_all, reject_all, save_custom, withdraw, gpc, total };
      }),
    },
    countryRecords,
  };
}

/** Re-consent coverage of one document kind among the active subjects, against what is in force now. */
async function coverageOf(db: Database, kind: PolicyKind, rows: { policyVersion: string; subjects: number }[], now: Date) {
  const inForce = await findPolicyInForce(db, kind, now);
  const material = inForce ? await latestMaterialInForce(db, kind, now, inForce) : null;
  const required = material?.major != null && material.minor != null ? { major: material.major, minor: material.minor } : null;
  const versions = rows
    .map((row) => {
      const number = parsePolicyVersion(row.policyVersion);
      // Covered: on the latest material version in force or a later one (an editorial change
      // asks nobody to consent again); with no material version, every choice still stands.
      const covered = inForce !== null && number !== null && (required === null || comparePolicyVersions(number, required) >= 0);
      return { policyVersion: row.policyVersion, subjects: row.subjects, covered };
    })
    .sort((a, b) => {
      const [x, y] = [parsePolicyVersion(a.policyVersion), parsePolicyVersion(b.policyVersion)];
      return x && y ? comparePolicyVersions(y, x) : b.policyVersion.localeCompare(a.policyVersion);
    });
  const activeSubjects = versions.reduce((sum, row) => sum + row.subjects, 0);
  const covered = versions.reduce((sum, row) => sum + (row.covered ? row.subjects : 0), 0);
  return {
    policyKind: kind,
    inForce: inForce?.major != null && inForce.minor != null ? formatPolicyVersion({ major: inForce.major, minor: inForce.minor }) : null,
    required: required ? formatPolicyVersion(required) : null,
    requiredSince: material?.effectiveFrom ?? null,
    activeSubjects,
    covered,
    share: activeSubjects === 0 || inForce === null ? null : covered / activeSubjects,
    versions,
  };
}

/** The first day of the month `ACTIVE_MONTHS` before the current UTC month. */
export function activeSince(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - ACTIVE_MONTHS, 1)).toISOString().slice(0, 10);
}

/** Everything the statistics page shows for the filters. */
export async function consentStatistics(db: Database, args: StatsArgs & { now?: Date }) {
  const now = args.now ?? new Date();
  const tenant = await tenantOf(db, args);
  const scope = scopeOf(tenant?.id ?? null, args.filters);
  const sinceMonth = activeSince(now);
  const rollups = await readStatsRollups(db, scope, { sinceMonth });
  const chart = consentStatsChart(scope, rollups.decisions, rollups.actions);
  const byVersion = countsBy(rollups.versions, (row) => row.policyVersion);
  const byCountry = countsBy(rollups.countries, (row) => row.country);
  const countries = new Set([...chart.countryRecords.keys(), ...byCountry.keys()]);
  const coverage = [];
  for (const kind of POLICY_KINDS) {
    coverage.push(
      await coverageOf(
        db,
        kind,
        rollups.coverage.filter((row) => row.policyKind === kind),
        now,
      ),
    );
  }
  return {
    tenant,
    range: { from: scope.from, to: scope.to, granularity: scope.granularity, policyKind: scope.policyKind },
    buckets: chart.buckets,
    purposes: chart.purposes,
    actions: chart.actions,
    byVersion: [...byVersion.entries()]
      .map(([policyVersion, purposes]) => ({ policyVersion, purposes: purposeList(purposes) }))
      .sort((a, b) => b.policyVersion.localeCompare(a.policyVersion, undefined, { numeric: true })),
    byCountry: [...countries]
      .map((country) => ({
        country: country === "" ? null : country,
        records: chart.countryRecords.get(country) ?? 0,
        purposes: purposeList(byCountry.get(country)),
      }))
      // Most records first; the unknown country last among equals.
      .sort((a, b) => b.records - a.records || (a.country === null ? 1 : b.country === null ? -1 : a.country.localeCompare(b.country))),
    coverage: { activeSince: sinceMonth, kinds: coverage },
  };
}
