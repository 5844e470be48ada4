/**
 * The consent audit workspace: search (consent-audit.queries.ts), one record as evidence (its
 * fields, its place in the chain and whether it verifies, the checkpoint covering it, and the
 * policy exactly as the visitor was shown it), and one subject's timeline with the current state
 * per purpose and whether it is stale. Staff see every tenant; partners only their own, whatever
 * tenant the input names. Neither the subject digest, the IP address nor the user agent leaves.
 */
import {
  consentPersonalData,
  consentRecords,
  consentSubjectSecrets,
  type Database,
  policyRenditions,
  storedLedgerRecordOf,
  tenants,
} from "@pc/db";
import { comparePolicyVersions, formatPolicyVersion, GENESIS_HASH, ledgerEntryHash, type PolicyKind, parsePolicyVersion } from "@pc/shared";
import { and, asc, desc, eq, lte, type SQL } from "drizzle-orm";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { TrustedKeys } from "../../ledger/ledger-verify.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { policyDocumentView, renderForTenant, renditionHtml } from "../../services/policy-render.service.js";
import { findPolicyVersion, latestMaterialInForce } from "../policies/policies.queries.js";
import { chainNeighbours, coveringCheckpoint, purgedRecordDetail } from "../retention/retention.record.js";
import { subjectDigestWith } from "./consent-audit.queries.js";

export { searchConsentRecords } from "./consent-audit.queries.js";

export const NO_RECORD_MESSAGE = "No such consent record";
export const NO_SUBJECT_MESSAGE = "No consent records for this subject";

type RecordRow = typeof consentRecords.$inferSelect;

/** What anyone auditing may see of a record: every chained field but the subject digest. */
function recordView(row: RecordRow) {
  return {
    recordId: row.id,
    seq: row.seq,
    receivedAt: row.receivedAt,
    occurredAt: row.occurredAt,
    consentId: row.consentId,
    policyKind: row.policyKind,
    policyVersion: row.policyVersion,
    policySha256: row.policySha256,
    bannerVersion: row.bannerVersion,
    action: row.action,
    purposes: row.purposes,
    language: row.language,
    path: row.path,
    gpc: row.gpc,
    country: row.country,
    jurisdiction: row.jurisdiction,
  };
}

async function tenantOf(db: Database, tenantId: string) {
  const [tenant] = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new NotFoundError("Tenant not found");
  return tenant;
}

/**
 * The policy document as the tenant's visitors were shown it when the record came in: the rendition
 * recorded last before the record arrived (what the banner linked to then), else rendered for that
 * time; with its template. Record detail and evidence packs both show it.
 */
export async function documentAsShown(db: Database, row: RecordRow) {
  const template = await findPolicyVersion(db, row.policyKind, row.policyVersion);
  if (!template) return null;
  const [recorded] = await db
    .select()
    .from(policyRenditions)
    .where(
      and(
        eq(policyRenditions.tenantId, row.tenantId),
        eq(policyRenditions.policyVersionId, template.id),
        lte(policyRenditions.createdAt, row.receivedAt),
      ),
    )
    .orderBy(desc(policyRenditions.createdAt), desc(policyRenditions.id))
    .limit(1);
  const document = recorded
    ? policyDocumentView({ rendition: recorded, purposes: template.purposes, template })
    : await renderForTenant(db, { tenantId: row.tenantId, kind: row.policyKind, version: row.policyVersion, at: row.receivedAt }).then(
        (rendering) => (rendering ? policyDocumentView(rendering) : null),
      );
  if (!document) return null;
  return { template, document, html: recorded ? renditionHtml(recorded) : document.html };
}

/** The policy text and purposes as the tenant's visitors were shown them when the record came in. */
async function policyAsShown(db: Database, row: RecordRow) {
  const shown = await documentAsShown(db, row);
  if (!shown) return null;
  const { template, document } = shown;
  return {
    title: document.title,
    version: document.version,
    addendumVersion: document.addendumVersion,
    effectiveAt: document.effectiveAt,
    html: shown.html,
    sha256: document.sha256,
    purposes: document.purposes,
    /** The published template's hash, and whether the record names the same one. */
    templateSha256: template.sha256,
    templateMatches: row.policySha256 === null || row.policySha256 === template.sha256,
  };
}

export async function recordDetail(db: Database, args: { scopeTenantId: string | null; recordId: string; trusted: TrustedKeys }) {
  const where: (SQL | undefined)[] = [eq(consentRecords.id, args.recordId)];
  if (args.scopeTenantId) where.push(eq(consentRecords.tenantId, args.scopeTenantId));
  const [row] = await db
    .select()
    .from(consentRecords)
    .where(and(...where))
    .limit(1);
  if (!row) {
    // Removed by retention: its place in the chain is all that is left, and still verifies.
    const purged = await purgedRecordDetail(db, args);
    if (purged) return { ...purged, personalData: null, policy: null };
    throw new NotFoundError(NO_RECORD_MESSAGE);
  }

  // A neighbour may have been removed by retention: its tombstone keeps its hashes.
  const { previous, next } = await chainNeighbours(db, row.tenantId, row.seq);
  const recomputed = ledgerEntryHash(row.prevHash, storedLedgerRecordOf(row));
  const hashMatches = recomputed === row.hash;
  const linkMatches = row.seq === 1 ? row.prevHash === GENESIS_HASH : previous !== null && previous.hash === row.prevHash;
  const checkpointView = await coveringCheckpoint(db, row.tenantId, row.seq, args.trusted);

  const [personal] = await db
    .select({ erasedAt: consentPersonalData.erasedAt })
    .from(consentPersonalData)
    .where(and(eq(consentPersonalData.tenantId, row.tenantId), eq(consentPersonalData.digest, row.personalDataDigest)));

  return {
    tenant: await tenantOf(db, row.tenantId),
    purged: null,
    record: recordView(row),
    chain: {
      seq: row.seq,
      prevHash: row.prevHash,
      hash: row.hash,
      recomputedHash: recomputed,
      previousSeq: previous?.seq ?? null,
      nextSeq: next?.seq ?? null,
      hashMatches,
      linkMatches,
      verifies: hashMatches && linkMatches,
      checkpoint: checkpointView,
    },
    personalData: {
      digest: row.personalDataDigest,
      /** No row at all means it was removed: as good as erased for the subject. */
      erased: !personal || personal.erasedAt !== null,
      erasedAt: personal?.erasedAt ?? null,
    },
    policy: await policyAsShown(db, row),
  };
}

/** Two events are copies when the banner resent the same choice (same consent id and content). */
function copyKey(row: RecordRow): string {
  const purposes = Object.keys(row.purposes)
    .sort()
    .map((key) => `${key}=${row.purposes[key]}`)
    .join(",");
  return [row.consentId, row.policyKind, row.policyVersion, row.action, purposes].join("|");
}

export interface TimelineArgs {
  scopeTenantId: string | null;
  tenantId?: string;
  subjectId: string;
  actor: AuditActor;
}

export async function subjectTimeline(db: Database, args: TimelineArgs) {
  const tenantId = args.scopeTenantId ?? args.tenantId;
  if (!tenantId) throw new InvalidInputError("tenantId", "Choose the tenant whose subject you are looking for");
  // The tenant and its subject secret in one query (a tenant without a secret has no subjects yet).
  const [found] = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, secret: consentSubjectSecrets.secret })
    .from(tenants)
    .leftJoin(consentSubjectSecrets, eq(consentSubjectSecrets.tenantId, tenants.id))
    .where(eq(tenants.id, tenantId));
  if (!found) throw new NotFoundError(NO_SUBJECT_MESSAGE);
  const { secret, ...tenantRow } = found;
  const digest = secret ? subjectDigestWith(secret, args.subjectId) : null;
  const rows = digest
    ? await db
        .select()
        .from(consentRecords)
        .where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.subjectDigest, digest)))
        .orderBy(asc(consentRecords.seq))
    : [];
  if (rows.length === 0) throw new NotFoundError(NO_SUBJECT_MESSAGE);

  const events: (ReturnType<typeof recordView> & { copies: number; copySeqs: number[] })[] = [];
  const byKey = new Map<string, (typeof events)[number]>();
  for (const row of rows) {
    const key = copyKey(row);
    const seen = byKey.get(key);
    if (seen) {
      seen.copies += 1;
      seen.copySeqs.push(row.seq);
      continue;
    }
    const event = { ...recordView(row), copies: 1, copySeqs: [row.seq] };
    byKey.set(key, event);
    events.push(event);
  }

  // The latest decision on each purpose, and the latest choice on each document kind.
  const current = new Map<string, { purpose: string; decision: string; recordId: string; seq: number; at: Date; policyVersion: string }>();
  const latestByKind = new Map<PolicyKind, RecordRow>();
  for (const row of rows) {
    latestByKind.set(row.policyKind, row);
    for (const [purpose, decision] of Object.entries(row.purposes)) {
      current.set(purpose, { purpose, decision, recordId: row.id, seq: row.seq, at: row.receivedAt, policyVersion: row.policyVersion });
    }
  }

  const stale = [];
  for (const [kind, latest] of latestByKind) {
    const material = await latestMaterialInForce(db, kind);
    const chosen = parsePolicyVersion(latest.policyVersion);
    if (!material || material.major === null || material.minor === null || !chosen) continue;
    const materialNumber = { major: material.major, minor: material.minor };
    if (comparePolicyVersions(chosen, materialNumber) < 0) {
      stale.push({
        policyKind: kind,
        chosenVersion: latest.policyVersion,
        requiredVersion: formatPolicyVersion(materialNumber),
        effectiveFrom: material.effectiveFrom,
        summary: material.changeSummary,
      });
    }
  }

  if (args.scopeTenantId === null) {
    // Staff looking at a tenant's customer: the partner sees it in its audit trail.
    await recordAudit(db, args.actor, {
      tenantId,
      action: "consent.view_subject",
      targetType: "consent_subject",
      targetId: (digest as string).slice(0, 16),
      after: { records: rows.length },
    });
  }

  return {
    tenant: tenantRow,
    events,
    records: rows.length,
    currentState: [...current.values()].sort((a, b) => a.purpose.localeCompare(b.purpose)),
    stale,
    isStale: stale.length > 0,
  };
}
