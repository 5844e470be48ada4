/**
 * What ingestion looks up for every event, kept in memory for a few seconds so the hot path does
 * not read the database: which tenant a publishable key belongs to, the tenant's subject secret,
 * rate limit and allowed origins, and the policy versions storefronts may name with their purposes.
 * A rotated or expired key, a newly verified domain or a newly published version takes effect
 * within `ttlMs` (an unknown key or version is looked up again at once, at most once a second).
 */
import { randomBytes } from "node:crypto";
import {
  consentDevOrigins,
  consentIngestSettings,
  consentPublishableKeys,
  consentSubjectSecrets,
  type Database,
  policyVersions,
  SYSTEM_CONTEXT,
  tenantDomains,
  tenants,
  withRlsContext,
} from "@pc/db";
import { DEFAULT_BURST, DEFAULT_RATE_PER_SECOND, formatPolicyVersion, type PolicyKind, type PolicyPurpose } from "@pc/shared";
import { and, eq, sql } from "drizzle-orm";

export interface IngestKey {
  keyId: string;
  tenantId: string;
  isDemo: boolean;
  /** Null for the current key; a rotated key works until then. */
  expiresAt: Date | null;
}

export interface IngestTenant {
  id: string;
  slug: string;
  active: boolean;
  secret: Buffer;
  ratePerSecond: number;
  burst: number;
  /** Origins of its verified domains (https://host). */
  origins: ReadonlySet<string>;
}

export interface IngestPolicyVersion {
  sha256: string;
  purposes: readonly PolicyPurpose[];
}

export interface IngestDirectory {
  keyOf(key: string): Promise<IngestKey | null>;
  tenant(tenantId: string): Promise<IngestTenant | null>;
  /** A version storefronts may name: published and in force at some time up to now. */
  policyVersion(kind: PolicyKind, version: string): Promise<IngestPolicyVersion | null>;
  /** The operator's development origins (plus the console's own outside production). */
  devOrigins(): Promise<ReadonlySet<string>>;
  /** Every origin any tenant may post from: for preflight requests, which carry no key. */
  anyTenantOrigin(origin: string): Promise<boolean>;
  /** Forget everything cached (after a key rotation or a settings change in this process). */
  invalidate(): void;
}

export interface IngestDirectoryOptions {
  db: Database;
  ttlMs?: number;
  /** Origins always allowed (the console's own, outside production). */
  extraDevOrigins?: readonly string[];
  now?: () => number;
}

interface Cached<T> {
  value: T;
  at: number;
}

const MAX_CACHED_KEYS = 10_000;
const RETRY_MISS_MS = 1000;

export function createIngestDirectory({ db, ttlMs = 5000, extraDevOrigins = [], now = Date.now }: IngestDirectoryOptions): IngestDirectory {
  const system = <T>(work: Parameters<typeof withRlsContext<T>>[2]) => withRlsContext(db, SYSTEM_CONTEXT, work);
  let keys = new Map<string, Cached<IngestKey | null>>();
  const tenantCache = new Map<string, Cached<IngestTenant | null>>();
  let policies: Cached<Map<string, IngestPolicyVersion>> | null = null;
  let origins: Cached<{ dev: Set<string>; all: Set<string> }> | null = null;
  const pending = new Map<string, Promise<unknown>>();

  /** One look-up at a time per subject, however many requests ask at once. */
  function once<T>(id: string, load: () => Promise<T>): Promise<T> {
    const running = pending.get(id) as Promise<T> | undefined;
    if (running) return running;
    const started = load().finally(() => pending.delete(id));
    pending.set(id, started);
    return started;
  }

  const fresh = (entry: Cached<unknown> | null | undefined, ttl = ttlMs) => entry !== undefined && entry !== null && now() - entry.at < ttl;

  async function loadKey(key: string): Promise<IngestKey | null> {
    const [row] = await system((tx) =>
      tx
        .select({
          keyId: consentPublishableKeys.id,
          tenantId: consentPublishableKeys.tenantId,
          isDemo: consentPublishableKeys.isDemo,
          expiresAt: consentPublishableKeys.expiresAt,
        })
        .from(consentPublishableKeys)
        .where(eq(consentPublishableKeys.key, key))
        .limit(1),
    );
    return row ?? null;
  }

  async function loadTenant(tenantId: string): Promise<IngestTenant | null> {
    return system(async (tx) => {
      const [tenant] = await tx
        .select({ id: tenants.id, slug: tenants.slug, status: tenants.status })
        .from(tenants)
        .where(eq(tenants.id, tenantId));
      if (!tenant) return null;
      // Read first; the secret is made the first time it is needed, and concurrent processes agree
      // on the first one stored.
      let [secret] = await tx
        .select({ secret: consentSubjectSecrets.secret })
        .from(consentSubjectSecrets)
        .where(eq(consentSubjectSecrets.tenantId, tenantId));
      if (!secret) {
        await tx
          .insert(consentSubjectSecrets)
          .values({ tenantId, secret: randomBytes(32).toString("hex") })
          .onConflictDoNothing();
        [secret] = await tx
          .select({ secret: consentSubjectSecrets.secret })
          .from(consentSubjectSecrets)
          .where(eq(consentSubjectSecrets.tenantId, tenantId));
      }
      const [settings] = await tx
        .select({ ratePerSecond: consentIngestSettings.ratePerSecond, burst: consentIngestSettings.burst })
        .from(consentIngestSettings)
        .where(eq(consentIngestSettings.tenantId, tenantId));
      const domains = await tx
        .select({ hostname: tenantDomains.hostname })
        .from(tenantDomains)
        .where(and(eq(tenantDomains.tenantId, tenantId), eq(tenantDomains.status, "verified")));
      return {
        id: tenant.id,
        slug: tenant.slug,
        active: tenant.status === "active",
        secret: Buffer.from(secret?.secret ?? "", "hex"),
        ratePerSecond: settings?.ratePerSecond ?? DEFAULT_RATE_PER_SECOND,
        burst: settings?.burst ?? DEFAULT_BURST,
        origins: new Set(domains.map((domain) => `https://${domain.hostname}`)),
      };
    });
  }

  async function loadPolicies(): Promise<Map<string, IngestPolicyVersion>> {
    const rows = await system((tx) =>
      tx
        .select({
          kind: policyVersions.kind,
          major: policyVersions.major,
          minor: policyVersions.minor,
          sha256: policyVersions.sha256,
          purposes: policyVersions.purposes,
        })
        .from(policyVersions)
        .where(
          and(
            eq(policyVersions.status, "published"),
            sql`${policyVersions.effectiveFrom} <= now()`,
            // Withdrawn before it took effect: never shown to anyone.
            sql`(${policyVersions.retiredAt} is null or ${policyVersions.retiredAt} > ${policyVersions.effectiveFrom})`,
          ),
        ),
    );
    const map = new Map<string, IngestPolicyVersion>();
    for (const row of rows) {
      if (row.major === null || row.minor === null || row.sha256 === null) continue;
      map.set(`${row.kind} ${formatPolicyVersion({ major: row.major, minor: row.minor })}`, {
        sha256: row.sha256,
        purposes: row.purposes as PolicyPurpose[],
      });
    }
    return map;
  }

  async function loadOrigins(): Promise<{ dev: Set<string>; all: Set<string> }> {
    return system(async (tx) => {
      const dev = await tx.select({ origin: consentDevOrigins.origin }).from(consentDevOrigins);
      const verified = await tx
        .select({ hostname: tenantDomains.hostname })
        .from(tenantDomains)
        .innerJoin(tenants, eq(tenants.id, tenantDomains.tenantId))
        .where(and(eq(tenantDomains.status, "verified"), eq(tenants.status, "active")));
      const devSet = new Set([...extraDevOrigins, ...dev.map((row) => row.origin)]);
      return { dev: devSet, all: new Set([...devSet, ...verified.map((row) => `https://${row.hostname}`)]) };
    });
  }

  async function currentOrigins() {
    if (!fresh(origins)) {
      const value = await once("origins", loadOrigins);
      origins = { value, at: now() };
    }
    return (origins as Cached<{ dev: Set<string>; all: Set<string> }>).value;
  }

  return {
    async keyOf(key) {
      const cached = keys.get(key);
      if (cached && fresh(cached, cached.value ? ttlMs : RETRY_MISS_MS)) return cached.value;
      const value = await once(`key:${key}`, () => loadKey(key));
      if (keys.size >= MAX_CACHED_KEYS) keys = new Map();
      keys.set(key, { value, at: now() });
      return value;
    },
    async tenant(tenantId) {
      const cached = tenantCache.get(tenantId);
      if (fresh(cached)) return (cached as Cached<IngestTenant | null>).value;
      const value = await once(`tenant:${tenantId}`, () => loadTenant(tenantId));
      tenantCache.set(tenantId, { value, at: now() });
      return value;
    },
    async policyVersion(kind, version) {
      const id = `${kind} ${version}`;
      const cachedMap = policies;
      if (cachedMap && fresh(cachedMap)) {
        const found = cachedMap.value.get(id);
        // A version published a moment ago: look again, at most once a second.
        if (found || now() - cachedMap.at < RETRY_MISS_MS) return found ?? null;
      }
      const value = await once("policies", loadPolicies);
      policies = { value, at: now() };
      return value.get(id) ?? null;
    },
    async devOrigins() {
      return (await currentOrigins()).dev;
    },
    async anyTenantOrigin(origin) {
      return (await currentOrigins()).all.has(origin);
    },
    invalidate() {
      keys = new Map();
      tenantCache.clear();
      policies = null;
      origins = null;
    },
  };
}
