/**
 * Demo data: the operator, its three staff accounts, three partner tenants with an admin and a
 * viewer each, and each tenant's storefront: published branding (logo and favicon included), price
 * books in NOK, EUR and USD (Northwave's NOK with a price change scheduled a month ahead) and, for
 * Fjordsound, a custom domain awaiting its DNS check; and the policy documents (seed-policies.ts):
 * privacy policy 1.0, 1.1 and the material 2.0 with its re-consent wave, the terms of service, and
 * Northwave's addendum; with the consent option, a year of consent events (seed-consent.ts).
 * Loaded on first start when the database is empty, and by `npm run db:seed`.
 */
import { createHash, randomBytes } from "node:crypto";
import { type BrandingColors, type CurrencyCode, DEFAULT_REVENUE_SHARE_BPS, type TaxBehavior } from "@pc/shared";
import { eq, sql } from "drizzle-orm";
import { appendAuditEvent } from "./audit-chain.js";
import type { Database, Transaction } from "./client.js";
import type { CheckpointSigner } from "./consent-ledger.js";
import { applyRlsContext, SYSTEM_CONTEXT } from "./context.js";
import { hashPassword } from "./passwords.js";
import {
  brandAssets,
  brandingVersions,
  operatorProfile,
  type PriceBundleRow,
  priceBookVersions,
  tenantDomains,
  tenantMemberships,
  tenants,
  users,
} from "./schema/index.js";
import { type SeedConsentEventsResult, seedConsentKeys, seedDemoConsentEvents } from "./seed-consent.js";
import { seedPolicies } from "./seed-policies.js";

export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_OPERATOR = {
  name: "Masterchannel AS",
  legalName: "Masterchannel AS",
  supportEmail: "support@masterchannel.ai",
} as const;

export const DEMO_STAFF = [
  { email: "admin@masterchannel.test", name: "Ada Solberg", role: "operator_admin" },
  { email: "compliance@masterchannel.test", name: "Conrad Aas", role: "compliance" },
  { email: "finance@masterchannel.test", name: "Frida Haugen", role: "finance" },
] as const;

export const DEMO_TENANTS = [
  { slug: "northwave", name: "Northwave", adminName: "Nora Berg", viewerName: "Vilde Strand" },
  { slug: "fjordsound", name: "Fjordsound", adminName: "Fredrik Lie", viewerName: "Ingrid Dahl" },
  { slug: "beatlab", name: "Beatlab", adminName: "Bjørn Hansen", viewerName: "Lea Moen" },
] as const;

export type DemoTenantSlug = (typeof DEMO_TENANTS)[number]["slug"];

export interface DemoPriceVersion {
  perTrack: number;
  bundles: PriceBundleRow[];
  /** Days after seeding the version takes effect: negative is already in effect, positive is scheduled. */
  effectiveInDays: number;
  changeSummary: string;
}

export interface DemoPriceBook {
  currency: CurrencyCode;
  taxBehavior: TaxBehavior;
  /** Published as versions 1, 2, … in this order. */
  versions: DemoPriceVersion[];
}

export interface DemoStorefront {
  displayName: string;
  legalName: string;
  legalAddress: string;
  supportEmail: string;
  colors: BrandingColors;
  /** Hand-written SVG: plain shapes, no script, no event handler, no external reference. */
  logoSvg: string;
  faviconSvg: string;
  /** Custom host names, all still waiting for their DNS TXT record. */
  pendingDomains: string[];
  prices: DemoPriceBook[];
}

/** Amounts in minor units; the colours pass checkBrandingContrast (asserted by seed.test.ts). */
export const DEMO_STOREFRONTS: Record<DemoTenantSlug, DemoStorefront> = {
  northwave: {
    displayName: "Northwave Records",
    legalName: "Northwave Records AS",
    legalAddress: "Storgata 12, 0155 Oslo, Norway",
    supportEmail: "support@northwave.test",
    colors: {
      light: { primary: "#1f6feb", accent: "#bc4c00", background: "#ffffff", text: "#1f2328" },
      dark: { primary: "#58a6ff", accent: "#ffa657", background: "#0d1117", text: "#e6edf3" },
    },
    logoSvg: `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect width="256" height="256" rx="56" fill="#1f6feb"/>
  <path d="M40 104c22-28 44-28 66 0s44 28 66 0 30-20 44-12" fill="none" stroke="#9ecbff" stroke-width="18" stroke-linecap="round"/>
  <path d="M40 160c22-28 44-28 66 0s44 28 66 0 30-20 44-12" fill="none" stroke="#ffffff" stroke-width="18" stroke-linecap="round"/>
</svg>
`,
    faviconSvg: `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="14" fill="#1f6feb"/>
  <path d="M10 36c6-8 11-8 17 0s11 8 17 0 8-6 11-3" fill="none" stroke="#ffffff" stroke-width="6" stroke-linecap="round"/>
</svg>
`,
    pendingDomains: [],
    prices: [
      {
        currency: "NOK",
        taxBehavior: "inclusive",
        versions: [
          {
            perTrack: 14900,
            bundles: [
              { tracks: 5, unitAmount: 59900 },
              { tracks: 10, unitAmount: 99900 },
            ],
            effectiveInDays: -200,
            changeSummary: "Launch prices",
          },
          {
            perTrack: 15900,
            bundles: [
              { tracks: 5, unitAmount: 64900 },
              { tracks: 10, unitAmount: 109900 },
            ],
            effectiveInDays: 30,
            changeSummary: "New prices from next month",
          },
        ],
      },
      {
        currency: "EUR",
        taxBehavior: "inclusive",
        versions: [{ perTrack: 1290, bundles: [{ tracks: 5, unitAmount: 4990 }], effectiveInDays: -200, changeSummary: "Launch prices" }],
      },
      {
        currency: "USD",
        taxBehavior: "exclusive",
        versions: [{ perTrack: 1399, bundles: [{ tracks: 5, unitAmount: 5499 }], effectiveInDays: -200, changeSummary: "Launch prices" }],
      },
    ],
  },
  fjordsound: {
    displayName: "Fjordsound Studio",
    legalName: "Fjordsound Studio AS",
    legalAddress: "Bryggen 5, 5003 Bergen, Norway",
    supportEmail: "support@fjordsound.test",
    colors: {
      light: { primary: "#0f766e", accent: "#047857", background: "#f6fbf9", text: "#12302b" },
      dark: { primary: "#2dd4bf", accent: "#86efac", background: "#0b1f1c", text: "#e2f3ef" },
    },
    logoSvg: `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect width="256" height="256" rx="56" fill="#0f766e"/>
  <path d="M24 176 92 72l40 60 28-36 72 80z" fill="#ccfbf1"/>
  <rect x="48" y="192" width="160" height="12" rx="6" fill="#5eead4"/>
  <rect x="80" y="214" width="96" height="12" rx="6" fill="#5eead4"/>
</svg>
`,
    faviconSvg: `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="14" fill="#0f766e"/>
  <path d="M6 46 23 18l10 15 7-9 18 22z" fill="#ccfbf1"/>
</svg>
`,
    pendingDomains: ["master.fjordsound.no"],
    prices: [
      {
        currency: "NOK",
        taxBehavior: "inclusive",
        versions: [{ perTrack: 12900, bundles: [{ tracks: 5, unitAmount: 54900 }], effectiveInDays: -210, changeSummary: "Launch prices" }],
      },
      {
        currency: "EUR",
        taxBehavior: "inclusive",
        versions: [{ perTrack: 1190, bundles: [{ tracks: 5, unitAmount: 4590 }], effectiveInDays: -210, changeSummary: "Launch prices" }],
      },
      {
        currency: "USD",
        taxBehavior: "exclusive",
        versions: [{ perTrack: 1299, bundles: [{ tracks: 5, unitAmount: 4999 }], effectiveInDays: -210, changeSummary: "Launch prices" }],
      },
    ],
  },
  beatlab: {
    // Dark first: the dark theme is the brand's own look; the light theme keeps the same bold hues.
    displayName: "Beatlab",
    legalName: "Beatlab Produksjon AS",
    legalAddress: "Olav Tryggvasons gate 40, 7011 Trondheim, Norway",
    supportEmail: "support@beatlab.test",
    colors: {
      light: { primary: "#7c3aed", accent: "#be185d", background: "#fdf8ff", text: "#1a1025" },
      dark: { primary: "#d946ef", accent: "#a3e635", background: "#09090b", text: "#f4f4f5" },
    },
    logoSvg: `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect width="256" height="256" rx="56" fill="#09090b"/>
  <circle cx="128" cy="128" r="84" fill="none" stroke="#d946ef" stroke-width="16"/>
  <rect x="84" y="112" width="18" height="48" rx="9" fill="#a3e635"/>
  <rect x="119" y="84" width="18" height="104" rx="9" fill="#a3e635"/>
  <rect x="154" y="100" width="18" height="72" rx="9" fill="#a3e635"/>
</svg>
`,
    faviconSvg: `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="14" fill="#09090b"/>
  <rect x="17" y="26" width="8" height="16" rx="4" fill="#a3e635"/>
  <rect x="28" y="16" width="8" height="36" rx="4" fill="#d946ef"/>
  <rect x="39" y="22" width="8" height="24" rx="4" fill="#a3e635"/>
</svg>
`,
    pendingDomains: [],
    prices: [
      {
        currency: "NOK",
        taxBehavior: "inclusive",
        versions: [
          {
            perTrack: 9900,
            bundles: [
              { tracks: 3, unitAmount: 24900 },
              { tracks: 10, unitAmount: 69900 },
            ],
            effectiveInDays: -195,
            changeSummary: "Launch prices",
          },
        ],
      },
      {
        currency: "EUR",
        taxBehavior: "inclusive",
        versions: [{ perTrack: 890, bundles: [{ tracks: 3, unitAmount: 2190 }], effectiveInDays: -195, changeSummary: "Launch prices" }],
      },
      {
        currency: "USD",
        taxBehavior: "exclusive",
        versions: [{ perTrack: 999, bundles: [{ tracks: 3, unitAmount: 2499 }], effectiveInDays: -195, changeSummary: "Launch prices" }],
      },
    ],
  },
};

/** Branding is published this many days before seeding. */
const BRANDING_PUBLISHED_DAYS_AGO = 14;
const SEED_ACTOR = { actorUserId: null, actorLabel: "demo seed", requestId: null, ip: null } as const;

export interface SeedResult {
  seeded: boolean;
  /** With the consent option: the events and checkpoints loaded. */
  consent?: SeedConsentEventsResult;
}

export interface SeedOptions {
  /** Also load this many demo consent events, checkpointed with `signer` (none without it: tests' template stays small). */
  consent?: { events: number; signer: CheckpointSigner };
}

/** Seeds when the database holds no users; otherwise leaves it as it is. */
export async function seedDemoData(db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const existing = await db.select({ id: users.id }).from(users).limit(1);
  if (existing.length > 0) return { seeded: false };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seededAt = new Date();
  const seeded = await db.transaction(async (tx) => {
    // Servers starting together on an empty database: one seeds, the others wait here, then find it done.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('partner-console:demo-seed'))`);
    const [someone] = await tx.select({ id: users.id }).from(users).limit(1);
    if (someone) return false;
    await applyRlsContext(tx, SYSTEM_CONTEXT);
    await tx
      .insert(operatorProfile)
      .values({ id: 1, ...DEMO_OPERATOR })
      .onConflictDoNothing();
    for (const staff of DEMO_STAFF) {
      await tx.insert(users).values({ email: staff.email, name: staff.name, operatorRole: staff.role, passwordHash, isDemo: true });
    }
    for (const tenant of DEMO_TENANTS) {
      const [row] = await tx.insert(tenants).values({ slug: tenant.slug, name: tenant.name }).returning({ id: tenants.id });
      if (!row) throw new Error(`could not create tenant ${tenant.slug}`);
      const people = [
        { email: `admin@${tenant.slug}.test`, name: tenant.adminName, role: "partner_admin" as const },
        { email: `viewer@${tenant.slug}.test`, name: tenant.viewerName, role: "partner_viewer" as const },
      ];
      const userIds: string[] = [];
      for (const person of people) {
        const [user] = await tx
          .insert(users)
          .values({ email: person.email, name: person.name, passwordHash, isDemo: true })
          .returning({ id: users.id });
        if (!user) throw new Error(`could not create ${person.email}`);
        await tx.insert(tenantMemberships).values({ tenantId: row.id, userId: user.id, role: person.role });
        userIds.push(user.id);
      }
      await appendAuditEvent(tx, {
        ...SEED_ACTOR,
        tenantId: row.id,
        action: "tenant.create",
        targetType: "tenant",
        targetId: row.id,
        before: null,
        after: { slug: tenant.slug, name: tenant.name },
      });
      const adminId = userIds[0] as string;
      await seedStorefront(tx, { tenantId: row.id, slug: tenant.slug, adminId, seededAt }, DEMO_STOREFRONTS[tenant.slug]);
      await seedConsentKeys(tx, row.id, tenant.slug);
    }
    // After the tenants: a material version asks every tenant's users to consent again.
    await seedPolicies(tx, seededAt);
    return true;
  });
  if (!seeded) return { seeded: false };
  if (!options.consent) return { seeded: true };
  // In transactions of their own: a year of events is too much for one.
  const consent = await seedDemoConsentEvents(db, { ...options.consent, seededAt });
  return { seeded: true, consent };
}

interface SeedTarget {
  tenantId: string;
  slug: string;
  /** The tenant's partner admin: publisher and creator of its storefront's rows. */
  adminId: string;
  seededAt: Date;
}

const daysFrom = (from: Date, days: number) => new Date(from.getTime() + days * 24 * 60 * 60 * 1000);

async function seedStorefront(tx: Transaction, target: SeedTarget, storefront: DemoStorefront): Promise<void> {
  const { tenantId, slug, adminId, seededAt } = target;
  const logoAssetId = await insertSvgAsset(tx, target, "logo", storefront.logoSvg);
  const faviconAssetId = await insertSvgAsset(tx, target, "favicon", storefront.faviconSvg);

  const publishedAt = daysFrom(seededAt, -BRANDING_PUBLISHED_DAYS_AGO);
  const [branding] = await tx
    .insert(brandingVersions)
    .values({
      tenantId,
      status: "published",
      version: 1,
      displayName: storefront.displayName,
      legalName: storefront.legalName,
      legalAddress: storefront.legalAddress,
      supportEmail: storefront.supportEmail,
      logoAssetId,
      faviconAssetId,
      colors: storefront.colors,
      poweredBy: true,
      effectiveFrom: publishedAt,
      changeSummary: "Launch branding",
      createdBy: adminId,
      publishedBy: adminId,
      publishedAt,
      createdAt: publishedAt,
      updatedAt: publishedAt,
    })
    .returning();
  if (!branding) throw new Error(`could not create the branding of ${slug}`);
  await appendAuditEvent(tx, {
    ...SEED_ACTOR,
    tenantId,
    action: "branding.publish",
    targetType: "branding_version",
    targetId: branding.id,
    before: null,
    after: versionSnapshot(branding),
  });

  for (const book of storefront.prices) {
    for (const [index, version] of book.versions.entries()) {
      const effectiveFrom = daysFrom(seededAt, version.effectiveInDays);
      // A scheduled version was published at seeding; one already in effect when it took effect.
      const published = version.effectiveInDays > 0 ? seededAt : effectiveFrom;
      const [row] = await tx
        .insert(priceBookVersions)
        .values({
          tenantId,
          currency: book.currency,
          status: "published",
          version: index + 1,
          perTrackAmount: version.perTrack,
          bundles: version.bundles,
          taxBehavior: book.taxBehavior,
          revenueShareBps: DEFAULT_REVENUE_SHARE_BPS,
          effectiveFrom,
          changeSummary: version.changeSummary,
          createdBy: adminId,
          publishedBy: adminId,
          publishedAt: published,
          createdAt: published,
          updatedAt: published,
        })
        .returning();
      if (!row) throw new Error(`could not create the ${book.currency} prices of ${slug}`);
      await appendAuditEvent(tx, {
        ...SEED_ACTOR,
        tenantId,
        action: "prices.publish",
        targetType: "price_book_version",
        targetId: row.id,
        before: null,
        after: versionSnapshot(row),
      });
    }
  }

  for (const hostname of storefront.pendingDomains) {
    const [domain] = await tx
      .insert(tenantDomains)
      .values({ tenantId, hostname, token: randomBytes(32).toString("base64url"), status: "pending", createdBy: adminId })
      .returning();
    if (!domain) throw new Error(`could not add the domain ${hostname}`);
    await appendAuditEvent(tx, {
      ...SEED_ACTOR,
      tenantId,
      action: "domains.add",
      targetType: "tenant_domain",
      targetId: domain.id,
      before: null,
      after: { id: domain.id, hostname: domain.hostname, status: domain.status, lastCheckedAt: null, verifiedAt: null, lastError: null },
    });
  }
}

interface SeededVersion {
  tenantId: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedBy: string | null;
  publishedAt: Date | null;
}

/** What the audit trail keeps of a seeded version: its values, without bookkeeping columns. */
function versionSnapshot<T extends SeededVersion>(row: T) {
  const { tenantId: _t, createdBy: _cb, createdAt: _ca, updatedAt: _ua, publishedBy: _pb, publishedAt: _pa, ...values } = row;
  return values;
}

/** Stores a hand-written SVG as a brand asset; its size is the viewBox's. */
async function insertSvgAsset(tx: Transaction, target: SeedTarget, kind: "logo" | "favicon", svg: string): Promise<string> {
  const bytes = Buffer.from(svg, "utf8");
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!viewBox) throw new Error(`the demo ${kind} of ${target.slug} has no viewBox`);
  const [asset] = await tx
    .insert(brandAssets)
    .values({
      tenantId: target.tenantId,
      kind,
      contentType: "image/svg+xml",
      bytes,
      byteSize: bytes.byteLength,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      width: Number(viewBox[1]),
      height: Number(viewBox[2]),
      fileName: `${target.slug}-${kind}.svg`,
      createdBy: target.adminId,
    })
    .returning({
      id: brandAssets.id,
      kind: brandAssets.kind,
      contentType: brandAssets.contentType,
      byteSize: brandAssets.byteSize,
      width: brandAssets.width,
      height: brandAssets.height,
      fileName: brandAssets.fileName,
      sha256: brandAssets.sha256,
    });
  if (!asset) throw new Error(`could not store the ${kind} of ${target.slug}`);
  // As an upload records it: what was stored, never the bytes.
  await appendAuditEvent(tx, {
    ...SEED_ACTOR,
    tenantId: target.tenantId,
    action: "branding.upload_asset",
    targetType: "brand_asset",
    targetId: asset.id,
    before: null,
    after: asset,
  });
  return asset.id;
}

/** Production refuses to start while any demo account exists. */
export async function hasDemoAccounts(db: Database): Promise<boolean> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.isDemo, true));
  return (rows[0]?.n ?? 0) > 0;
}
