/**
 * Stopping a server under consent ingestion load loses nothing acknowledged. SIGTERM: the process
 * answers what it has (requests waiting for the ledger too), commits, exits 0 well within its own
 * 15 s deadline, and the ledger holds exactly the acknowledged events. SIGKILL: every acknowledged
 * event is stored (an answer is sent only after the commit), each batch is stored whole or not at
 * all, and a restarted server continues the chain at the next seq. A request that never finishes
 * is cut after the server's 10 s grace and the process still exits 0, whatever signals follow.
 */
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { demoPublishableKey } from "@pc/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Child, runLedgerVerify, signalConsole, startConsole, stopAllConsoles } from "./console-process.js";
import { acksOf, ConsentEvents, type Load, type Outcome, postConsent, startLoad, tally } from "./ingestion-load.js";
import { chainShape, gapFree, storedAcks, storedConsentIds, tenantIdOf } from "./ledger-checks.js";
import { createOpsDatabase, type OpsDatabase } from "./ops-database.js";

const TENANT = "northwave";
const KEY = demoPublishableKey(TENANT);
const CONCURRENCY = 32;
/** Events acknowledged before the signal: the load is in full swing by then. */
const ACKED_BEFORE_SIGNAL = 2000;
/** main.ts: requests get REQUEST_GRACE_MS, the whole shutdown EXIT_DEADLINE_MS. */
const REQUEST_GRACE_MS = 10_000;
const EXIT_DEADLINE_MS = 15_000;

/** Mostly single events, every eighth request a batch of 50 to 200. */
function mixedSizes(): () => number {
  let n = 0;
  return () => {
    n += 1;
    return n % 8 === 0 ? 50 + ((n * 37) % 151) : 0;
  };
}

async function loadUntilAcked(server: Child, tag: string, acked: number): Promise<Load> {
  const load = startLoad({ server: server.url, key: KEY, events: new ConsentEvents(tag), concurrency: CONCURRENCY, next: mixedSizes() });
  const deadline = Date.now() + 60_000;
  while (acksOf(load.outcomes).length < acked) {
    if (Date.now() > deadline) throw new Error(`Fewer than ${acked} events acknowledged in 60 s: ${JSON.stringify(tally(load.outcomes))}`);
    await sleep(50);
  }
  return load;
}

/** The consent ids of requests that got no 201, and of those how many each request has stored. */
async function storedOfUnanswered(database: OpsDatabase, tenantId: string, outcomes: readonly Outcome[]) {
  const unanswered = outcomes.filter((outcome) => outcome.status !== 201);
  const stored = await storedConsentIds(
    database,
    tenantId,
    unanswered.flatMap((outcome) => outcome.consentIds),
  );
  return unanswered.map((outcome) => ({ events: outcome.events, stored: outcome.consentIds.filter((id) => stored.has(id)).length }));
}

async function expectVerifies(database: OpsDatabase) {
  const verify = await runLedgerVerify(database.url, TENANT);
  expect(verify.stderr).toBe("");
  expect(verify.stdout).toContain("OK: every chain verifies.");
  expect(verify.code).toBe(0);
}

describe("stopping a server under ingestion load", () => {
  let database: OpsDatabase;
  let tenantId: string;

  beforeAll(async () => {
    database = await createOpsDatabase();
  });
  afterAll(async () => {
    await stopAllConsoles();
    await database?.drop();
  });

  it("SIGTERM: answers the requests in flight, stores exactly the acknowledged events, exits 0", async () => {
    const server = await startConsole(database.url);
    tenantId = await tenantIdOf(database, TENANT);
    const before = await chainShape(database, tenantId);

    const load = await loadUntilAcked(server, "term", ACKED_BEFORE_SIGNAL);
    const signalledAt = performance.now();
    const exited = signalConsole(server, "SIGTERM");
    load.stop(); // each worker's request in flight is the last it sends
    const exit = await exited;
    await load.finished;

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(EXIT_DEADLINE_MS);
    const inFlight = load.outcomes.filter((outcome) => outcome.sentAt < signalledAt && outcome.settledAt > signalledAt);
    const answeredAfterSignal = inFlight.filter((outcome) => outcome.status === 201);
    console.info(
      `SIGTERM: exit 0 after ${Math.round(exit.ms)} ms; ${load.outcomes.length} requests ${JSON.stringify(tally(load.outcomes))}; in flight at the signal ${JSON.stringify(tally(inFlight))}`,
    );
    // Requests the server was working on (many wait for a ledger commit) were answered, not dropped.
    expect(answeredAfterSignal.length).toBeGreaterThan(0);
    // Refused (Fastify's 503 while closing) or never read (the connection closed): nothing else.
    for (const outcome of load.outcomes) {
      if (outcome.status !== 201) expect(outcome.status === 503 || outcome.status === null, JSON.stringify(outcome.error)).toBe(true);
    }

    const acks = acksOf(load.outcomes);
    expect(await storedAcks(database, tenantId, acks)).toBe(acks.length);
    // Exactly the acknowledged events: nothing was committed whose answer was lost.
    expect(await chainShape(database, tenantId)).toEqual(gapFree(before.records + acks.length));
    expect((await storedOfUnanswered(database, tenantId, load.outcomes)).filter((request) => request.stored > 0)).toEqual([]);
    await expectVerifies(database);
  });

  it("SIGKILL: every acknowledged event is stored, each batch whole or not at all; a restart continues the chain", async () => {
    expect(tenantId).toBeDefined();
    const server = await startConsole(database.url);
    const before = await chainShape(database, tenantId);

    const load = await loadUntilAcked(server, "kill", ACKED_BEFORE_SIGNAL);
    const exit = await signalConsole(server, "SIGKILL");
    load.stop();
    await load.finished;
    expect(exit.signal).toBe("SIGKILL");

    const acks = acksOf(load.outcomes);
    expect(await storedAcks(database, tenantId, acks)).toBe(acks.length);
    const unanswered = await storedOfUnanswered(database, tenantId, load.outcomes);
    expect(unanswered.filter((request) => request.stored !== 0 && request.stored !== request.events)).toEqual([]);
    // Committed but never answered (the kill came between the commit and the answer): allowed, whole.
    const committedUnanswered = unanswered.reduce((sum, request) => sum + request.stored, 0);
    const after = await chainShape(database, tenantId);
    expect(after).toEqual(gapFree(before.records + acks.length + committedUnanswered));
    console.info(
      `SIGKILL: ${load.outcomes.length} requests ${JSON.stringify(tally(load.outcomes))}; ${acks.length} events acknowledged, ${committedUnanswered} committed without an answer`,
    );

    // The next server on the same database carries on at seq N+1, and the whole chain verifies.
    const restarted = await startConsole(database.url);
    const events = new ConsentEvents("restart");
    const outcomes: Outcome[] = [];
    for (const size of [0, 0, 0, 10, 0, 0]) outcomes.push(await postConsent(restarted.url, KEY, events, size));
    expect(tally(outcomes)).toEqual({ "201": outcomes.length });
    const seqs = acksOf(outcomes).map((ack) => ack.seq);
    expect(seqs).toEqual(Array.from({ length: 15 }, (_, i) => after.records + 1 + i));
    expect(await chainShape(database, tenantId)).toEqual(gapFree(after.records + 15));
    await expectVerifies(database);

    // A request that never finishes (its body never comes) holds the server for the grace period
    // only; more signals meanwhile change nothing: the process still exits 0.
    const socket = connect(restarted.port, "127.0.0.1");
    const closedByServer = new Promise<number>((done) => socket.once("close", () => done(performance.now())));
    socket.on("error", () => {});
    socket.write(
      `POST /api/public/consent HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"subjectId":`,
    );
    await sleep(500);
    const signalledAt = performance.now();
    const exited = signalConsole(restarted, "SIGTERM");
    await sleep(300);
    restarted.process.kill("SIGTERM");
    restarted.process.kill("SIGINT");
    const hung = await exited;
    expect(hung).toMatchObject({ code: 0, signal: null });
    expect(hung.ms).toBeGreaterThan(REQUEST_GRACE_MS - 1000);
    expect(hung.ms).toBeLessThan(EXIT_DEADLINE_MS);
    expect((await closedByServer) - signalledAt).toBeGreaterThan(REQUEST_GRACE_MS - 1000);
  });
});
