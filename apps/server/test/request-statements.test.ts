/**
 * How many statements a call sends to PostgreSQL: on this hardware a request's database time is
 * mostly round trips, not queries (docs/performance.md, "Consent audit workspace"). A partner's
 * search and a staff member's subject timeline, counted at the driver (node-postgres) on
 * PostgreSQL. PGlite runs in process and is not counted.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendConsent } from "./consent-audit-fixtures.js";
import { type Client, createHarness, type Harness } from "./harness.js";

let h: Harness;
let staff: Client;
let partner: Client;

beforeAll(async () => {
  h = await createHarness();
  staff = await h.as("compliance@masterchannel.test");
  partner = await h.as("admin@northwave.test");
  await appendConsent(h.db.db, h.tenantIds.northwave, [
    { subjectId: "dev_counted", receivedAt: new Date(Date.now() - 120_000) },
    { subjectId: "dev_counted", receivedAt: new Date(Date.now() - 60_000) },
  ]);
});
afterAll(() => h.close());

/** The statements `work` sends through node-postgres, in order. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const texts: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    texts.push((typeof first === "string" ? first : (first.text ?? "")).replace(/\s+/g, " ").slice(0, 80));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return texts;
}

describe("statements per call on PostgreSQL", () => {
  it("a partner's search: session, the transaction's opening (context, membership, tenant), the search's settings, the page, commit", async () => {
    if (h.db.kind !== "postgres") {
      expect(h.db.kind).toBe("pglite");
      return;
    }
    const texts = await statementsOf(() => partner.caller.consentAudit.search({ limit: 10 }));
    expect(texts, texts.join("\n")).toHaveLength(5);
    expect(texts[1]).toMatch(/^begin; select set_config/);
  });

  it("a staff member's subject timeline, its audit event included: seven statements", async () => {
    if (h.db.kind !== "postgres") {
      expect(h.db.kind).toBe("pglite");
      return;
    }
    const texts = await statementsOf(() =>
      staff.caller.consentAudit.subjectTimeline({ tenantId: h.tenantIds.northwave, subjectId: "dev_counted" }),
    );
    expect(texts, texts.join("\n")).toHaveLength(7);
    expect(texts.filter((text) => /audit_append/.test(text))).toHaveLength(1);
  });
});
