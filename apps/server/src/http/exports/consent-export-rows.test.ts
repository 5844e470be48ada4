// The export's lines, written by PostgreSQL, against what the export wrote before with general
// encoders over the records as Drizzle reads them: csv-stringify with the export's options, and
// JSON.stringify of the record object. Records with every awkward character a storefront may send.
import { randomBytes, randomUUID } from "node:crypto";
import { consentRecords, tenants } from "@pc/db";
import { createTestDatabase, type TestDatabase } from "@pc/db/testing";
import { mulberry32 } from "@pc/shared";
import { stringify } from "csv-stringify/sync";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSENT_EXPORT_COLUMNS, CONSENT_EXPORT_PAGE, csvHeader, type ExportFormat, exportPages } from "./consent-export-rows.js";

const PIECES = ["a", "Z", "0", ",", ";", '"', "\r", "\n", "\r\n", " ", "=", "+", "-", "@", "'", "\t", "\\", "ø", "😀", "/", "?", "\u0001"];
/** Nothing a CSV field quotes or a JSON string escapes: half the rows, so the lines' fast path is held equal too. */
const PLAIN = ["a", "Z", "0", " ", "=", "+", "-", "@", "'", "ø", "😀", "/", "?"];
const KEYS = ["tidio", "preferences", "product_analytics", "a_b", "stripe_checkout", "b"];
const ROWS = CONSENT_EXPORT_PAGE + 700;

let db: TestDatabase;
let tenantId: string;

function text(random: () => number, max: number, min: number, pieces: readonly string[]): string {
  let value = "";
  const length = min + Math.floor(random() * (max - min));
  for (let i = 0; i < length; i++) value += pieces[Math.floor(random() * pieces.length)];
  return value;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const [tenant] = await db.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "beatlab"));
  tenantId = tenant?.id as string;
  const random = mulberry32(11);
  const started = Date.parse("2026-06-01T00:00:00Z");
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const purposes: Record<string, "granted" | "denied" | "acknowledged"> = {};
    for (const key of KEYS) {
      if (random() < 0.7) purposes[key] = (["granted", "denied", "acknowledged"] as const)[Math.floor(random() * 3)] ?? "denied";
    }
    const pieces = random() < 0.5 ? PLAIN : PIECES;
    return {
      tenantId,
      seq: i + 1,
      id: randomUUID(),
      // Some in the same millisecond: the keyset must still page through them in order.
      receivedAt: new Date(started + Math.floor(i / 3) * 1000 + (i % 3 === 2 ? 1 : 0)),
      occurredAt: new Date(started + i * 1000 - 500),
      subjectDigest: randomBytes(32).toString("hex"),
      consentId: text(random, 14, 1, pieces),
      policyKind: "privacy" as const,
      policyVersion: random() < 0.9 ? "2.0" : "1.1",
      bannerVersion: "3",
      action: "save_custom" as const,
      purposes,
      language: text(random, 4, 1, pieces),
      path: text(random, 12, 1, pieces),
      gpc: random() < 0.5,
      country: random() < 0.2 ? null : text(random, 3, 1, pieces),
      jurisdiction: "EEA" as const,
      personalDataDigest: randomBytes(32).toString("hex"),
      prevHash: "0".repeat(64),
      hash: randomBytes(32).toString("hex"),
    };
  });
  // Written directly (the embedded database's session bypasses row-level security): the chain is not what is tested.
  for (let i = 0; i < rows.length; i += 500) await db.db.insert(consentRecords).values(rows.slice(i, i + 500));
}, 60_000);
afterAll(async () => {
  await db?.close();
});

/** The records as the export read them before: Drizzle's rows, newest first. */
async function recordsAsRead() {
  const rows = await db.db
    .select()
    .from(consentRecords)
    .where(eq(consentRecords.tenantId, tenantId))
    .orderBy(desc(consentRecords.receivedAt), desc(consentRecords.tenantId), desc(consentRecords.seq));
  return rows.map((row) => ({
    record_id: row.id,
    tenant_slug: "beatlab",
    seq: row.seq,
    received_at: row.receivedAt.toISOString(),
    occurred_at: row.occurredAt.toISOString(),
    consent_id: row.consentId,
    policy_kind: row.policyKind,
    policy_version: row.policyVersion,
    action: row.action,
    purposes: row.purposes as Record<string, string>,
    language: row.language,
    path: row.path,
    gpc: row.gpc,
    country: row.country,
    jurisdiction: row.jurisdiction,
  }));
}

async function exported(format: ExportFormat): Promise<{ text: string; pages: number }> {
  let text = "";
  let pages = 0;
  const rls = { tenantId: null, userId: null, allTenants: true };
  for await (const page of exportPages(db.db, rls, { scopeTenantId: null, filters: { tenantId } }, format)) {
    text += page.text;
    pages += 1;
  }
  return { text, pages };
}

describe("consent export lines", () => {
  for (const delimiter of [",", ";"] as const) {
    it(`are the CSV csv-stringify wrote, a lone line break quoted too (delimiter ${delimiter})`, async () => {
      const records = await recordsAsRead();
      const reference = stringify(
        records.map((record) => ({
          ...record,
          consent_id: /^[=+\-@]/.test(record.consent_id) ? `'${record.consent_id}` : record.consent_id,
          purposes: Object.keys(record.purposes)
            .sort()
            .map((key) => `${key}=${record.purposes[key]}`)
            .join(";"),
        })),
        {
          header: true,
          columns: [...CONSENT_EXPORT_COLUMNS],
          delimiter,
          record_delimiter: "windows",
          // RFC 4180 quotes a field holding a lone CR or LF; with a record delimiter set,
          // csv-stringify left it unquoted, which broke the row. The lines quote it.
          quote_record_delimiter: true,
          cast: { boolean: (value) => (value ? "true" : "false") },
        },
      );
      const { text, pages } = await exported({ kind: "csv", delimiter });
      expect(pages).toBe(2);
      expect(csvHeader(delimiter) + text).toBe(reference);
    });
  }

  it("are JSON.stringify of each record, the exported columns in order", async () => {
    const records = await recordsAsRead();
    const { text } = await exported({ kind: "ndjson" });
    expect(text).toBe(records.map((record) => `${JSON.stringify(record)}\n`).join(""));
  });
});
