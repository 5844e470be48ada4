/**
 * Paging the data-subject request list: keyset pages in the list's order (open requests by due
 * date, then finished ones newest first) with no gaps or repeats, ties on the same date included;
 * and a page cursor bound to its filters and the caller's tenant scope, refused elsewhere with a
 * clear BAD_REQUEST.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FOREIGN_CURSOR_MESSAGE, MALFORMED_CURSOR_MESSAGE } from "../src/services/page-cursor.js";
import { clientErrorFrom } from "./expect-code.js";
import { type Client, createHarness, type Harness } from "./harness.js";

let h: Harness;
let staff: Client;
let northwaveAdmin: Client;
let fjordsoundAdmin: Client;

const DAY = 86_400_000;

type Item = Awaited<ReturnType<Client["caller"]["subjectRequests"]["list"]>>["items"][number];
type ListInput = Parameters<Client["caller"]["subjectRequests"]["list"]>[0];

/** Every page of a listing, `limit` at a time, with the cursors it was given. */
async function allPages(client: Client, input: ListInput, limit: number) {
  const items: Item[] = [];
  const cursors: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await client.caller.subjectRequests.list({ ...input, limit, cursor });
    expect(result.items.length).toBeLessThanOrEqual(limit);
    items.push(...result.items);
    if (!result.nextCursor) return { items, cursors };
    expect(result.items).toHaveLength(limit);
    cursors.push(result.nextCursor);
    cursor = result.nextCursor;
  }
  throw new Error("more than 100 pages");
}

const isOpen = (item: Item) => item.completedAt === null && item.rejectedAt === null;

/** The list's order, computed here: open by due date then id; finished by date received then id, newest first. */
function expectedOrder(items: Item[]): string[] {
  const open = items.filter(isOpen).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
  const done = items
    .filter((item) => !isOpen(item))
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || b.id.localeCompare(a.id));
  return [...open, ...done].map((item) => item.id);
}

beforeAll(async () => {
  h = await createHarness();
  staff = await h.as("compliance@masterchannel.test");
  northwaveAdmin = await h.as("admin@northwave.test");
  fjordsoundAdmin = await h.as("admin@fjordsound.test");
  const base = Date.now() - 50 * DAY;
  const file = (client: Client, days: number, kind: "access" | "erasure" = "erasure") =>
    client.caller.subjectRequests.file({
      kind,
      subjectIds: [`dev_page_${days}`],
      requesterEmail: "someone@example.test",
      channel: "email",
      receivedAt: new Date(base + days * DAY),
    });
  // 23 of Northwave's: three pairs received at the same moment, some overdue, some finished.
  const days = [0, 1, 1, 2, 3, 5, 5, 8, 13, 21, 22, 30, 34, 35, 40, 40, 41, 42, 44, 45, 46, 48, 49];
  for (const [index, day] of days.entries()) {
    const request = await file(northwaveAdmin, day, index % 3 === 0 ? "access" : "erasure");
    if (index % 4 === 1) await northwaveAdmin.caller.subjectRequests.reject({ requestId: request.id, reason: "Not our customer" });
    else if (index % 5 === 2) {
      await northwaveAdmin.caller.subjectRequests.verifyIdentity({ requestId: request.id, note: "Known customer" });
      if (index % 2 === 0) await northwaveAdmin.caller.subjectRequests.start({ requestId: request.id });
    }
  }
  for (const day of [4, 4, 20, 47]) await file(fjordsoundAdmin, day);
});
afterAll(() => h.close());

describe("subjectRequests.list pages", () => {
  it("pages through every request once, in the list's order, ties included", async () => {
    const everything = await staff.caller.subjectRequests.list({ limit: 200 });
    expect(everything.items).toHaveLength(27);
    expect(everything.nextCursor).toBeNull();
    expect(everything.items.map((item) => item.id)).toEqual(expectedOrder(everything.items));
    expect(everything.items.filter((item) => !isOpen(item)).length).toBeGreaterThan(3);

    for (const limit of [1, 4, 7]) {
      const { items } = await allPages(staff, {}, limit);
      expect(items.map((item) => item.id)).toEqual(everything.items.map((item) => item.id));
    }
    // Filters page the same way: only Northwave's, only the open erasures.
    const northwave = await allPages(staff, { tenantId: h.tenantIds.northwave }, 5);
    expect(northwave.items).toHaveLength(23);
    expect(new Set(northwave.items.map((item) => item.id)).size).toBe(23);
    const erasures = await allPages(staff, { kind: "erasure", status: "received" }, 2);
    const expected = everything.items.filter((item) => item.kind === "erasure" && item.status === "received");
    expect(erasures.items.map((item) => item.id)).toEqual(expected.map((item) => item.id));
  });

  it("keeps a partner to its own tenant on every page", async () => {
    const { items } = await allPages(fjordsoundAdmin, { tenantId: h.tenantIds.northwave }, 3);
    expect(items).toHaveLength(4);
    expect(items.every((item) => item.tenantId === h.tenantIds.fjordsound)).toBe(true);
  });

  it("refuses a cursor of another search, another tenant scope, or a malformed one, with a clear BAD_REQUEST", async () => {
    const { cursors } = await allPages(staff, { status: "received" }, 2);
    const cursor = cursors[0] as string;
    const foreign = { code: "BAD_REQUEST", fieldErrors: { cursor: [FOREIGN_CURSOR_MESSAGE] } };
    expect(await clientErrorFrom(staff.caller.subjectRequests.list({ status: "rejected", cursor }))).toMatchObject(foreign);
    expect(await clientErrorFrom(staff.caller.subjectRequests.list({ cursor }))).toMatchObject(foreign);
    expect(await clientErrorFrom(staff.caller.subjectRequests.list({ status: "received", overdue: true, cursor }))).toMatchObject(foreign);
    // Staff's cursor in a partner's hands, and one partner's in another's.
    expect(await clientErrorFrom(northwaveAdmin.caller.subjectRequests.list({ status: "received", cursor }))).toMatchObject(foreign);
    const northwaveCursor = (await northwaveAdmin.caller.subjectRequests.list({ limit: 2 })).nextCursor as string;
    expect(northwaveCursor).toEqual(expect.any(String));
    expect(await clientErrorFrom(fjordsoundAdmin.caller.subjectRequests.list({ limit: 2, cursor: northwaveCursor }))).toMatchObject(
      foreign,
    );
    // The same partner naming another tenant is still its own scope: the cursor works.
    const again = await northwaveAdmin.caller.subjectRequests.list({ limit: 2, tenantId: h.tenantIds.fjordsound, cursor: northwaveCursor });
    expect(again.items.every((item) => item.tenantId === h.tenantIds.northwave)).toBe(true);

    const malformed = { code: "BAD_REQUEST", fieldErrors: { cursor: [MALFORMED_CURSOR_MESSAGE] } };
    const body = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    for (const bad of [
      "not-a-cursor",
      Buffer.from(JSON.stringify({ ...body, i: "1; drop table" })).toString("base64url"),
      Buffer.from(JSON.stringify({ ...body, g: 2 })).toString("base64url"),
      Buffer.from(JSON.stringify({ ...body, a: "yesterday" })).toString("base64url"),
    ]) {
      expect(await clientErrorFrom(staff.caller.subjectRequests.list({ status: "received", cursor: bad }))).toMatchObject(malformed);
    }
    const tooMany = await clientErrorFrom(staff.caller.subjectRequests.list({ limit: 201 }));
    expect(tooMany).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { limit: ["At most 200 requests a page"] } });
  });
});
