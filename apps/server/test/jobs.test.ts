/**
 * The recurring-job runner and the daily domain re-check. Several runners on one database run
 * each due time once; a failing job records its error and runs again at its next due time; the
 * re-check moves domains of every tenant through the fake resolver and audits as "system".
 */
import { queryRows, scheduledJobs, tenantDomains } from "@pc/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOMAIN_RECHECK_JOB, domainRecheckJob, recheckDomains } from "../src/jobs/domain-recheck.job.js";
import { createJobRunner, type JobContext, type JobDefinition } from "../src/jobs/runner.js";
import { RECORD_DISAPPEARED_MESSAGE } from "../src/routers/domains/domains.service.js";
import { auditMark } from "./expect-code.js";
import { createHarness, type Harness } from "./harness.js";

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const HOUR = 3600_000;

/** A clock the test moves by hand. */
function manualClock(start = new Date("2030-01-01T00:00:00Z")) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at: number) => {
      current = at;
    },
    advance: (ms: number) => {
      current += ms;
    },
    start: start.getTime(),
  };
}

const jobRow = async (name: string) => {
  const [row] = await h.db.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, name));
  if (!row) throw new Error(`no job ${name}`);
  return row;
};

describe("job runner", () => {
  it("runs each due time once when two runners tick at the same moment, again and again", async () => {
    const clock = manualClock();
    const runIds: string[] = [];
    const job: JobDefinition = {
      name: "test-once",
      intervalMs: HOUR,
      run: async (context) => {
        runIds.push(context.runId);
      },
    };
    const runners = [
      createJobRunner({ db: h.db.db, jobs: [job], now: clock.now }),
      createJobRunner({ db: h.db.db, jobs: [job], now: clock.now }),
    ];
    const rounds = 25;
    for (let round = 0; round < rounds; round++) {
      const ran = await Promise.all(runners.map((runner) => runner.tick()));
      expect(ran.flat()).toEqual(["test-once"]);
      // Half an interval later nothing is due, for either runner.
      clock.advance(HOUR / 2);
      expect((await Promise.all(runners.map((runner) => runner.tick()))).flat()).toEqual([]);
      clock.advance(HOUR / 2);
    }
    expect(runIds).toEqual(Array.from({ length: rounds }, (_, i) => `test-once#${i + 1}`));
    const row = await jobRow("test-once");
    expect(row).toMatchObject({ runs: rounds, failures: 0, lastError: null });
    expect(row.nextRunAt.getTime()).toBe(clock.start + rounds * HOUR);
  });

  it("records a failure and runs the job again at its next due time, not before", async () => {
    const clock = manualClock();
    let attempts = 0;
    const job: JobDefinition = {
      name: "test-failing",
      intervalMs: HOUR,
      run: async () => {
        attempts++;
        if (attempts === 1) throw new Error("the upstream is down");
      },
    };
    const runner = createJobRunner({ db: h.db.db, jobs: [job], now: clock.now });
    expect(await runner.tick()).toEqual(["test-failing"]);
    const failed = await jobRow("test-failing");
    expect(failed).toMatchObject({ runs: 1, failures: 1, lastError: "Error: the upstream is down" });
    expect(failed.lastStartedAt?.getTime()).toBe(clock.start);
    expect(failed.lastFinishedAt).toBeInstanceOf(Date);
    expect(failed.nextRunAt.getTime()).toBe(clock.start + HOUR);

    clock.advance(HOUR - 1);
    expect(await runner.tick()).toEqual([]);
    expect(attempts).toBe(1);

    clock.advance(1);
    expect(await runner.tick()).toEqual(["test-failing"]);
    expect(await jobRow("test-failing")).toMatchObject({ runs: 2, failures: 1, lastError: null });
    expect(attempts).toBe(2);
  });

  it("ticks on its interval once started, and stops, asking a running job to end", async () => {
    let runs = 0;
    let firstRun: () => void = () => {};
    const ranOnce = new Promise<void>((resolve) => {
      firstRun = resolve;
    });
    let sawAbort = false;
    const job: JobDefinition = {
      name: "test-timer",
      // Due again at once: every tick runs it.
      intervalMs: 0,
      run: async ({ signal }: JobContext) => {
        runs++;
        firstRun();
        if (runs === 2) {
          // Holds the tick until stop() aborts, as a long job would.
          await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
          sawAbort = signal.aborted;
        }
      },
    };
    const runner = createJobRunner({ db: h.db.db, jobs: [job], tickMs: 5 });
    runner.start();
    await ranOnce;
    await expect.poll(() => runs, { interval: 5, timeout: 2000 }).toBe(2);
    await runner.stop();
    expect(sawAbort).toBe(true);
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 30)); // six tick periods
    expect(runs).toBe(after);
  });
});

describe("domain re-check job", () => {
  it("re-checks stale domains of every tenant in batches, each under its tenant, auditing status changes as system", async () => {
    const northwave = await h.as("admin@northwave.test");
    const fjordsound = await h.as("admin@fjordsound.test");
    const gone = await northwave.caller.domains.add({ hostname: "gone.example.com" });
    h.dns.setTxt(gone.record.name, [gone.record.value]);
    expect((await northwave.caller.domains.check({ domainId: gone.id })).status).toBe("verified");
    h.dns.remove(gone.record.name);
    const arrived = await fjordsound.caller.domains.add({ hostname: "arrived.example.com" });
    h.dns.setTxt(arrived.record.name, [arrived.record.value]);
    const waiting = await fjordsound.caller.domains.add({ hostname: "waiting.example.com" });
    const fresh = await northwave.caller.domains.add({ hostname: "fresh.example.com" });
    await northwave.caller.domains.check({ domainId: fresh.id });
    // Everything but `fresh` was last checked over a day ago (or never).
    await h.db.db.execute(
      sql`update tenant_domains set last_checked_at = now() - interval '25 hours' where id in (${gone.id}, ${arrived.id}, ${waiting.id})`,
    );
    const [due] = await queryRows<{ n: number }>(
      h.db.db,
      sql`select count(*)::int as n from tenant_domains where last_checked_at is null or last_checked_at < now() - interval '23 hours'`,
    );

    const clock = manualClock(new Date());
    const results: unknown[] = [];
    const job = domainRecheckJob({ db: h.db.db, dns: h.dns, batchSize: 2 });
    const runner = createJobRunner({
      db: h.db.db,
      jobs: [job],
      now: clock.now,
      logger: { info: (details) => results.push((details as { result?: unknown }).result), error: () => {} },
    });
    const lookupsBefore = h.dns.lookups.length;
    const mark = await auditMark(h);
    expect(await runner.tick()).toEqual([DOMAIN_RECHECK_JOB]);

    expect(results).toEqual([{ checked: due?.n, changed: 2, failed: 0 }]);
    expect(await jobRow(DOMAIN_RECHECK_JOB)).toMatchObject({ runs: 1, failures: 0, lastError: null });
    const rowOf = async (id: string) => (await h.db.db.select().from(tenantDomains).where(eq(tenantDomains.id, id)))[0];
    expect(await rowOf(gone.id)).toMatchObject({ status: "failed", lastError: RECORD_DISAPPEARED_MESSAGE });
    expect(await rowOf(arrived.id)).toMatchObject({ status: "verified", lastError: null });
    expect(await rowOf(waiting.id)).toMatchObject({
      status: "pending",
      lastError: "no TXT record at _masterchannel-verify.waiting.example.com",
    });
    for (const id of [gone.id, arrived.id, waiting.id]) {
      expect((await rowOf(id))?.lastCheckedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(h.dns.lookups.slice(lookupsBefore)).not.toContain(fresh.record.name);

    const events = await mark.events();
    expect(events.map((e) => [e.action, e.targetId, e.tenantId]).sort()).toEqual(
      [
        ["domains.check", gone.id, h.tenantIds.northwave],
        ["domains.check", arrived.id, h.tenantIds.fjordsound],
      ].sort(),
    );
    expect(events.every((e) => e.actorLabel === "system" && e.actorUserId === null && e.requestId === `${DOMAIN_RECHECK_JOB}#1`)).toBe(
      true,
    );
    expect(events.find((e) => e.targetId === gone.id)).toMatchObject({ before: { status: "verified" }, after: { status: "failed" } });

    // Not due again until tomorrow; run by hand, it finds nothing stale.
    expect(await runner.tick()).toEqual([]);
    const again = await recheckDomains(
      { db: h.db.db, dns: h.dns },
      { runId: "manual#1", startedAt: new Date(), signal: new AbortController().signal },
    );
    expect(again).toEqual({ checked: 0, changed: 0, failed: 0 });
  });
});
