/**
 * Consent record exports (GET /api/exports/consent-records.csv|.ndjson): the same rows as the
 * search for the same filters across several pages, RFC 4180 quoting, the Norwegian variant, NDJSON,
 * the estimate header, partner isolation, bad filters, and the audit event of a finished and of a
 * cancelled export.
 */
import { randomBytes } from "node:crypto";
import { get } from "node:http";
import type { AddressInfo } from "node:net";
import fastifyCookie from "@fastify/cookie";
import { appendToLedger, auditEvents, SYSTEM_CONTEXT, withRlsContext } from "@pc/db";
import { personalDataDigest } from "@pc/shared";
import { desc, eq } from "drizzle-orm";
import Fastify, { type FastifyInstance } from "fastify";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSENT_EXPORT_COLUMNS, consentExportRoutes } from "../src/http/exports/consent-exports.routes.js";
import { appendConsent } from "./consent-audit-fixtures.js";
import { type Client, createHarness, type Harness } from "./harness.js";
import { appendTestRecords, PURPOSES_2_0 } from "./ledger-fixtures.js";
import { paymentsApp } from "./payments-fixtures.js";

let h: Harness;
let app: FastifyInstance;
let staff: Client;
let northwaveAdmin: Client;
let fjordsoundViewer: Client;
let finance: Client;
/** A record whose fields need quoting (or a formula guard) in CSV. */
const ODD_PATH = '/a,b"c\r\nd;e';
const ODD_CONSENT_ID = "=HYPERLINK(1)";
let oddRecordId: string;

/** More than one export page (1,000) of northwave records. */
const BULK = 2100;

function exportAs(client: Client | null, path: string) {
  return app.inject({ method: "GET", url: path, headers: client?.token ? { cookie: `pc_session=${client.token}` } : {} });
}

/** Every record id the search finds for the input, across all its pages. */
async function searchIds(client: Client, input: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await client.caller.consentAudit.search({ ...input, limit: 200, cursor });
    ids.push(...page.items.map((item) => item.recordId));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
}

/** A strict RFC 4180 reader: quoted fields with "" for a quote, CRLF between records. */
function parseCsv(text: string, delimiter = ","): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') {
      if (field !== "") throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (char === delimiter) {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else if (char === "\n" || char === "\r") throw new Error(`a bare line break at ${i}`);
    else field += char;
  }
  if (quoted) throw new Error("an unterminated quoted field");
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}

function csvRows(body: string, delimiter = ",") {
  const [header, ...rows] = parseCsv(body.replace(/^\uFEFF/, ""), delimiter);
  expect(header).toEqual([...CONSENT_EXPORT_COLUMNS]);
  for (const row of rows) expect(row).toHaveLength(CONSENT_EXPORT_COLUMNS.length);
  return rows.map((row) => Object.fromEntries(CONSENT_EXPORT_COLUMNS.map((column, index) => [column, row[index] ?? ""])));
}

async function latestExportAudit() {
  const [event] = await h.db.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, "consent.export"))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return event;
}

beforeAll(async () => {
  h = await createHarness();
  app = await paymentsApp(h);
  staff = await h.as("compliance@masterchannel.test");
  northwaveAdmin = await h.as("admin@northwave.test");
  fjordsoundViewer = await h.as("viewer@fjordsound.test");
  finance = await h.as("finance@masterchannel.test");
  await appendTestRecords(h.db.db, h.tenantIds.northwave, BULK);
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  await appendConsent(h.db.db, h.tenantIds.northwave, [
    { subjectId: "dev_alice", receivedAt: minutesAgo(30), action: "accept_all", country: "SE" },
    { subjectId: "dev_alice", receivedAt: minutesAgo(20), action: "reject_all", country: "SE" },
    { subjectId: "dev_bob", receivedAt: minutesAgo(10), action: "reject_all", country: "DK" },
  ]);
  await appendConsent(h.db.db, h.tenantIds.fjordsound, [
    { subjectId: "dev_alice", receivedAt: minutesAgo(25), action: "reject_all", country: "SE" },
    ...Array.from({ length: 5 }, (_, i) => ({ receivedAt: minutesAgo(5 + i), country: "SE" })),
  ]);
  // Written as the ledger writer would, but with a path ingestion would refuse: CSV must still quote it.
  const personal = { ip: "198.51.100.0", userAgent: "vitest", salt: randomBytes(16).toString("hex") };
  const digest = personalDataDigest(personal);
  oddRecordId = uuidv7();
  await withRlsContext(h.db.db, SYSTEM_CONTEXT, (tx) =>
    appendToLedger(tx, [
      {
        record: {
          tenantId: h.tenantIds.northwave,
          recordId: oddRecordId,
          receivedAt: minutesAgo(40),
          occurredAt: minutesAgo(41),
          subjectDigest: randomBytes(32).toString("hex"),
          consentId: ODD_CONSENT_ID,
          policy: { kind: "privacy", version: "2.0", sha256: null },
          bannerVersion: "3",
          action: "save_custom",
          purposes: { ...PURPOSES_2_0 },
          language: "nb",
          path: ODD_PATH,
          gpc: true,
          country: "NO",
          jurisdiction: "EEA",
          personalDataDigest: digest,
        },
        personal: { digest, ...personal },
      },
    ]),
  );
}, 120_000);
afterAll(async () => {
  await app?.close();
  await h?.close();
});

describe("consent record exports", () => {
  it("exports exactly the search's records, newest first, for several filters (over several pages)", async () => {
    const cases: Record<string, string>[] = [
      {},
      { tenantId: h.tenantIds.northwave },
      { country: "SE" },
      { action: "reject_all", tenantId: h.tenantIds.northwave },
      { purpose: "product_analytics", decision: "denied" },
      { tenantId: h.tenantIds.northwave, subjectId: "dev_alice" },
      { from: new Date(Date.now() - 35 * 60_000).toISOString(), to: new Date(Date.now() - 15 * 60_000).toISOString() },
    ];
    for (const filters of cases) {
      const expected = await searchIds(staff, filters);
      const response = await exportAs(staff, `/api/exports/consent-records.csv?${new URLSearchParams(filters)}`);
      expect(response.statusCode, JSON.stringify(filters)).toBe(200);
      const rows = csvRows(response.body);
      expect(
        rows.map((row) => row.record_id),
        JSON.stringify(filters),
      ).toEqual(expected);
      // Counting is quick here: the estimate is the exact total.
      expect(response.headers["x-estimated-total"]).toBe(String(expected.length));
    }
    expect((await searchIds(staff, { tenantId: h.tenantIds.northwave })).length).toBeGreaterThan(2000);
  });

  it("writes RFC 4180 CSV: quotes commas, quotes and line breaks, guards formulas, and leaks no personal data", async () => {
    const response = await exportAs(staff, `/api/exports/consent-records.csv?tenantId=${h.tenantIds.northwave}&country=NO`);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="consent-records-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.body.startsWith("record_id,tenant_slug,seq,")).toBe(true);
    const odd = csvRows(response.body).find((row) => row.record_id === oddRecordId);
    expect(odd).toMatchObject({
      tenant_slug: "northwave",
      path: ODD_PATH,
      consent_id: `'${ODD_CONSENT_ID}`,
      gpc: "true",
      policy_kind: "privacy",
      policy_version: "2.0",
      action: "save_custom",
      jurisdiction: "EEA",
      purposes:
        "audio_mastering_data=acknowledged;preferences=acknowledged;product_analytics=denied;stripe_checkout=acknowledged;tidio=granted",
    });
    expect(new Date(odd?.received_at ?? "").toISOString()).toBe(odd?.received_at);
    expect(response.body).not.toContain("198.51.100");
    expect(response.body).not.toContain("vitest");
  });

  it("writes the Norwegian variant with a byte-order mark and semicolons", async () => {
    const response = await exportAs(staff, `/api/exports/consent-records.csv?tenantId=${h.tenantIds.fjordsound}&variant=nb`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toMatch(/-nb\.csv"$/);
    expect(response.body.startsWith("\uFEFFrecord_id;tenant_slug;seq;")).toBe(true);
    const rows = csvRows(response.body, ";");
    expect(rows).toHaveLength((await searchIds(staff, { tenantId: h.tenantIds.fjordsound })).length);
    // The purposes hold semicolons, so the nb variant quotes them.
    expect(rows[0]?.purposes).toContain(";");
    expect(response.body).toContain(`;"${rows[0]?.purposes}";`);
  });

  it("writes NDJSON, one record per line", async () => {
    const response = await exportAs(staff, `/api/exports/consent-records.ndjson?country=NO&tenantId=${h.tenantIds.northwave}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/x-ndjson; charset=utf-8");
    expect(response.body.endsWith("\n")).toBe(true);
    const lines = response.body.trimEnd().split("\n");
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => record.record_id)).toEqual(await searchIds(staff, { country: "NO", tenantId: h.tenantIds.northwave }));
    const odd = records.find((record) => record.record_id === oddRecordId);
    expect(odd).toMatchObject({ path: ODD_PATH, consent_id: ODD_CONSENT_ID, gpc: true, purposes: PURPOSES_2_0 });
    expect(Object.keys(odd ?? {})).toEqual([...CONSENT_EXPORT_COLUMNS]);
  });

  it("confines partners to their own tenant, whatever tenantId says", async () => {
    const own = await searchIds(fjordsoundViewer, {});
    for (const path of [
      "/api/exports/consent-records.csv",
      `/api/exports/consent-records.csv?tenantId=${h.tenantIds.northwave}`,
      `/api/exports/consent-records.csv?tenantId=${h.tenantIds.northwave}&subjectId=dev_alice`,
    ]) {
      const response = await exportAs(fjordsoundViewer, path);
      expect(response.statusCode, path).toBe(200);
      const rows = csvRows(response.body);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.tenant_slug === "fjordsound")).toBe(true);
      if (!path.includes("subjectId")) expect(rows.map((row) => row.record_id)).toEqual(own);
    }
    // dev_alice of fjordsound: one record, not northwave's two.
    const alice = csvRows(
      (await exportAs(fjordsoundViewer, `/api/exports/consent-records.csv?tenantId=${h.tenantIds.northwave}&subjectId=dev_alice`)).body,
    );
    expect(alice).toHaveLength(1);
    const northwave = await exportAs(northwaveAdmin, "/api/exports/consent-records.ndjson");
    expect(northwave.body).not.toContain('"tenant_slug":"fjordsound"');
    expect(northwave.body.trimEnd().split("\n")).toHaveLength((await searchIds(northwaveAdmin, {})).length);
  });

  it("answers 401 without a session, 403 without consent.read, and 400 naming a bad filter", async () => {
    expect((await exportAs(null, "/api/exports/consent-records.csv")).statusCode).toBe(401);
    expect((await exportAs(finance, "/api/exports/consent-records.csv")).statusCode).toBe(403);
    const cases: [string, RegExp][] = [
      ["country=Norway", /^country: /],
      ["decision=granted", /^decision: /],
      ["from=yesterday", /^from: /],
      ["tenantId=nope", /^tenantId: /],
      ["variant=excel", /^variant: /],
      // Staff must name the tenant whose subject they look for (the keyed hash is per tenant).
      ["subjectId=dev_alice", /^tenantId: Choose the tenant/],
    ];
    for (const [query, message] of cases) {
      const response = await exportAs(staff, `/api/exports/consent-records.csv?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.message, query).toMatch(message);
    }
  });

  it("records each finished export in the audit trail with its filters and row count, never the raw subject id", async () => {
    const response = await exportAs(
      northwaveAdmin,
      `/api/exports/consent-records.csv?subjectId=dev_alice&tenantId=${h.tenantIds.fjordsound}`,
    );
    expect(csvRows(response.body)).toHaveLength(2);
    const event = await latestExportAudit();
    expect(event?.tenantId).toBe(h.tenantIds.northwave);
    expect(event?.after).toMatchObject({
      kind: "consent_records",
      format: "csv",
      variant: "standard",
      rows: 2,
      filters: { tenantId: h.tenantIds.northwave, subject: expect.stringMatching(/^[0-9a-f]{16}$/) },
    });
    expect(JSON.stringify(event?.after)).not.toContain("dev_alice");
    expect(event?.after).not.toHaveProperty("cancelled");

    await exportAs(staff, "/api/exports/consent-records.ndjson?country=SE");
    const ndjson = await latestExportAudit();
    expect(ndjson?.tenantId).toBeNull();
    expect(ndjson?.after).toMatchObject({
      format: "ndjson",
      rows: (await searchIds(staff, { country: "SE" })).length,
      filters: { country: "SE" },
    });
  });

  it("records a download the client cut short as cancelled, with the rows sent so far", async () => {
    // In one process the whole export can fit in the socket buffers before the client's first read:
    // slow each page down so the disconnect reaches the server while pages are still to come.
    const db = h.db.db;
    const slowDb = new Proxy(db, {
      get(target, property) {
        if (property !== "transaction") return Reflect.get(target, property, target);
        return async (...args: Parameters<typeof db.transaction>) => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          return target.transaction(...args);
        };
      },
    });
    const server = Fastify({ logger: false });
    await server.register(fastifyCookie);
    await server.register(consentExportRoutes, { prefix: "/api/exports", db: slowDb, tokens: h.services.tokens });
    await server.listen({ port: 0, host: "127.0.0.1" });
    try {
      const port = (server.server.address() as AddressInfo).port;
      const before = (await latestExportAudit())?.id ?? 0;
      const path = `/api/exports/consent-records.csv?tenantId=${h.tenantIds.northwave}`;
      await new Promise<void>((resolve, reject) => {
        const request = get({ host: "127.0.0.1", port, path, headers: { cookie: `pc_session=${staff.token}` } }, (response) => {
          expect(response.statusCode).toBe(200);
          response.once("data", () => {
            request.destroy();
            resolve();
          });
        });
        request.on("error", (error) => (request.destroyed ? resolve() : reject(error)));
      });
      let event = await latestExportAudit();
      for (let attempt = 0; attempt < 100 && (event?.id ?? 0) <= before; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        event = await latestExportAudit();
      }
      expect(event?.id).toBeGreaterThan(before);
      expect(event?.after).toMatchObject({ format: "csv", cancelled: true, filters: { tenantId: h.tenantIds.northwave } });
      const rows = (event?.after as { rows?: number } | undefined)?.rows ?? 0;
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThan(BULK);
      // Nothing more is written once the export was recorded as cancelled.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await latestExportAudit())?.id).toBe(event?.id);
    } finally {
      await server.close();
    }
  });
});
