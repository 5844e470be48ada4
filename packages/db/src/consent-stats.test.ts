/**
 * The consent statistics rollups that appendToLedger keeps equal what the ledger says, recomputed
 * with GROUP BY: after many random batches over several tenants (every action, decisions,
 * countries and none, versions and both document kinds, subjects coming back, resent consent ids,
 * receivedAt out of seq order, several appends in one transaction and appends side by side), and
 * rebuildConsentStats gives back exactly what ingestion kept.
 */
import { CONSENT_ACTIONS } from "@pc/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendToLedger, type PendingLedgerEntry } from "./consent-ledger.js";
import { randomLedgerEntries } from "./consent-stats.fixtures.js";
import { readConsentStats, rebuildConsentStats, recomputeConsentStats } from "./consent-stats-rebuild.js";
import { SYSTEM_CONTEXT, withRlsContext } from "./context.js";
import { tenants } from "./schema/index.js";
import { mulberry32 } from "./seed-consent-traffic.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

let t: TestDatabase;
let tenantIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  tenantIds = (await withRlsContext(t.db, SYSTEM_CONTEXT, (tx) => tx.select({ id: tenants.id }).from(tenants))).map((row) => row.id);
});
afterAll(() => t.close());

const append = (entries: PendingLedgerEntry[][]) =>
  withRlsContext(t.db, SYSTEM_CONTEXT, async (tx) => {
    for (const batch of entries) await appendToLedger(tx, batch);
  });

describe("consent statistics rollups", () => {
  it("equal a recomputation from the ledger after random batches, several per transaction and side by side", async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const random = mulberry32(seed);
      const batch = () => randomLedgerEntries(random, tenantIds, 1 + Math.floor(random() * 60));
      // Two transactions at a time, as the writer's concurrency: they take turns on the chain heads.
      await Promise.all([append([batch()]), append([batch()])]);
      await Promise.all([append([batch()]), append([batch()])]);
      // Several appends in one transaction (each locks its heads anew, so only one such at a time).
      await append([batch(), batch(), batch()]);
      const kept = await readConsentStats(t.db);
      expect(kept, `seed ${seed}`).toEqual(await recomputeConsentStats(t.db));
    }
    const kept = await readConsentStats(t.db);
    expect(kept.actions.length).toBeGreaterThan(50);
    expect(new Set(kept.actions.map((row) => row.action))).toEqual(new Set(CONSENT_ACTIONS));
    expect(new Set(kept.countries.map((row) => row.country))).toContain("");
    expect(kept.subjects.length).toBeLessThanOrEqual(tenantIds.length * 40 * 2);
    // A subject's later choices moved it between coverage cells: the cells still add up to the subjects.
    const covered = kept.coverage.reduce((sum, row) => sum + Number(row.subjects), 0);
    expect(covered).toBe(kept.subjects.length);
  });

  it("counts one record's purposes, action and latest choice in the cells of its UTC day", async () => {
    const [tenantId] = tenantIds as [string];
    const [entry] = randomLedgerEntries(mulberry32(99), tenantIds, 1) as [PendingLedgerEntry];
    const record = {
      ...entry.record,
      tenantId,
      receivedAt: new Date("2031-03-31T23:59:59.999Z"),
      subjectDigest: "subject-single",
      policy: { kind: "privacy" as const, version: "9.0", sha256: null },
      action: "reject_all" as const,
      purposes: { tidio: "denied" as const, preferences: "acknowledged" as const },
      country: "IS",
    };
    await append([[{ ...entry, record }]]);
    const kept = await readConsentStats(t.db, { tenantId });
    expect(kept.purposes.filter((row) => row.day === "2031-03-31")).toEqual([
      {
        tenant_id: tenantId,
        policy_kind: "privacy",
        day: "2031-03-31",
        policy_version: "9.0",
        purpose: "preferences",
        decision: "acknowledged",
        n: "1",
      },
      {
        tenant_id: tenantId,
        policy_kind: "privacy",
        day: "2031-03-31",
        policy_version: "9.0",
        purpose: "tidio",
        decision: "denied",
        n: "1",
      },
    ]);
    expect(kept.actions.filter((row) => row.day === "2031-03-31")).toEqual([
      { tenant_id: tenantId, policy_kind: "privacy", day: "2031-03-31", country: "IS", action: "reject_all", n: "1" },
    ]);
    expect(kept.coverage.filter((row) => row.policy_version === "9.0")).toEqual([
      { tenant_id: tenantId, policy_kind: "privacy", policy_version: "9.0", month: "2031-03-01", subjects: "1" },
    ]);
  });

  it("are given back exactly by rebuildConsentStats, for one tenant and for all", async () => {
    const before = await readConsentStats(t.db);
    const [tenantId] = tenantIds as [string];
    await rebuildConsentStats(t.db, { tenantId });
    expect(await readConsentStats(t.db)).toEqual(before);
    await rebuildConsentStats(t.db);
    expect(await readConsentStats(t.db)).toEqual(before);
  });

  it("a rebuild repairs a tenant's damaged rollups and leaves the other tenants' alone", async () => {
    const before = await readConsentStats(t.db);
    const [damaged, other] = tenantIds as [string, string];
    await withRlsContext(t.db, SYSTEM_CONTEXT, (tx) =>
      tx.execute(`update consent_stats_action_daily set n = n + 5 where tenant_id in ('${damaged}', '${other}')`),
    );
    expect(await readConsentStats(t.db, { tenantId: damaged })).not.toEqual(await recomputeConsentStats(t.db, { tenantId: damaged }));
    await rebuildConsentStats(t.db, { tenantId: damaged });
    expect(await readConsentStats(t.db, { tenantId: damaged })).toEqual(await recomputeConsentStats(t.db, { tenantId: damaged }));
    const otherActions = (await readConsentStats(t.db, { tenantId: other })).actions;
    expect(otherActions.map((row) => Number(row.n))).toEqual(
      before.actions.filter((row) => row.tenant_id === other).map((row) => Number(row.n) + 5),
    );
    await rebuildConsentStats(t.db);
    expect(await readConsentStats(t.db)).toEqual(before);
  });
});
