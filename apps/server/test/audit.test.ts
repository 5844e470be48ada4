/**
 * The admin audit trail as people read it: a partner admin sees their tenant's events (including
 * staff acting on it), compliance and the operator admin see everything, newest first, in
 * disjoint pages bound to their search; filters by actor, tenant, action (or its prefix), time and
 * target; each event's before and after as a field-level diff; finance and viewers may not read it.
 */
import { auditEvents, users } from "@pc/db";
import { and, desc, eq, gte, lt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffAuditValues } from "../src/routers/audit/audit.diff.js";
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
  // The operator admin changes a Northwave member's role "as" Northwave, and back.
  await operator.caller.auth.switchTenant({ tenantId: ids.northwave });
  const viewerId = await userIdOf("viewer@northwave.test");
  await operator.caller.team.changeRole({ userId: viewerId, role: "partner_admin" });
  await operator.caller.team.changeRole({ userId: viewerId, role: "partner_viewer" });
});
afterAll(() => h.close());

async function userIdOf(email: string): Promise<string> {
  const [user] = await h.db.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`no user ${email}`);
  return user.id;
}

const allIdsNewestFirst = async () =>
  (await h.db.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id))).map((r) => r.id);
const tenantIdsNewestFirst = async (tenantId: string) =>
  (
    await h.db.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.tenantId, tenantId)).orderBy(desc(auditEvents.id))
  ).map((r) => r.id);

/** Every page of audit.list with the given page size, following nextCursor to the end. */
async function allPages(c: Client, limit: number, action?: string) {
  const pages: { ids: number[]; nextCursor: string | null }[] = [];
  let cursor: string | undefined;
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
    expect(page.items.find((e) => e.action === "staff.switch_tenant" && e.actorLabel === "compliance@masterchannel.test")).toMatchObject({
      actorKind: "staff",
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
      // Strictly newest first inside the page; a cursor on every page but the last.
      expect([...page.ids].sort((a, b) => b - a)).toEqual(page.ids);
      if (last) expect(page.nextCursor).toBeNull();
      else expect(page.nextCursor).toEqual(expect.any(String));
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
    for (const cursor of ["x".repeat(501), "not-a-cursor", Buffer.from('{"v":1,"f":"x","id":-1}').toString("base64url")]) {
      const error = await clientErrorFrom(compliance.caller.audit.list({ cursor }));
      expect(error.code, String(cursor)).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.cursor?.length, String(cursor)).toBeGreaterThan(0);
    }
  });
});

describe("audit.list filters", () => {
  it("shows a partner what operator staff did on its tenant, marked as staff, with the change as a diff", async () => {
    const admin = await h.as("admin@northwave.test");
    const operatorId = await userIdOf("admin@masterchannel.test");
    const page = await admin.caller.audit.list({ actor: operatorId, limit: 200 });
    expect(page.items.map((e) => e.action)).toEqual(["team.change_role", "team.change_role", "staff.switch_tenant"]);
    expect(page.items.every((e) => e.actorKind === "staff" && e.actorUserId === operatorId && e.tenantId === ids.northwave)).toBe(true);
    const [back, promote] = page.items;
    expect(promote?.changes).toEqual([{ path: "role", kind: "changed", before: "partner_viewer", after: "partner_admin" }]);
    expect(back?.changes).toEqual([{ path: "role", kind: "changed", before: "partner_admin", after: "partner_viewer" }]);
    // The partner's own people are partners; a creation's diff lists each new field as added.
    const invite = (await admin.caller.audit.list({ action: "user.invite", limit: 1 })).items[0];
    expect(invite).toMatchObject({ actorKind: "partner", actorLabel: "admin@northwave.test" });
    expect(invite?.changes.length).toBeGreaterThan(0);
    expect(invite?.changes.every((c) => c.kind === "added" && c.before === undefined)).toBe(true);
    expect(invite?.changes).toContainEqual({ path: "email", kind: "added", after: invite && (invite.after as { email: string }).email });
  });

  it("never shows a partner another tenant's events, even staff's or when it names that tenant", async () => {
    const compliance = await h.as("compliance@masterchannel.test");
    await compliance.caller.auth.switchTenant({ tenantId: ids.beatlab });
    const admin = await h.as("admin@northwave.test");
    const complianceId = await userIdOf("compliance@masterchannel.test");
    const theirs = await admin.caller.audit.list({ actor: complianceId, limit: 200 });
    expect(theirs.items.map((e) => [e.action, e.targetId])).toEqual([["staff.switch_tenant", ids.northwave]]);
    const named = await admin.caller.audit.list({ tenantId: ids.beatlab, limit: 200 });
    expect(named.items.length).toBeGreaterThan(0);
    expect(named.items.every((e) => e.tenantId === ids.northwave)).toBe(true);
  });

  it("filters by actor: part of the label in any case, or the user id; % and _ are literal", async () => {
    const compliance = await h.as("compliance@masterchannel.test");
    const byLabel = await compliance.caller.audit.list({ actor: "ADMIN@NORTHWAVE", limit: 200 });
    expect(byLabel.items.length).toBeGreaterThan(0);
    expect(byLabel.items.every((e) => e.actorLabel === "admin@northwave.test")).toBe(true);
    const operatorId = await userIdOf("admin@masterchannel.test");
    const byId = await compliance.caller.audit.list({ actor: operatorId, limit: 200 });
    expect(byId.items.length).toBeGreaterThan(3);
    expect(byId.items.every((e) => e.actorUserId === operatorId && e.actorKind === "staff")).toBe(true);
    expect((await compliance.caller.audit.list({ actor: "%" })).items).toEqual([]);
    expect((await compliance.caller.audit.list({ actor: "admin_northwave" })).items).toEqual([]);
    // A blank filter is no filter.
    expect((await compliance.caller.audit.list({ actor: "  ", limit: 200 })).items.map((e) => e.id)).toEqual(
      (await compliance.caller.audit.list({ limit: 200 })).items.map((e) => e.id),
    );
  });

  it("filters staff's view by tenant", async () => {
    const compliance = await h.as("compliance@masterchannel.test");
    const page = await compliance.caller.audit.list({ tenantId: ids.fjordsound, limit: 200 });
    expect(page.items.map((e) => e.id)).toEqual(await tenantIdsNewestFirst(ids.fjordsound));
  });

  it("filters by action exactly, or by a prefix ending in a dot", async () => {
    const compliance = await h.as("compliance@masterchannel.test");
    const team = await compliance.caller.audit.list({ action: "team.", limit: 200 });
    expect(new Set(team.items.map((e) => e.action))).toEqual(new Set(["team.change_role"]));
    const users_ = await compliance.caller.audit.list({ action: "user.", limit: 200 });
    expect(users_.items.length).toBeGreaterThan(9);
    expect(users_.items.every((e) => e.action.startsWith("user."))).toBe(true);
    // Without the dot it is an exact action: "user" is not one.
    expect((await compliance.caller.audit.list({ action: "user" })).items).toEqual([]);
    // An underscore in a prefix is literal, not "any character" (which would match staff.switch_tenant).
    expect((await compliance.caller.audit.list({ action: "staf_." })).items).toEqual([]);
    expect((await compliance.caller.audit.list({ action: "staff." })).items.length).toBeGreaterThan(0);
  });

  it("filters by time: from inclusive, to exclusive", async () => {
    const compliance = await h.as("compliance@masterchannel.test");
    const all = await compliance.caller.audit.list({ limit: 200 });
    const middle = all.items[Math.floor(all.items.length / 2)];
    if (!middle) throw new Error("no events");
    const from = middle.createdAt;
    const expectedFrom = (
      await h.db.db.select({ id: auditEvents.id }).from(auditEvents).where(gte(auditEvents.createdAt, from)).orderBy(desc(auditEvents.id))
    ).map((r) => r.id);
    expect((await compliance.caller.audit.list({ from, limit: 200 })).items.map((e) => e.id)).toEqual(expectedFrom);
    const to = new Date(from.getTime() + 1);
    const expectedRange = (
      await h.db.db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(and(gte(auditEvents.createdAt, from), lt(auditEvents.createdAt, to)))
        .orderBy(desc(auditEvents.id))
    ).map((r) => r.id);
    const range = await compliance.caller.audit.list({ from, to, limit: 200 });
    expect(range.items.map((e) => e.id)).toEqual(expectedRange);
    expect(range.items.map((e) => e.id)).toContain(middle.id);
    const error = await clientErrorFrom(compliance.caller.audit.list({ from: to, to: from }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors?.to).toEqual(["The end must come after the start"]);
  });

  it("filters by target type and id", async () => {
    const compliance = await h.as("compliance@masterchannel.test");
    const page = await compliance.caller.audit.list({ targetType: "tenant", targetId: ids.northwave, limit: 200 });
    expect(page.items.length).toBeGreaterThan(2);
    expect(page.items.every((e) => e.targetType === "tenant" && e.targetId === ids.northwave)).toBe(true);
    expect(page.items.map((e) => e.action)).toContain("tenant.create");
    expect(page.items.map((e) => e.action)).toContain("staff.switch_tenant");
  });

  it("binds a page cursor to its search: another filter or another caller answers BAD_REQUEST", async () => {
    const compliance = await h.as("compliance@masterchannel.test");
    const first = await compliance.caller.audit.list({ action: "user.invite", limit: 2 });
    const cursor = first.nextCursor ?? undefined;
    expect(cursor).toEqual(expect.any(String));
    const second = await compliance.caller.audit.list({ action: "user.invite", limit: 2, cursor });
    expect(second.items.every((e) => e.action === "user.invite" && e.id < (first.items.at(-1)?.id ?? 0))).toBe(true);
    // The page size is not part of the search.
    expect((await compliance.caller.audit.list({ action: "user.invite", limit: 5, cursor })).items[0]?.id).toBe(second.items[0]?.id);
    for (const other of [
      { action: "user." },
      { action: "user.invite", tenantId: ids.northwave },
      { action: "user.invite", actor: "admin" },
    ]) {
      const error = await clientErrorFrom(compliance.caller.audit.list({ ...other, cursor }));
      expect(error.code, JSON.stringify(other)).toBe("BAD_REQUEST");
      expect(error.fieldErrors?.cursor, JSON.stringify(other)).toEqual(["This page link belongs to another search"]);
    }
    // A partner cannot reuse staff's page link, and staff cannot reuse a partner's.
    const admin = await h.as("admin@northwave.test");
    expect(await codeOf(admin.caller.audit.list({ action: "user.invite", limit: 2, cursor }))).toBe("BAD_REQUEST");
    const partnerPage = await admin.caller.audit.list({ limit: 2 });
    expect(await codeOf(compliance.caller.audit.list({ tenantId: ids.northwave, limit: 2, cursor: partnerPage.nextCursor ?? "" }))).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("diffAuditValues", () => {
  it("lists changed, added and removed fields by path, nested objects and arrays of objects included", () => {
    expect(
      diffAuditValues(
        { role: "a", colors: { light: { primary: "#000" } }, keep: [1, 2], items: [{ amount: 1 }], gone: true, "odd key": 1 },
        {
          role: "b",
          colors: { light: { primary: "#fff" } },
          keep: [1, 2],
          items: [{ amount: 2 }, { amount: 3 }],
          extra: null,
          "odd key": 2,
        },
      ),
    ).toEqual([
      { path: "role", kind: "changed", before: "a", after: "b" },
      { path: "colors.light.primary", kind: "changed", before: "#000", after: "#fff" },
      { path: "items[0].amount", kind: "changed", before: 1, after: 2 },
      { path: "items[1]", kind: "added", after: { amount: 3 } },
      { path: "gone", kind: "removed", before: true },
      { path: '["odd key"]', kind: "changed", before: 1, after: 2 },
      { path: "extra", kind: "added", after: null },
    ]);
  });

  it("treats lists of plain values and a change of type as one value, and nothing on either side as no change", () => {
    expect(diffAuditValues({ tags: ["a", "b"] }, { tags: ["b", "a"] })).toEqual([
      { path: "tags", kind: "changed", before: ["a", "b"], after: ["b", "a"] },
    ]);
    expect(diffAuditValues({ a: { b: 1 } }, { a: "text" })).toEqual([{ path: "a", kind: "changed", before: { b: 1 }, after: "text" }]);
    expect(diffAuditValues(null, null)).toEqual([]);
    expect(diffAuditValues({ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 })).toEqual([]);
    expect(diffAuditValues({ a: 1 }, null)).toEqual([{ path: "a", kind: "removed", before: 1 }]);
    expect(diffAuditValues(null, "x")).toEqual([{ path: "(value)", kind: "added", after: "x" }]);
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
