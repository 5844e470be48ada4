/**
 * Evidence packs (packages/shared/src/ledger/evidence-pack.ts) of one consent record or of every
 * record of one subject: the records as hashed, every link from the oldest of them up to the first
 * signed checkpoint covering the newest (the shortest chain that proves them), that checkpoint with
 * its public key, and each policy text as the visitor was shown it with its template. Same scope as
 * the rest of the audit workspace: partners only their own tenant. Every pack is audited.
 */
import {
  checkpointsWithKeys,
  consentCheckpoints,
  consentRecords,
  type Database,
  readLedgerChain,
  storedLedgerRecordOf,
  tenants,
} from "@pc/db";
import {
  assembleEvidencePack,
  type EvidencePack,
  type EvidencePackInput,
  type EvidencePolicy,
  type EvidenceTarget,
  type PolicyPurpose,
} from "@pc/shared";
import { and, asc, eq, gte, type SQL } from "drizzle-orm";
import { InvalidInputError, NotFoundError, PreconditionError } from "../../errors.js";
import { type AuditActor, recordAudit } from "../../services/audit.service.js";
import { anchorsOf, removedRecordAt, removedRecordMessage } from "../retention/retention.evidence.js";
import { subjectDigestFor } from "./consent-audit.queries.js";
import { documentAsShown, NO_RECORD_MESSAGE, NO_SUBJECT_MESSAGE } from "./consent-audit.service.js";

/** A pack whose chain would be longer is refused: it would not fit a download (a record far behind a busy head). */
export const MAX_EVIDENCE_LINKS = 200_000;
export const NO_CHECKPOINT_MESSAGE =
  "No signed checkpoint covers these records yet: checkpoints are signed every few minutes, try again shortly";

type RecordRow = typeof consentRecords.$inferSelect;

async function recordsFor(db: Database, scopeTenantId: string | null, input: EvidencePackInput) {
  if ("recordId" in input) {
    const where: (SQL | undefined)[] = [eq(consentRecords.id, input.recordId)];
    if (scopeTenantId) where.push(eq(consentRecords.tenantId, scopeTenantId));
    const rows = await db
      .select()
      .from(consentRecords)
      .where(and(...where))
      .limit(1);
    const [row] = rows;
    if (!row) {
      const removedAt = await removedRecordAt(db, scopeTenantId, input.recordId);
      if (removedAt) throw new PreconditionError(removedRecordMessage(removedAt));
      throw new NotFoundError(NO_RECORD_MESSAGE);
    }
    return { rows, target: { kind: "record", recordId: row.id } satisfies EvidenceTarget as EvidenceTarget };
  }
  // A partner's input tenant never widens (or moves) the scope.
  const tenantId = scopeTenantId ?? input.tenantId;
  if (!tenantId) throw new InvalidInputError("tenantId", "Choose the tenant whose subject you are looking for");
  const digest = await subjectDigestFor(db, tenantId, input.subjectId);
  const rows = digest ? await subjectRecordRows(db, tenantId, digest) : [];
  if (rows.length === 0 || !digest) throw new NotFoundError(NO_SUBJECT_MESSAGE);
  return { rows, target: { kind: "subject", subjectDigest: digest } satisfies EvidenceTarget as EvidenceTarget };
}

/** Every record of one subject (by the tenant's keyed digest), oldest first. */
export function subjectRecordRows(db: Database, tenantId: string, subjectDigest: string): Promise<RecordRow[]> {
  return db
    .select()
    .from(consentRecords)
    .where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.subjectDigest, subjectDigest)))
    .orderBy(asc(consentRecords.seq));
}

/** The policy as the tenant's visitors were shown it when the record came in (as recordDetail shows it), with its template. */
async function policyShown(db: Database, row: RecordRow): Promise<Omit<EvidencePolicy, "shownFor"> | null> {
  const shown = await documentAsShown(db, row);
  if (!shown) return null;
  const { template, document } = shown;
  return {
    kind: row.policyKind,
    version: row.policyVersion,
    addendumVersion: document.addendumVersion,
    effectiveAt: document.effectiveAt,
    title: document.title,
    markdown: document.markdown,
    html: shown.html,
    sha256: document.sha256,
    purposes: document.purposes,
    template: {
      title: template.title,
      markdown: template.markdown,
      purposes: template.purposes as PolicyPurpose[],
      sha256: template.sha256 as string,
    },
  };
}

/** One entry per distinct text shown (by its hash), naming the records it was shown for. */
async function policiesShown(db: Database, rows: RecordRow[]): Promise<EvidencePolicy[]> {
  const bySha = new Map<string, EvidencePolicy>();
  for (const row of rows) {
    const policy = await policyShown(db, row);
    if (!policy) continue;
    const key = `${policy.kind}|${policy.version}|${policy.sha256}`;
    const seen = bySha.get(key);
    if (seen) seen.shownFor.push(row.id);
    else bySha.set(key, { ...policy, shownFor: [row.id] });
  }
  return [...bySha.values()];
}

export interface EvidencePackArgs {
  scopeTenantId: string | null;
  actor: AuditActor;
  input: EvidencePackInput;
  now?: Date;
}

export async function buildEvidencePack(db: Database, args: EvidencePackArgs): Promise<EvidencePack> {
  const { rows, target } = await recordsFor(db, args.scopeTenantId, args.input);
  return packRecords(db, { rows, target, actor: args.actor, now: args.now });
}

export interface PackRecordsArgs {
  /** One record, or every record of one subject: at least one, of one tenant, oldest first. */
  rows: RecordRow[];
  target: EvidenceTarget;
  actor: AuditActor;
  now?: Date;
}

/** The pack of records already read (what a data-subject access request hands out too); audited. */
export async function packRecords(db: Database, { rows, target, actor, now }: PackRecordsArgs): Promise<EvidencePack> {
  const first = rows[0] as RecordRow;
  const tenantId = first.tenantId;
  const oldest = first.seq;
  const newest = (rows.at(-1) as RecordRow).seq;

  // The first checkpoint at or after the newest record: any covering one proves it, the first is the shortest chain.
  const [checkpoint] = await checkpointsWithKeys(db)
    .where(and(eq(consentCheckpoints.tenantId, tenantId), gte(consentCheckpoints.seq, newest)))
    .orderBy(asc(consentCheckpoints.seq))
    .limit(1);
  if (!checkpoint) throw new PreconditionError(NO_CHECKPOINT_MESSAGE);
  if (checkpoint.seq - oldest + 1 > MAX_EVIDENCE_LINKS) {
    throw new PreconditionError(`The chain from these records to a checkpoint is longer than ${MAX_EVIDENCE_LINKS} links`);
  }

  // Records retention removed in between appear as what it left of them, each run with its anchor.
  const chain = await readLedgerChain(db, tenantId, { fromSeq: oldest, toSeq: checkpoint.seq, limit: MAX_EVIDENCE_LINKS });
  const anchors = await anchorsOf(db, tenantId, chain);
  const tenant = await tenantOf(db, tenantId);
  const policies = await policiesShown(db, rows);

  const pack = assembleEvidencePack({
    generatedAt: now ?? new Date(),
    tenant,
    target,
    records: rows.map(storedLedgerRecordOf),
    chain,
    checkpoint,
    anchors,
    policies,
  });

  await recordAudit(db, actor, {
    tenantId,
    action: "consent.evidence_pack",
    targetType: target.kind === "record" ? "consent_record" : "consent_subject",
    targetId: target.kind === "record" ? target.recordId : target.subjectDigest.slice(0, 16),
    after: {
      records: rows.length,
      seqs: rows.length <= 50 ? rows.map((row) => row.seq) : [oldest, newest],
      links: chain.length,
      checkpointSeq: checkpoint.seq,
      policies: policies.map((policy) => ({ kind: policy.kind, version: policy.version, sha256: policy.sha256 })),
    },
  });
  return pack;
}

async function tenantOf(db: Database, tenantId: string) {
  const [tenant] = await db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new NotFoundError("Tenant not found");
  return tenant;
}
