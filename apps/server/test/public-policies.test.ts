/**
 * GET /api/public/tenants/:slug/policies/:kind over HTTP: a tenant's policy as its storefront shows
 * it (the operator's template in force with the tenant's addendum and values), read without a
 * session from any origin, cached by ETag; `?version=` serves an earlier version exactly as it was
 * shown, whatever changed since; hostile markdown renders inert; every distinct text is recorded
 * once, and the record never changes. The demo seed gives privacy 1.0, 1.1 and the material 2.0 (in
 * force), terms 1.0, and Northwave's addendum 1.
 */
import { createHash } from "node:crypto";
import { brandingVersions, policyRenditions, policyVersions, tenants } from "@pc/db";
import { refusalOf } from "@pc/db/testing";
import { policyContentSha256 } from "@pc/shared";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { createHarness, type Harness, TEST_SESSION_SECRET } from "./harness.js";

const PUBLIC_URL = "https://console.example.com";
const STOREFRONT = "https://shop.northwave.example";

let h: Harness;
let app: FastifyInstance;

beforeAll(async () => {
  h = await createHarness();
  app = await buildApp({ db: h.db.db, dbKind: h.db.kind, publicUrl: PUBLIC_URL, logLevel: "silent", sessionSecret: TEST_SESSION_SECRET });
});
afterAll(async () => {
  await app.close();
  await h.close();
});

const policyOf = (slug: string, kind: string, query = "", headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url: `/api/public/tenants/${slug}/policies/${kind}${query}`, headers });

/** The body of a 200, failing the test on any other status. */
async function bodyOf(slug: string, kind: string, query = "") {
  const res = await policyOf(slug, kind, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function seededVersion(kind: "privacy" | "terms", major: number, minor: number) {
  const [row] = await h.db.db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.kind, kind), eq(policyVersions.major, major), eq(policyVersions.minor, minor)));
  if (!row) throw new Error(`no ${kind} ${major}.${minor}`);
  return row;
}

/** A published branding version with a new display name, inserted as the table owner. */
async function rename(tenantId: string, displayName: string, legalName = "Renamed AS") {
  const [latest] = await h.db.db
    .select({ max: sql<number>`max(${brandingVersions.version})::int` })
    .from(brandingVersions)
    .where(eq(brandingVersions.tenantId, tenantId));
  await h.db.db.insert(brandingVersions).values({
    tenantId,
    status: "published",
    version: (latest?.max ?? 0) + 1,
    displayName,
    legalName,
    legalAddress: "Somewhere 1, 0001 Oslo, Norway",
    supportEmail: "help@renamed.test",
    colors: {
      light: { primary: "#1f6feb", accent: "#0550ae", background: "#ffffff", text: "#1f2328" },
      dark: { primary: "#58a6ff", accent: "#ffa657", background: "#0d1117", text: "#e6edf3" },
    },
    effectiveFrom: new Date(Date.now() - 1000),
    publishedAt: new Date(),
  });
}

/** A published editorial privacy version, inserted directly with the given effective time. */
async function insertPrivacyVersion(minor: number, effectiveFrom: Date, marker: string) {
  const base = await seededVersion("privacy", 2, 0);
  const content = { title: base.title, markdown: `${base.markdown}\n${marker}\n`, purposes: base.purposes };
  await h.db.db.insert(policyVersions).values({
    kind: "privacy",
    status: "published",
    material: false,
    major: 2,
    minor,
    ...content,
    changeSummary: marker,
    sha256: policyContentSha256(content),
    effectiveFrom,
    publishedAt: new Date(),
  });
}

describe("the policy in force", () => {
  it("answers Northwave's privacy policy 2.0 with its addendum, values, purposes and re-consent, in the documented shape", async () => {
    const res = await policyOf("northwave", "privacy");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=60, stale-while-revalidate=300");
    const body = res.json();
    expect(Object.keys(body)).toEqual([
      "tenant",
      "kind",
      "version",
      "addendumVersion",
      "effectiveAt",
      "sha256",
      "title",
      "html",
      "markdown",
      "purposes",
      "reconsentSince",
      "reconsent",
    ]);
    const v2 = await seededVersion("privacy", 2, 0);
    expect(body).toMatchObject({
      tenant: { slug: "northwave" },
      kind: "privacy",
      version: "2.0",
      addendumVersion: 1,
      effectiveAt: v2.effectiveFrom?.toISOString(),
      title: "Privacy Policy",
      reconsentSince: "2.0",
      reconsent: { since: v2.effectiveFrom?.toISOString(), summary: v2.changeSummary },
    });
    expect(body.sha256).toBe(sha256Hex(body.markdown));
    // The template filled with Northwave's published branding and the operator's profile, then the addendum.
    expect(body.markdown).toMatch(/^# Privacy Policy\n\nLast Updated: \d{4}-\d\d-\d\d \(version 2\.0\)/);
    expect(body.markdown).toContain(`Last Updated: ${v2.effectiveFrom?.toISOString().slice(0, 10)} (version 2.0)`);
    expect(body.markdown).toContain(
      "offered through one of our partners, Northwave Records AS (“Partner”), but powered by Masterchannel AS",
    );
    expect(body.markdown).toContain("Northwave Records AS, Storgata 12, 0155 Oslo, Norway, support@northwave.test");
    expect(body.markdown).toContain("the privacy team of Masterchannel AS at support@masterchannel.ai");
    expect(body.markdown).toContain("\n\n---\n\n## Northwave Records Addendum\n");
    expect(body.markdown).not.toContain("{{");
    expect(body.html).toContain('<h1 id="section-privacy-policy">Privacy Policy</h1>');
    expect(body.html).toContain("<hr>");
    expect(body.html).toContain('<h2 id="section-northwave-records-addendum">Northwave Records Addendum</h2>');
    expect(body.html).not.toContain("{{");
    expect(body.purposes.map((purpose: { key: string }) => purpose.key)).toEqual([
      "preferences",
      "stripe_checkout",
      "audio_mastering_data",
      "tidio",
      "product_analytics",
    ]);
    expect(body.purposes[3]).toEqual({
      key: "tidio",
      name: "Tidio Support Chat",
      description: expect.stringContaining("Tidio LLC"),
      category: "functional",
      legalBasis: "6(1)(a)",
      vendor: { name: "Tidio", legalEntity: "Tidio LLC" },
      transfer: { destination: "USA", mechanism: "EU-US Data Privacy Framework" },
      retention: expect.any(String),
      optIn: true,
    });
    expect(body.purposes[4]).toMatchObject({ key: "product_analytics", category: "analytics", optIn: true });
    // Nothing internal: no ids of tenants, rows or people.
    expect(res.body).not.toContain(h.tenantIds.northwave);
    expect(res.body).not.toContain(v2.id);
  });

  it("fills each tenant's own values, with no addendum where it has none; the terms define no purposes", async () => {
    const fjordsound = await bodyOf("fjordsound", "privacy");
    expect(fjordsound).toMatchObject({ tenant: { slug: "fjordsound" }, version: "2.0", addendumVersion: null, reconsentSince: "2.0" });
    expect(fjordsound.markdown).toContain("Fjordsound Studio AS");
    expect(fjordsound.markdown).not.toContain("\n---\n");
    expect(fjordsound.markdown.toLowerCase()).not.toContain("northwave");

    const terms = await bodyOf("beatlab", "terms");
    expect(terms).toMatchObject({
      kind: "terms",
      version: "1.0",
      addendumVersion: null,
      effectiveAt: "2026-02-12T00:00:00.000Z",
      title: "Terms of Service",
      purposes: [],
      reconsentSince: null,
      reconsent: null,
    });
    expect(terms.markdown).toContain("sold by Beatlab Produksjon AS, Olav Tryggvasons gate 40, 7011 Trondheim, Norway (“Beatlab”");
  });

  it("fills clear placeholders for a tenant without branding, and asks its users to re-consent without a requirement of its own", async () => {
    await h.db.db.insert(tenants).values({ slug: "plain-audio", name: "Plain Audio" });
    const body = await bodyOf("plain-audio", "privacy");
    expect(body.markdown).toContain("one of our partners, [partner legal name not published yet] (“Partner”)");
    expect(body.markdown).toContain("please contact Plain Audio at [partner support email not published yet]");
    expect(body).toMatchObject({ reconsentSince: "2.0", reconsent: null, addendumVersion: null });
  });

  it("records each distinct text once, with the values used, and serves the same body again", async () => {
    const first = await policyOf("northwave", "privacy");
    const second = await policyOf("northwave", "privacy");
    expect(second.body).toBe(first.body);
    const rows = await h.db.db
      .select()
      .from(policyRenditions)
      .where(and(eq(policyRenditions.tenantId, h.tenantIds.northwave), eq(policyRenditions.kind, "privacy")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      version: "2.0",
      addendumVersion: 1,
      sha256: first.json().sha256,
      markdown: first.json().markdown,
      title: "Privacy Policy",
    });
    expect(rows[0]?.variables).toMatchObject({
      "partner.name": "Northwave Records",
      "partner.legalName": "Northwave Records AS",
      "operator.name": "Masterchannel AS",
      "policy.version": "2.0",
    });
  });
});

describe("HTTP", () => {
  it("needs no session, sets no cookie, and is open to any origin without credentials", async () => {
    const res = await policyOf("northwave", "privacy", "", { origin: STOREFRONT });
    expect(res.statusCode).toBe(200);
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["access-control-expose-headers"]).toBe("ETag");
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(res.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    const preflight = await app.inject({
      method: "OPTIONS",
      url: "/api/public/tenants/northwave/policies/privacy?version=1.0",
      headers: { origin: STOREFRONT, "access-control-request-method": "GET", "access-control-request-headers": "if-none-match" },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("*");
  });

  it("has a strong ETag of the body; a match answers 304 without a body; HEAD answers the same headers", async () => {
    const first = await policyOf("fjordsound", "privacy");
    const etag = String(first.headers.etag);
    expect(etag).toBe(`"${createHash("sha256").update(first.body).digest("base64url")}"`);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const cached = await policyOf("fjordsound", "privacy", "", { "if-none-match": ifNoneMatch, origin: STOREFRONT });
      expect(cached.statusCode, ifNoneMatch).toBe(304);
      expect(cached.body).toBe("");
      expect(cached.headers.etag).toBe(etag);
      expect(cached.headers["access-control-allow-origin"]).toBe("*");
    }
    expect((await policyOf("fjordsound", "privacy", "", { "if-none-match": '"stale"' })).statusCode).toBe(200);
    // Another version is another body, hence another ETag.
    expect((await policyOf("fjordsound", "privacy", "?version=1.0")).headers.etag).not.toBe(etag);
    const head = await app.inject({ method: "HEAD", url: "/api/public/tenants/fjordsound/policies/privacy" });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers.etag).toBe(etag);
  });

  it("answers an unknown tenant, kind or version with the config route's JSON 404", async () => {
    await h.db.db.insert(tenants).values({ slug: "gone-audio", name: "Gone Audio", status: "suspended" });
    const cases: [string, string][] = [
      ["/tenants/nobody/policies/privacy", "No storefront named nobody"],
      ["/tenants/gone-audio/policies/privacy", "No storefront named gone-audio"],
      ["/tenants/NOT_A_SLUG/policies/privacy", "No storefront named NOT_A_SLUG"],
      ["/tenants/northwave/policies/cookies", "No policy document named cookies"],
      ["/tenants/northwave/policies/privacy?version=9.9", "No version 9.9 of the privacy policy"],
      ["/tenants/northwave/policies/terms?version=2.0", "No version 2.0 of the terms of service"],
      ["/tenants/northwave/policies/privacy?version=abc", "No version abc of the privacy policy"],
      ["/tenants/northwave/policies/privacy?version=1.0.1", "No version 1.0.1 of the privacy policy"],
      ["/tenants/northwave/policies/privacy?version=", "No version  of the privacy policy"],
      ["/tenants/northwave/policies/privacy?version=1.0&version=2.0", "No version 1.0,2.0 of the privacy policy"],
    ];
    for (const [path, message] of cases) {
      const res = await app.inject({ method: "GET", url: `/api/public${path}`, headers: { origin: STOREFRONT } });
      expect(res.statusCode, path).toBe(404);
      expect(res.json(), path).toEqual({ error: { code: "NOT_FOUND", message } });
      expect(res.headers["cache-control"], path).toBe("public, max-age=60");
      expect(res.headers["access-control-allow-origin"], path).toBe("*");
    }
  });
});

describe("odd requests", () => {
  it("answers a NUL kind, an over-large or NUL version and bracketed or repeated parameters without a 500, recording nothing", async () => {
    const before = await h.db.db.select({ n: sql<number>`count(*)::int` }).from(policyRenditions);
    const notFound: [string, string][] = [
      ["/tenants/northwave/policies/%00", "No policy document named \u0000"],
      ["/tenants/northwave/policies/__proto__", "No policy document named __proto__"],
      ["/tenants/north%00wave/policies/privacy", "No storefront named north\u0000wave"],
      ["/tenants/northwave/policies/privacy?version=%00", "No version \u0000 of the privacy policy"],
      ["/tenants/northwave/policies/privacy?version=99999999999999999999.0", "No version 99999999999999999999.0 of the privacy policy"],
      ["/tenants/northwave/policies/privacy?version=01.0", "No version 01.0 of the privacy policy"],
      ["/tenants/northwave/policies/privacy?version=2.0&version=2.0", "No version 2.0,2.0 of the privacy policy"],
    ];
    for (const [path, message] of notFound) {
      const res = await app.inject({ method: "GET", url: `/api/public${path}` });
      expect(res.statusCode, path).toBe(404);
      expect(res.json(), path).toEqual({ error: { code: "NOT_FOUND", message } });
    }
    // A bracketed name is another parameter, not `version`: the version in force.
    const bracketed = await app.inject({ method: "GET", url: "/api/public/tenants/northwave/policies/privacy?version[]=1.0" });
    expect(bracketed.statusCode).toBe(200);
    expect(bracketed.json().version).toBe("2.0");
    const after = await h.db.db.select({ n: sql<number>`count(*)::int` }).from(policyRenditions);
    // At most the rendition of the version in force (if no earlier test recorded it yet).
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBeLessThanOrEqual(1);
  });
});

describe("?version", () => {
  it("serves privacy 1.0 as it was: its text, number, date and four purposes; re-consent still points at 2.0", async () => {
    const body = await bodyOf("northwave", "privacy", "?version=1.0");
    expect(body).toMatchObject({
      version: "1.0",
      effectiveAt: "2026-02-12T00:00:00.000Z",
      // Northwave's addendum (effective 2 March 2026) was in force when 1.0 was last shown.
      addendumVersion: 1,
      reconsentSince: "2.0",
    });
    expect(body.markdown).toContain("Last Updated: 2026-02-12 (version 1.0)");
    expect(body.markdown).not.toContain("Product Analytics");
    expect(body.purposes.map((purpose: { key: string }) => purpose.key)).toEqual([
      "preferences",
      "stripe_checkout",
      "audio_mastering_data",
      "tidio",
    ]);
    expect(body.sha256).toBe(sha256Hex(body.markdown));
    expect((await bodyOf("northwave", "privacy", "?version=1.1")).markdown).toContain("(version 1.1)");
  });

  it("keeps serving the text first shown for an older version after the branding changed, while the current version shows the new name", async () => {
    const before = await bodyOf("beatlab", "privacy", "?version=1.0");
    expect(before.markdown).toContain("Beatlab Produksjon AS");
    const currentBefore = await bodyOf("beatlab", "privacy");

    await rename(h.tenantIds.beatlab, "Beatlab Reloaded", "Beatlab Reloaded AS");
    const after = await bodyOf("beatlab", "privacy", "?version=1.0");
    expect(after.sha256).toBe(before.sha256);
    expect(after.markdown).toBe(before.markdown);
    expect(after.html).toBe(before.html);
    expect(after.markdown).not.toContain("Beatlab Reloaded");

    const current = await bodyOf("beatlab", "privacy");
    expect(current.version).toBe("2.0");
    expect(current.markdown).toContain("Beatlab Reloaded AS");
    expect(current.sha256).not.toBe(currentBefore.sha256);
    // The version in force is shown as it is now, with or without ?version.
    expect((await bodyOf("beatlab", "privacy", "?version=2.0")).sha256).toBe(current.sha256);

    const recorded = await h.db.db
      .select({ version: policyRenditions.version, sha256: policyRenditions.sha256 })
      .from(policyRenditions)
      .where(and(eq(policyRenditions.tenantId, h.tenantIds.beatlab), eq(policyRenditions.kind, "privacy")));
    expect(recorded.filter((row) => row.version === "1.0")).toEqual([{ version: "1.0", sha256: before.sha256 }]);
    expect(
      recorded
        .filter((row) => row.version === "2.0")
        .map((row) => row.sha256)
        .sort(),
    ).toEqual([currentBefore.sha256, current.sha256].sort());
  });
});

/**
 * Parses the HTML as a browser would and checks what it would run or load: no script, embedded or
 * loading element, no event handler attribute, no link other than http(s), mailto, a fragment or a
 * same-site path.
 */
function expectInert(html: string) {
  const { document } = new JSDOM(`<body>${html}</body>`).window;
  const elements = [...document.body.querySelectorAll("*")];
  expect(elements.length).toBeGreaterThan(0);
  for (const element of elements) {
    expect(["SCRIPT", "IMG", "SVG", "IFRAME", "OBJECT", "EMBED", "STYLE", "FORM", "INPUT"]).not.toContain(element.tagName.toUpperCase());
    for (const attribute of element.getAttributeNames()) {
      expect(attribute, element.outerHTML).not.toMatch(/^(on|src|style|srcdoc|formaction)/i);
    }
    const href = element.getAttribute("href");
    if (href !== null) expect(href).toMatch(/^(https?:|mailto:|#|\/(?![/\\]))/i);
  }
}

describe("hostile markdown", () => {
  const HOSTILE = `## Our extras

<script>alert("addendum")</script>

<img src=x onerror="alert(1)"> and <a href="javascript:alert(2)">raw link</a>

[click me](javascript:alert(3)) [shout](JAVASCRIPT:alert(4)) [tabbed](java\tscript:alert(5)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==)

<javascript:alert(7)> ![tracker](https://evil.example/pixel.png "x\\" onload=\\"alert(8)")

<svg onload=alert(9)><iframe src="https://evil.example"></iframe>

[fine](https://example.com/help)
`;

  it("renders an approved addendum full of script, handlers and javascript: links inert, and keeps its source", async () => {
    const partner = await h.as("admin@fjordsound.test");
    const compliance = await h.as("compliance@masterchannel.test");
    const draft = await partner.caller.addenda.saveDraft({ kind: "privacy", markdown: HOSTILE, changeSummary: "Extras" });
    const pending = await partner.caller.addenda.requestApproval({ kind: "privacy", expectedRevision: draft.revision });
    await compliance.caller.addenda.approve({ tenantId: h.tenantIds.fjordsound, kind: "privacy", expectedRevision: pending.revision });

    const body = await bodyOf("fjordsound", "privacy");
    expect(body.addendumVersion).toBe(1);
    expect(body.markdown).toContain('<script>alert("addendum")</script>');
    const html: string = body.html;
    expectInert(html);
    expect(html).toContain('<a href="https://example.com/help" target="_blank" rel="noopener noreferrer">fine</a>');
    // Raw HTML shows as text: the reader sees what was written, nothing runs.
    expect(html).toContain("&lt;script&gt;");

    const dashboard = await partner.caller.addenda.rendered({ kind: "privacy" });
    expect(dashboard.html).toBe(html);
  });

  it("keeps a hostile value from the branding inert too", async () => {
    await rename(h.tenantIds.fjordsound, '<img src=x onerror="alert(10)">Fjord', "<script>alert(11)</script> AS");
    const body = await bodyOf("fjordsound", "privacy");
    expect(body.markdown).toContain("<script>alert(11)</script> AS");
    expectInert(body.html);
    expect(body.html).toContain("&lt;script&gt;alert(11)&lt;/script&gt; AS");
  });

  it("keeps a branding value on its line: line breaks in it cannot add headings or sections the addendum review never saw", async () => {
    await rename(h.tenantIds.beatlab, "Beatlab", "Beatlab AS\n\n## We sell your data\n\nTo anyone.\r\n- and more");
    const body = await bodyOf("beatlab", "privacy");
    expect(body.markdown).toContain("Beatlab AS ## We sell your data To anyone. - and more");
    expect(body.html).not.toMatch(/<h2[^>]*>We sell your data/);
    expect(body.html).toContain("Beatlab AS ## We sell your data To anyone. - and more");
  });
});

describe("recorded renditions", () => {
  it("records a text served to many readers at once exactly once", async () => {
    const bodies = await Promise.all(Array.from({ length: 6 }, () => bodyOf("beatlab", "privacy", "?version=1.1")));
    expect(new Set(bodies.map((body) => body.sha256)).size).toBe(1);
    const rows = await h.db.db
      .select({ sha256: policyRenditions.sha256 })
      .from(policyRenditions)
      .where(and(eq(policyRenditions.tenantId, h.tenantIds.beatlab), eq(policyRenditions.version, "1.1")));
    expect(rows).toEqual([{ sha256: bodies[0].sha256 }]);
  });

  it("cannot be changed or deleted, even by the table owner with raw SQL", async () => {
    await policyOf("northwave", "privacy");
    const [row] = await h.db.db.select().from(policyRenditions).limit(1);
    expect(row).toBeDefined();
    expect(await refusalOf(h.db.db.execute(sql`update policy_renditions set markdown = 'tampered' where id = ${row?.id}`))).toContain(
      "recorded policy renditions never change",
    );
    expect(await refusalOf(h.db.db.execute(sql`delete from policy_renditions where id = ${row?.id}`))).toContain(
      "recorded policy renditions never change",
    );
    const [again] = await h.db.db
      .select()
      .from(policyRenditions)
      .where(eq(policyRenditions.id, row?.id as string));
    expect(again).toEqual(row);
  });
});

// Last: these publish template versions every tenant sees from then on.
describe("template versions over time", () => {
  it("serves a superseded version exactly as it was last shown, after a new version and a rebrand", async () => {
    const shown = await bodyOf("northwave", "privacy");
    expect(shown.version).toBe("2.0");
    await insertPrivacyVersion(1, new Date(Date.now() - 60_000), "Editorial 2.1.");
    await rename(h.tenantIds.northwave, "Northwave Sound", "Northwave Sound AS");

    const current = await bodyOf("northwave", "privacy");
    expect(current).toMatchObject({ version: "2.1", reconsentSince: "2.0", addendumVersion: 1 });
    expect(current.markdown).toContain("Editorial 2.1.");
    expect(current.markdown).toContain("Northwave Sound AS");
    // Editorial: consents to 2.0 still count.
    expect(current.reconsent?.summary).toBe((await seededVersion("privacy", 2, 0)).changeSummary);

    const old = await bodyOf("northwave", "privacy", "?version=2.0");
    expect(old.version).toBe("2.0");
    expect(old.sha256).toBe(shown.sha256);
    expect(old.markdown).toBe(shown.markdown);
    expect(old.markdown).not.toContain("Northwave Sound");
  });

  it("shows a scheduled version at its time, not before, without a restart, and changes the ETag", async () => {
    const at = new Date(Date.now() + 1500);
    await insertPrivacyVersion(2, at, "Editorial 2.2.");
    const before = await policyOf("beatlab", "privacy");
    expect(before.json().version).toBe("2.1");
    expect((await policyOf("beatlab", "privacy", "?version=2.2")).statusCode).toBe(404);

    await sleep(Math.max(0, at.getTime() - Date.now()) + 300);
    const after = await policyOf("beatlab", "privacy");
    expect(after.json().version).toBe("2.2");
    expect(after.json().markdown).toContain("Editorial 2.2.");
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((await policyOf("beatlab", "privacy", "", { "if-none-match": String(before.headers.etag) })).statusCode).toBe(200);
  });
});
