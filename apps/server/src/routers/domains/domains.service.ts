/**
 * A tenant's custom domains. A partner adds a host name and gets a TXT record to create; a check
 * looks the record up and moves the domain between pending, verified and failed (storefronts use
 * verified domains only). A host name belongs to at most one tenant: the unique index decides,
 * since RLS hides other tenants' rows, and a claimed name is refused the same way whoever holds
 * it. Checks run on demand (domains.check) and daily (jobs/domain-recheck.job.ts).
 */

import { randomBytes } from "node:crypto";
import { type Database, tenantDomains } from "@pc/db";
import { MAX_DOMAINS_PER_TENANT } from "@pc/shared";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { ConflictError, InvalidInputError, NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { DNS_NOT_FOUND_CODES, type DnsResolver } from "./dns.js";

type DomainRow = typeof tenantDomains.$inferSelect;
export type DomainStatus = DomainRow["status"];

export const TXT_RECORD_PREFIX = "_masterchannel-verify";
export const TXT_VALUE_PREFIX = "mc-verify=";
/** A domain still pending this long after it was added is failed. */
export const PENDING_EXPIRY_DAYS = 7;

export const HOSTNAME_IN_USE_MESSAGE = "This host name is already in use";
export const CONSOLE_HOSTNAME_MESSAGE = "This host name belongs to the console itself; use a host name under your own domain";
export const DOMAIN_LIMIT_MESSAGE = `A tenant can have at most ${MAX_DOMAINS_PER_TENANT} domains; remove one first`;
export const DOMAIN_NOT_FOUND_MESSAGE = "Domain not found";
export const RECORD_DISAPPEARED_MESSAGE = "The TXT record disappeared; the domain is disabled until it verifies again";
export const RECORD_CHANGED_MESSAGE = "The TXT record's value no longer matches; the domain is disabled until it verifies again";

// ---------------------------------------------------------------------------------------------
// Views

/** The record the partner creates at their DNS provider. */
export function verificationRecord(hostname: string, token: string) {
  return { type: "TXT" as const, name: `${TXT_RECORD_PREFIX}.${hostname}`, value: `${TXT_VALUE_PREFIX}${token}` };
}

function domainView(row: DomainRow) {
  return {
    id: row.id,
    hostname: row.hostname,
    status: row.status,
    record: verificationRecord(row.hostname, row.token),
    lastCheckedAt: row.lastCheckedAt,
    verifiedAt: row.verifiedAt,
    lastError: row.lastError,
    createdAt: row.createdAt,
  };
}
export type DomainView = ReturnType<typeof domainView>;

/** What the audit trail keeps of a domain (not its token: that is in the record, and in DNS). */
function snapshot(row: DomainRow | null | undefined) {
  if (!row) return null;
  return {
    id: row.id,
    hostname: row.hostname,
    status: row.status,
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    lastError: row.lastError,
  };
}

// ---------------------------------------------------------------------------------------------
// Reads

const ofTenant = (tenantId: string, domainId: string) => and(eq(tenantDomains.tenantId, tenantId), eq(tenantDomains.id, domainId));

export async function listDomains(db: Database, tenantId: string): Promise<DomainView[]> {
  const rows = await db
    .select()
    .from(tenantDomains)
    .where(eq(tenantDomains.tenantId, tenantId))
    .orderBy(asc(tenantDomains.createdAt), asc(tenantDomains.hostname));
  return rows.map(domainView);
}

/** The host names a tenant's storefront answers on: verified domains only, by name. */
export async function verifiedDomains(db: Database, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ hostname: tenantDomains.hostname })
    .from(tenantDomains)
    .where(and(eq(tenantDomains.tenantId, tenantId), eq(tenantDomains.status, "verified")))
    .orderBy(asc(tenantDomains.hostname));
  return rows.map((row) => row.hostname);
}

async function findDomainOrThrow(db: Database, tenantId: string, domainId: string, lock = false): Promise<DomainRow> {
  const query = db.select().from(tenantDomains).where(ofTenant(tenantId, domainId)).limit(1);
  const [row] = lock ? await query.for("update") : await query;
  // Another tenant's id is hidden by RLS and by the tenant filter alike: the same answer as none.
  if (!row) throw new NotFoundError(DOMAIN_NOT_FOUND_MESSAGE);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Adding and removing

/** The console's own host and every name under it are ours, never a tenant's. */
function isConsoleHostname(hostname: string, publicUrl: string): boolean {
  const consoleHost = new URL(publicUrl).hostname.toLowerCase();
  return hostname === consoleHost || hostname.endsWith(`.${consoleHost}`);
}

export interface AddDomainArgs {
  tenantId: string;
  /** Already checked and normalised by ZHostname. */
  hostname: string;
  /** The console's PUBLIC_URL. */
  publicUrl: string;
}

export async function addDomain(db: Database, actor: AuditActor, { tenantId, hostname, publicUrl }: AddDomainArgs): Promise<DomainView> {
  if (isConsoleHostname(hostname, publicUrl)) throw new InvalidInputError("hostname", CONSOLE_HOSTNAME_MESSAGE);
  // Serialises adds of one tenant, so two at once cannot pass the limit together.
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`tenant_domains:${tenantId}`}, 0))`);
  const [existing] = await db.select({ n: count() }).from(tenantDomains).where(eq(tenantDomains.tenantId, tenantId));
  if ((existing?.n ?? 0) >= MAX_DOMAINS_PER_TENANT) throw new PreconditionError(DOMAIN_LIMIT_MESSAGE);
  // ON CONFLICT consults the unique index, which sees every tenant's rows although RLS hides
  // them; DO NOTHING leaves the request's transaction usable and says nothing about the holder.
  const [row] = await db
    .insert(tenantDomains)
    .values({ tenantId, hostname, token: randomBytes(32).toString("base64url"), createdBy: actor.userId })
    .onConflictDoNothing({ target: tenantDomains.hostname })
    .returning();
  if (!row) throw new ConflictError(HOSTNAME_IN_USE_MESSAGE);
  await recordAudit(db, actor, {
    tenantId,
    action: "domains.add",
    targetType: "tenant_domain",
    targetId: row.id,
    before: null,
    after: snapshot(row),
  });
  return domainView(row);
}

export async function removeDomain(db: Database, actor: AuditActor, { tenantId, domainId }: { tenantId: string; domainId: string }) {
  const row = await findDomainOrThrow(db, tenantId, domainId, true);
  await db.delete(tenantDomains).where(ofTenant(tenantId, domainId));
  await recordAudit(db, actor, {
    tenantId,
    action: "domains.remove",
    targetType: "tenant_domain",
    targetId: row.id,
    before: snapshot(row),
    after: null,
  });
  return { ok: true as const };
}

// ---------------------------------------------------------------------------------------------
// Checking

/** What a look-up of the verification record found. */
export type Finding =
  | { kind: "match" }
  | { kind: "missing"; detail: string }
  | { kind: "mismatch"; detail: string }
  /** The resolver failed (timeout, SERVFAIL): says nothing about the record. */
  | { kind: "unavailable"; detail: string };

function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "UNKNOWN";
}

/** Looks the verification record up. Never rejects: a resolver failure is a finding too. */
export async function lookupVerification(dns: DnsResolver, hostname: string, token: string): Promise<Finding> {
  const record = verificationRecord(hostname, token);
  let answers: string[][];
  try {
    answers = await dns.resolveTxt(record.name);
  } catch (error) {
    const code = errorCodeOf(error);
    if (DNS_NOT_FOUND_CODES.has(code)) return { kind: "missing", detail: `no TXT record at ${record.name}` };
    return { kind: "unavailable", detail: `DNS look-up of ${record.name} failed (${code}); it is tried again at the next check` };
  }
  // A record may come in chunks; providers sometimes keep stray spaces around the value.
  const values = answers.map((chunks) => chunks.join("").trim());
  if (values.includes(record.value)) return { kind: "match" };
  if (values.length === 0) return { kind: "missing", detail: `no TXT record at ${record.name}` };
  return { kind: "mismatch", detail: "TXT record found but its value does not match" };
}

export interface CheckOutcome {
  status: DomainStatus;
  /** Whether this check verified the domain for the first time (verifiedAt set now). */
  firstVerification: boolean;
  lastError: string | null;
}

/**
 * The rules of a check, apart from the database. `pendingExpired`: the domain was added more than
 * PENDING_EXPIRY_DAYS ago. A resolver failure keeps the status (a verified domain is not disabled
 * for a DNS hiccup), except that a pending domain past its expiry fails whatever the reason.
 */
export function decideCheck(current: Pick<DomainRow, "status" | "verifiedAt">, finding: Finding, pendingExpired: boolean): CheckOutcome {
  if (finding.kind === "match") return { status: "verified", firstVerification: current.verifiedAt === null, lastError: null };
  const gone = finding.kind === "mismatch" ? RECORD_CHANGED_MESSAGE : RECORD_DISAPPEARED_MESSAGE;
  const expired = `Not verified within ${PENDING_EXPIRY_DAYS} days: ${finding.detail}`;
  if (current.status === "pending") {
    return pendingExpired
      ? { status: "failed", firstVerification: false, lastError: expired }
      : { status: "pending", firstVerification: false, lastError: finding.detail };
  }
  if (finding.kind === "unavailable") return { status: current.status, firstVerification: false, lastError: finding.detail };
  // Verified, or failed already: the record is not there (as asked for).
  return { status: "failed", firstVerification: false, lastError: current.verifiedAt ? gone : expired };
}

export interface DomainRef {
  tenantId: string;
  domainId: string;
}

/**
 * Applies a finding to a domain under a row lock: status, lastError and lastCheckedAt (always),
 * verifiedAt (the first time). A status change is audited with before and after.
 */
export async function applyFinding(
  db: Database,
  actor: AuditActor,
  { tenantId, domainId }: DomainRef,
  finding: Finding,
): Promise<{ domain: DomainView; statusChanged: boolean }> {
  const [locked] = await db
    .select({
      row: tenantDomains,
      // The database's clock, like the created_at it is compared with.
      pendingExpired: sql<boolean>`${tenantDomains.createdAt} < now() - make_interval(days => ${PENDING_EXPIRY_DAYS})`,
    })
    .from(tenantDomains)
    .where(ofTenant(tenantId, domainId))
    .limit(1)
    .for("update");
  if (!locked) throw new NotFoundError(DOMAIN_NOT_FOUND_MESSAGE);
  const before = locked.row;
  const outcome = decideCheck(before, finding, locked.pendingExpired === true);
  const [after] = await db
    .update(tenantDomains)
    .set({
      status: outcome.status,
      lastError: outcome.lastError,
      lastCheckedAt: sql`now()`,
      verifiedAt: outcome.firstVerification ? sql`now()` : before.verifiedAt,
      updatedAt: sql`now()`,
    })
    .where(ofTenant(tenantId, domainId))
    .returning();
  if (!after) throw new NotFoundError(DOMAIN_NOT_FOUND_MESSAGE);
  const statusChanged = after.status !== before.status;
  if (statusChanged) {
    await recordAudit(db, actor, {
      tenantId,
      action: "domains.check",
      targetType: "tenant_domain",
      targetId: domainId,
      before: snapshot(before),
      after: snapshot(after),
    });
  }
  return { domain: domainView(after), statusChanged };
}

/** Checks a domain now, on a partner's request. */
export async function checkDomain(db: Database, actor: AuditActor, dns: DnsResolver, ref: DomainRef): Promise<DomainView> {
  const row = await findDomainOrThrow(db, ref.tenantId, ref.domainId);
  const finding = await lookupVerification(dns, row.hostname, row.token);
  return (await applyFinding(db, actor, ref, finding)).domain;
}
