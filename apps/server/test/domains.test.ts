/**
 * Custom domains: a partner adds a host name, creates the TXT record the console names, and the
 * check moves the domain between pending, verified and failed (through a fake resolver, so no
 * test touches the network). A claimed host name is refused the same way whoever holds it;
 * viewers read; another tenant can neither see nor touch Northwave's domains.
 */
import { createSocket } from "node:dgram";
import { tenantDomains } from "@pc/db";
import { MAX_DOMAINS_PER_TENANT } from "@pc/shared";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createNodeResolver } from "../src/routers/domains/dns.js";
import {
  CONSOLE_HOSTNAME_MESSAGE,
  type DomainView,
  decideCheck,
  HOSTNAME_IN_USE_MESSAGE,
  lookupVerification,
  RECORD_CHANGED_MESSAGE,
  RECORD_DISAPPEARED_MESSAGE,
  verifiedDomains,
} from "../src/routers/domains/domains.service.js";
import { auditMark, clientErrorFrom, codeOf } from "./expect-code.js";
import { type Client, createHarness, type Harness } from "./harness.js";

let h: Harness;
let admin: Client;
let viewer: Client;
let other: Client;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.as("admin@northwave.test");
  viewer = await h.as("viewer@northwave.test");
  other = await h.as("admin@fjordsound.test");
});
afterAll(() => h.close());
// Each test starts from no domains (as the owner: RLS does not apply), so the per-tenant limit
// counts only its own.
afterEach(async () => {
  await h.db.db.delete(tenantDomains);
});

const rowOf = async (domainId: string) => {
  const [row] = await h.db.db.select().from(tenantDomains).where(eq(tenantDomains.id, domainId));
  if (!row) throw new Error(`no domain ${domainId}`);
  return row;
};
const rowsOf = (tenantId: string) => h.db.db.select().from(tenantDomains).where(eq(tenantDomains.tenantId, tenantId));
const publishRecord = (domain: DomainView) => h.dns.setTxt(domain.record.name, [domain.record.value]);
const setAddedDaysAgo = (domainId: string, days: number) =>
  h.db.db.execute(sql`update tenant_domains set created_at = now() - make_interval(days => ${days}) where id = ${domainId}`);

describe("verification", () => {
  it("goes pending, verified, failed when the record disappears, and verified again when it is back", async () => {
    const added = await admin.caller.domains.add({ hostname: "shop.example.com" });
    expect(added).toMatchObject({
      hostname: "shop.example.com",
      status: "pending",
      record: { type: "TXT", name: "_masterchannel-verify.shop.example.com" },
      lastCheckedAt: null,
      verifiedAt: null,
      lastError: null,
    });
    // 32 random bytes, base64url: 43 characters.
    expect(added.record.value).toMatch(/^mc-verify=[A-Za-z0-9_-]{43}$/);
    expect(await viewer.caller.domains.list()).toEqual([added]);

    const notYet = await admin.caller.domains.check({ domainId: added.id });
    expect(notYet).toMatchObject({ status: "pending", lastError: "no TXT record at _masterchannel-verify.shop.example.com" });
    expect(notYet.lastCheckedAt).toBeInstanceOf(Date);
    expect(h.dns.lookups.at(-1)).toBe("_masterchannel-verify.shop.example.com");

    publishRecord(added);
    const verified = await admin.caller.domains.check({ domainId: added.id });
    expect(verified).toMatchObject({ status: "verified", lastError: null });
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    expect(await verifiedDomains(h.db.db, h.tenantIds.northwave)).toContain("shop.example.com");

    h.dns.remove(added.record.name);
    const failed = await admin.caller.domains.check({ domainId: added.id });
    expect(failed).toMatchObject({ status: "failed", lastError: RECORD_DISAPPEARED_MESSAGE, verifiedAt: verified.verifiedAt });
    expect(await verifiedDomains(h.db.db, h.tenantIds.northwave)).not.toContain("shop.example.com");
    // Still gone at the next check: still failed, still saying why.
    expect(await admin.caller.domains.check({ domainId: added.id })).toMatchObject({
      status: "failed",
      lastError: RECORD_DISAPPEARED_MESSAGE,
    });

    publishRecord(added);
    const again = await admin.caller.domains.check({ domainId: added.id });
    // verifiedAt is the first verification's time.
    expect(again).toMatchObject({ status: "verified", lastError: null, verifiedAt: verified.verifiedAt });
    expect(await verifiedDomains(h.db.db, h.tenantIds.northwave)).toContain("shop.example.com");
  });

  it("normalises the host name, and finds the value among other TXT records and in chunks", async () => {
    const added = await admin.caller.domains.add({ hostname: "  Music.Example.ORG. " });
    expect(added.hostname).toBe("music.example.org");
    expect(added.record.name).toBe("_masterchannel-verify.music.example.org");
    h.dns.setTxt(added.record.name, ["v=spf1 -all", added.record.value]);
    expect((await admin.caller.domains.check({ domainId: added.id })).status).toBe("verified");

    const resolver = { resolveTxt: async () => [["mc-verify=", "abc"]] };
    expect(await lookupVerification(resolver, "x.example.com", "abc")).toEqual({ kind: "match" });
    expect(await lookupVerification(resolver, "x.example.com", "abd")).toMatchObject({ kind: "mismatch" });
  });

  it("says a record with another value does not match, and fails a verified domain whose value changed", async () => {
    const added = await admin.caller.domains.add({ hostname: "mismatch.example.com" });
    h.dns.setTxt(added.record.name, ["mc-verify=someone-elses-token"]);
    const checked = await admin.caller.domains.check({ domainId: added.id });
    expect(checked).toMatchObject({ status: "pending", lastError: "TXT record found but its value does not match" });

    publishRecord(added);
    expect((await admin.caller.domains.check({ domainId: added.id })).status).toBe("verified");
    h.dns.setTxt(added.record.name, ["mc-verify=someone-elses-token"]);
    expect(await admin.caller.domains.check({ domainId: added.id })).toMatchObject({
      status: "failed",
      lastError: RECORD_CHANGED_MESSAGE,
    });
  });

  it("keeps the status through a temporary resolver failure, recording the error and the check time", async () => {
    const added = await admin.caller.domains.add({ hostname: "flaky.example.com" });
    publishRecord(added);
    const verified = await admin.caller.domains.check({ domainId: added.id });
    expect(verified.status).toBe("verified");

    for (const code of ["ETIMEOUT", "ESERVFAIL"]) {
      h.dns.failWith(added.record.name, code);
      const checked = await admin.caller.domains.check({ domainId: added.id });
      expect(checked.status).toBe("verified");
      expect(checked.lastError).toContain(code);
      expect(checked.lastCheckedAt?.getTime()).toBeGreaterThanOrEqual(verified.lastCheckedAt?.getTime() ?? Number.POSITIVE_INFINITY);
    }
    expect(await verifiedDomains(h.db.db, h.tenantIds.northwave)).toContain("flaky.example.com");

    const pending = await admin.caller.domains.add({ hostname: "flaky-pending.example.com" });
    h.dns.failWith(pending.record.name, "ETIMEOUT");
    expect(await admin.caller.domains.check({ domainId: pending.id })).toMatchObject({ status: "pending" });
  });

  it("fails a domain still pending 7 days after it was added, and verifies it when the record appears", async () => {
    const added = await other.caller.domains.add({ hostname: "late.example.net" });
    await setAddedDaysAgo(added.id, 6);
    expect((await other.caller.domains.check({ domainId: added.id })).status).toBe("pending");

    await setAddedDaysAgo(added.id, 8);
    const expired = await other.caller.domains.check({ domainId: added.id });
    expect(expired).toMatchObject({
      status: "failed",
      lastError: "Not verified within 7 days: no TXT record at _masterchannel-verify.late.example.net",
    });
    publishRecord(added);
    expect(await other.caller.domains.check({ domainId: added.id })).toMatchObject({ status: "verified", lastError: null });
  });

  it("decides each case by the rules, apart from the database", () => {
    const missing = { kind: "missing", detail: "no TXT record at x" } as const;
    const down = { kind: "unavailable", detail: "DNS look-up of x failed (ETIMEOUT)" } as const;
    const at = new Date();
    expect(decideCheck({ status: "pending", verifiedAt: null }, { kind: "match" }, false)).toEqual({
      status: "verified",
      firstVerification: true,
      lastError: null,
    });
    expect(decideCheck({ status: "failed", verifiedAt: at }, { kind: "match" }, true).firstVerification).toBe(false);
    expect(decideCheck({ status: "verified", verifiedAt: at }, down, false).status).toBe("verified");
    expect(decideCheck({ status: "failed", verifiedAt: at }, down, false).status).toBe("failed");
    expect(decideCheck({ status: "pending", verifiedAt: null }, down, true).status).toBe("failed");
    expect(decideCheck({ status: "failed", verifiedAt: null }, missing, true).lastError).toBe(
      "Not verified within 7 days: no TXT record at x",
    );
  });
});

describe("claimed host names", () => {
  it("refuses a host name held by this or another tenant with the same answer, naming no tenant, saving nothing", async () => {
    await admin.caller.domains.add({ hostname: "taken.example.com" });
    const mark = await auditMark(h);
    const again = await clientErrorFrom(admin.caller.domains.add({ hostname: "taken.example.com" }));
    const byOther = await clientErrorFrom(other.caller.domains.add({ hostname: "TAKEN.example.com." }));
    expect(again).toEqual({ code: "CONFLICT", message: HOSTNAME_IN_USE_MESSAGE, fieldErrors: null, formErrors: null });
    expect(byOther).toEqual(again);
    const text = JSON.stringify(byOther).toLowerCase();
    for (const secret of [h.tenantIds.northwave, "northwave", "admin@northwave.test"]) expect(text).not.toContain(secret);

    const holders = await h.db.db.select().from(tenantDomains).where(eq(tenantDomains.hostname, "taken.example.com"));
    expect(holders.map((row) => row.tenantId)).toEqual([h.tenantIds.northwave]);
    expect(await mark.events()).toEqual([]);
    // The refusal left the other tenant's request usable: its next add goes through.
    expect((await other.caller.domains.add({ hostname: "free.example.com" })).status).toBe("pending");
  });

  it("adds one of two tenants claiming the same name at once", async () => {
    const outcomes = await Promise.all([
      codeOf(admin.caller.domains.add({ hostname: "race.example.com" })),
      codeOf(other.caller.domains.add({ hostname: "race.example.com" })),
    ]);
    expect(outcomes.sort()).toEqual(["CONFLICT", "OK"]);
    expect(await h.db.db.select().from(tenantDomains).where(eq(tenantDomains.hostname, "race.example.com"))).toHaveLength(1);
  });
});

describe("bad input", () => {
  it.each([
    ["words with a space", "not a host"],
    ["a label starting with a hyphen", "-bad.example.com"],
    ["a single label", "localhost"],
    ["an IP address", "10.0.0.1"],
    ["a name over 253 characters", `${`${"a".repeat(60)}.`.repeat(5)}com`],
    ["an empty string", ""],
  ])("refuses %s naming hostname, and saves nothing", async (_case, hostname) => {
    const before = await rowsOf(h.tenantIds.northwave);
    const mark = await auditMark(h);
    const error = await clientErrorFrom(admin.caller.domains.add({ hostname }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors?.hostname?.[0]).toMatch(/Host name must be a domain name/);
    expect(await rowsOf(h.tenantIds.northwave)).toEqual(before);
    expect(await mark.events()).toEqual([]);
  });

  it("refuses the console's own host name and names under it", async () => {
    const before = await rowsOf(h.tenantIds.northwave);
    for (const hostname of ["console.test", "shop.console.test"]) {
      const error = await clientErrorFrom(admin.caller.domains.add({ hostname }));
      expect(error).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { hostname: [CONSOLE_HOSTNAME_MESSAGE] } });
    }
    expect(await rowsOf(h.tenantIds.northwave)).toEqual(before);
  });

  it(`refuses a ${MAX_DOMAINS_PER_TENANT + 1}th domain`, async () => {
    const beatlab = await h.as("admin@beatlab.test");
    const existing = (await beatlab.caller.domains.list()).length;
    for (let i = existing; i < MAX_DOMAINS_PER_TENANT; i++) await beatlab.caller.domains.add({ hostname: `d${i}.beatlab-example.com` });
    const refused = await clientErrorFrom(beatlab.caller.domains.add({ hostname: "one-more.beatlab-example.com" }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/at most 5 domains/);
    expect(await rowsOf(h.tenantIds.beatlab)).toHaveLength(MAX_DOMAINS_PER_TENANT);
    // Removing one makes room again.
    const [first] = await beatlab.caller.domains.list();
    await beatlab.caller.domains.remove({ domainId: first?.id as string });
    expect((await beatlab.caller.domains.add({ hostname: "one-more.beatlab-example.com" })).status).toBe("pending");
  });
});

describe("access", () => {
  it("lets a viewer read but not add, check or remove", async () => {
    const domain = await admin.caller.domains.add({ hostname: "viewer-test.example.com" });
    expect((await viewer.caller.domains.list()).map((d) => d.id)).toContain(domain.id);
    const before = await rowOf(domain.id);
    expect(await codeOf(viewer.caller.domains.add({ hostname: "viewer-added.example.com" }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.caller.domains.check({ domainId: domain.id }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.caller.domains.remove({ domainId: domain.id }))).toBe("FORBIDDEN");
    expect(await rowOf(domain.id)).toEqual(before);
    expect(await h.db.db.select().from(tenantDomains).where(eq(tenantDomains.hostname, "viewer-added.example.com"))).toEqual([]);
  });

  it("shows another tenant none of Northwave's domains, and answers NOT_FOUND to its check and remove", async () => {
    const domain = await admin.caller.domains.add({ hostname: "private.example.com" });
    const before = await rowOf(domain.id);
    const lookups = h.dns.lookups.length;
    const listed = JSON.stringify(await other.caller.domains.list());
    expect(listed).not.toContain(domain.id);
    expect(listed).not.toContain("private.example.com");
    expect(await codeOf(other.caller.domains.check({ domainId: domain.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.caller.domains.remove({ domainId: domain.id }))).toBe("NOT_FOUND");
    expect(await rowOf(domain.id)).toEqual(before);
    expect(h.dns.lookups.length).toBe(lookups);
  });

  it("lets an operator admin manage the domains of the tenant they switched to", async () => {
    const operator = await h.as("admin@masterchannel.test");
    await operator.caller.auth.switchTenant({ tenantId: h.tenantIds.northwave });
    const domain = await operator.caller.domains.add({ hostname: "operator.example.com" });
    expect((await rowOf(domain.id)).tenantId).toBe(h.tenantIds.northwave);
    await operator.caller.domains.remove({ domainId: domain.id });
    expect(await codeOf(operator.caller.domains.check({ domainId: domain.id }))).toBe("NOT_FOUND");
  });
});

describe("audit trail", () => {
  it("records add, each status change and remove with before and after, and nothing for a check that changes nothing", async () => {
    const mark = await auditMark(h);
    const domain = await admin.caller.domains.add({ hostname: "audited.example.com" });
    await admin.caller.domains.check({ domainId: domain.id }); // still pending: no event
    publishRecord(domain);
    await admin.caller.domains.check({ domainId: domain.id });
    await admin.caller.domains.check({ domainId: domain.id }); // still verified: no event
    await admin.caller.domains.remove({ domainId: domain.id });

    const events = await mark.events();
    expect(events.map((e) => e.action)).toEqual(["domains.add", "domains.check", "domains.remove"]);
    expect(
      events.every(
        (e) =>
          e.tenantId === h.tenantIds.northwave &&
          e.actorLabel === "admin@northwave.test" &&
          e.targetType === "tenant_domain" &&
          e.targetId === domain.id,
      ),
    ).toBe(true);
    expect(events[0]).toMatchObject({ before: null, after: { hostname: "audited.example.com", status: "pending" } });
    expect(events[1]).toMatchObject({ before: { status: "pending", verifiedAt: null }, after: { status: "verified" } });
    expect(events[2]).toMatchObject({ before: { hostname: "audited.example.com", status: "verified" }, after: null });
    // The token is not copied into the audit trail.
    expect(JSON.stringify(events)).not.toContain(domain.record.value.slice("mc-verify=".length));
    expect(await h.db.db.select().from(tenantDomains).where(eq(tenantDomains.id, domain.id))).toEqual([]);
  });
});

describe("the system resolver", () => {
  it("gives up at its deadline with ETIMEOUT when the name server never answers", async () => {
    // A name server that swallows every query.
    const silent = createSocket("udp4");
    await new Promise<void>((resolve) => silent.bind(0, "127.0.0.1", resolve));
    try {
      const resolver = createNodeResolver({ timeoutMs: 200, servers: [`127.0.0.1:${silent.address().port}`] });
      const started = Date.now();
      const error = await resolver.resolveTxt("_masterchannel-verify.shop.example.com").catch((caught: unknown) => caught);
      expect((error as { code?: string }).code).toBe("ETIMEOUT");
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await lookupVerification(resolver, "shop.example.com", "token")).toMatchObject({ kind: "unavailable" });
    } finally {
      silent.close();
    }
  });
});
