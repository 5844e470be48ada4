/**
 * The admin audit trail as people read it: a partner admin sees their tenant's events (including
 * staff acting on it), compliance and the operator admin see everything, newest first, in
 * disjoint pages; finance and viewers may not read it.
 */
import { auditEvents } from "@pc/db";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientErrorFrom, codeOf } from "./expect-code.js";
import { type Client, createHarness, type Harness } from "./harness.js";

let h: Harness;
let ids: Harness["tenantIds"];

beforeAll(async () => {
  h = await createHarness();
  ids = h.tenantIds;

  // Some history in every tenant, and some without a tenant.
  for (const slug of ["northwave", "fjordsound", "beatlab"] as const) {
    const admin = await h.as(`admin@${slug}.test`);
    for (let i = 0; i < 3; i++) await admin.caller.team.invite({ email: `hire${i}@${slug}.example`, role: "partner_viewer" });
  }
  const operator = await h.as("admin@masterchannel.test");
  await operator.caller.users.invite({ email: "new-staff@masterchannel.test", role: "finance" });
  // Compliance looks at Northwave: the partner must be able to see that.
  const compliance = await h.as("compliance@masterchannel.test");
  await compliance.caller.auth.switchTenant({ tenantId: ids.northwave });
});
afterAll(() => h.close());

const allIdsNewestFirst = async () =>
  (await h.db.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id))).map((r) => r.id);
const tenantIdsNewestFirst = async (tenantId: string) =>
  (
    await h.db.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.tenantId, tenantId)).orderBy(desc(auditEvents.id))
  ).map((r) => r.id);

/** Every page of audit.list with the given page size, following nextCursor to the end. */
async function allPages(c: Client, limit: number, action?: string) {
  const pages: { ids: number[]; nextCursor: number | null }[] = [];
  let cursor: number | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await c.caller.audit.list({ limit, cursor, action });
    pages.push({ ids: page.items.map((e) => e.id), nextCursor: page.nextCursor });
    if (page.nextCursor === null) return pages;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("audit.list for a partner admin", () => {
  it("shows exactly their tenant's events, with who, what, before/after, request id and IP", async () => {
    const admin = await h.as("admin@northwave.test");
    const page = await admin.caller.audit.list({ limit: 200 });
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((e) => e.id)).toEqual(await tenantIdsNewestFirst(ids.northwave));
    expect(page.items.every((e) => e.tenantId === ids.northwave && e.tenantName === "Northwave")).toBe(true);

    const invites = page.items.filter((e) => e.action === "user.invite");
    expect(invites.map((e) => (e.after as { email: string }).email).sort()).toEqual([
      "hire0@northwave.example",
      "hire1@northwave.example",
      "hire2@northwave.example",
    ]);
    expect(invites[0]).toMatchObject({ actorLabel: "admin@northwave.test", targetType: "invitation", before: null, ip: "198.51.100.7" });
    expect(invites[0]?.requestId).toMatch(/^test-\d+$/);
    expect(invites[0]?.createdAt).toBeInstanceOf(Date);
    expect(new Set(invites.map((e) => e.requestId)).size).toBe(3);
    // Staff looking at the tenant is on the tenant's record.
    expect(page.items.find((e) => e.action === "staff.switch_tenant")).toMatchObject({
      actorLabel: "compliance@masterchannel.test",
      targetId: ids.northwave,
    });
    // The tenant's creation by the seed is part of its history; other tenants' events and logins are not.
    expect(page.items.at(-1)).toMatchObject({ action: "tenant.create", targetId: ids.northwave });
    const text = JSON.stringify(page.items);
    expect(text).not.toContain("fjordsound");
    expect(text).not.toContain("beatlab");
    expect(text).not.toContain("new-staff@masterchannel.test");
    expect(page.items.some((e) => e.action === "auth.login")).toBe(false);
  });

  it("pages within the tenant only, and filters by action", async () => {
    const admin = await h.as("admin@fjordsound.test");
    const pages = await allPages(admin, 2);
    expect(pages.flatMap((p) => p.ids)).toEqual(await tenantIdsNewestFirst(ids.fjordsound));
    const invites = await admin.caller.audit.list({ action: "user.invite" });
    expect(invites.items).toHaveLength(3);
    expect(invites.items.every((e) => e.action === "user.invite" && e.tenantId === ids.fjordsound)).toBe(true);
    expect((await admin.caller.audit.list({ action: "no.such.action" })).items).toEqual([]);
  });
});

describe("audit.list for operator staff", () => {
  it("shows compliance and the operator admin every event, with and without a tenant", async () => {
    for (const email of ["compliance@masterchannel.test", "admin@masterchannel.test"]) {
      const staff = await h.as(email);
      const page = await staff.caller.audit.list({ limit: 200 });
      expect(page.nextCursor, email).toBeNull();
      expect(
        page.items.map((e) => e.id),
        email,
      ).toEqual(await allIdsNewestFirst());
      const tenantIds = new Set(page.items.map((e) => e.tenantId));
      for (const id of [ids.northwave, ids.fjordsound, ids.beatlab, null]) expect(tenantIds.has(id), `${email} ${id}`).toBe(true);
      expect(page.items.find((e) => e.action === "user.invite" && e.tenantId === null)).toMatchObject({
        actorLabel: "admin@masterchannel.test",
        tenantName: null,
        after: expect.objectContaining({ email: "new-staff@masterchannel.test", role: "finance" }),
      });
    }
  });

  it("pages newest first with a cursor: disjoint pages that together make the whole trail", async () => {
    const compliance = await h.as("compliance@masterchannel.test");
    const everything = await allIdsNewestFirst();
    expect(everything.length).toBeGreaterThan(12);
    const limit = 5;
    const pages = await allPages(compliance, limit);
    expect(pages.length).toBe(Math.ceil(everything.length / limit));
    const flat = pages.flatMap((p) => p.ids);
    expect(flat).toEqual(everything);
    expect(new Set(flat).size).toBe(flat.length);
    for (const [i, page] of pages.entries()) {
      const last = i === pages.length - 1;
      expect(page.ids.length).toBe(last ? everything.length - limit * i : limit);
      // Strictly newest first inside the page, and the cursor is the last id shown.
      expect([...page.ids].sort((a, b) => b - a)).toEqual(page.ids);
      expect(page.nextCursor).toBe(last ? null : page.ids.at(-1));
    }
    // A page whose size divides the total exactly still ends with a null cursor, not an empty page.
    const exact = await compliance.caller.audit.list({ limit: everything.length });
    expect(exact.nextCursor).toBeNull();
    expect(exact.items).toHaveLength(everything.length);

    // New events arriving while paging do not shift later pages.
    const first = await compliance.caller.audit.list({ limit });
    await (await h.as("admin@beatlab.test")).caller.team.invite({ email: "during@beatlab.example", role: "partner_viewer" });
    const second = await compliance.caller.audit.list({ limit, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((e) => e.id)).toEqual(everything.slice(limit, 2 * limit));
  });

  it("validates paging input (BAD_REQUEST with field errors)", async () => {
    const compliance = await h.as("compliance@masterchannel.test");
    for (const input of [{ limit: 0 }, { limit: 201 }, { limit: 2.5 }]) {
      const error = await clientErrorFrom(compliance.caller.audit.list(input));
      expect(error.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.limit?.length, JSON.stringify(input)).toBeGreaterThan(0);
    }
    for (const cursor of [0, -3, 1.5]) {
      const error = await clientErrorFrom(compliance.caller.audit.list({ cursor }));
      expect(error.code, String(cursor)).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.cursor?.length, String(cursor)).toBeGreaterThan(0);
    }
  });
});

describe("audit.list refusals", () => {
  it("is FORBIDDEN to finance (even on a tenant) and to partner viewers, UNAUTHORIZED when signed out", async () => {
    const finance = await h.as("finance@masterchannel.test");
    expect(await codeOf(finance.caller.audit.list({}))).toBe("FORBIDDEN");
    await finance.caller.auth.switchTenant({ tenantId: ids.beatlab });
    expect(await codeOf(finance.caller.audit.list({}))).toBe("FORBIDDEN");
    for (const email of ["viewer@northwave.test", "viewer@beatlab.test"]) {
      const viewer = await h.as(email);
      expect(await codeOf(viewer.caller.audit.list({})), email).toBe("FORBIDDEN");
    }
    expect(await codeOf((await h.client()).caller.audit.list({}))).toBe("UNAUTHORIZED");
  });
});

describe("audit.verifyChain", () => {
  it("finds the chain intact after real activity, and names the event someone edited", async () => {
    const compliance = await h.as("compliance@masterchannel.test");
    const admin = await h.as("admin@masterchannel.test");
    await admin.caller.tenants.create({ name: "Chain Check", slug: "chain-check" });
    const intact = await compliance.caller.audit.verifyChain();
    expect(intact.ok).toBe(true);
    expect(intact.checked).toBeGreaterThan(3);

    const [newest] = await h.db.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    await h.db.db
      .update(auditEvents)
      .set({ actorLabel: "someone-else@example.test" })
      .where(eq(auditEvents.id, newest?.id as number));
    const broken = await compliance.caller.audit.verifyChain();
    expect(broken).toMatchObject({ ok: false, brokenAtId: newest?.id });
  });
});
