/**
 * The demo's policy documents (seed-data/policies.ts), stored as publishing would have left them:
 * privacy policy 1.0 (12 February 2026) and 1.1 written and published by compliance, the material
 * 2.0 written by the operator admin and approved by compliance a few weeks before seeding (so every
 * demo tenant has a re-consent requirement from its effective time: a re-consent wave), the terms of
 * service 1.0, and the tenants' addenda, approved and published by compliance. Hashes are computed
 * as the policies and addenda services compute them. Runs inside the demo seed's transaction.
 */
import { addendumContentSha256, formatPolicyVersion, type PolicyKind, parsePolicyVersion, policyContentSha256 } from "@pc/shared";
import { eq, inArray } from "drizzle-orm";
import { appendAuditEvent } from "./audit-chain.js";
import type { Transaction } from "./client.js";
import { policyAddendumVersions, policyReconsentRequirements, policyVersions, tenants, users } from "./schema/index.js";
import {
  DEMO_ADDENDA,
  PRIVACY_POLICY_VERSIONS,
  type SeedPolicyVersion,
  seedPolicyEffectiveFrom,
  TERMS_OF_SERVICE_VERSIONS,
} from "./seed-data/policies.js";

/** Who wrote, approved and published the demo documents. */
export const POLICY_AUTHORS = {
  /** Writes the material version; compliance approves it. */
  materialAuthor: "admin@masterchannel.test",
  /** Writes (and publishes) the editorial versions, and approves the material one and the addenda. */
  compliance: "compliance@masterchannel.test",
} as const;

export const DEMO_POLICY_DOCUMENTS: ReadonlyArray<readonly [PolicyKind, readonly SeedPolicyVersion[]]> = [
  ["privacy", PRIVACY_POLICY_VERSIONS],
  ["terms", TERMS_OF_SERVICE_VERSIONS],
];

const SEED_ACTOR = { actorUserId: null, actorLabel: "demo seed", requestId: null, ip: null } as const;
const HOUR_MS = 60 * 60 * 1000;

async function userIds(tx: Transaction, emails: readonly string[]): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, [...emails]));
  return new Map(rows.map((row) => [row.email, row.id]));
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the policy seed needs ${what}`);
  return value;
}

export async function seedPolicies(tx: Transaction, seededAt: Date): Promise<void> {
  const staff = await userIds(tx, [POLICY_AUTHORS.materialAuthor, POLICY_AUTHORS.compliance]);
  const complianceId = required(staff.get(POLICY_AUTHORS.compliance), POLICY_AUTHORS.compliance);
  const adminId = required(staff.get(POLICY_AUTHORS.materialAuthor), POLICY_AUTHORS.materialAuthor);
  const allTenants = await tx.select({ id: tenants.id, slug: tenants.slug }).from(tenants);

  for (const [kind, versions] of DEMO_POLICY_DOCUMENTS) {
    for (const seed of versions) {
      const number = parsePolicyVersion(seed.version);
      if (!number) throw new Error(`the demo ${kind} version ${seed.version} is not major.minor`);
      const effectiveFrom = seedPolicyEffectiveFrom(seed, seededAt);
      // Written and (for a material version) approved in the hours before it took effect.
      const writtenAt = new Date(effectiveFrom.getTime() - 3 * HOUR_MS);
      const approvedAt = new Date(effectiveFrom.getTime() - HOUR_MS);
      const authorId = seed.material ? adminId : complianceId;
      const [row] = await tx
        .insert(policyVersions)
        .values({
          kind,
          status: "published",
          material: seed.material,
          major: number.major,
          minor: number.minor,
          title: seed.title,
          markdown: seed.markdown,
          purposes: seed.purposes,
          changeSummary: seed.changeSummary,
          sha256: policyContentSha256(seed),
          createdBy: authorId,
          updatedBy: authorId,
          approvalRequestedBy: seed.material ? authorId : null,
          approvalRequestedAt: seed.material ? writtenAt : null,
          approvedBy: seed.material ? complianceId : null,
          approvedAt: seed.material ? approvedAt : null,
          effectiveFrom,
          publishedBy: authorId,
          publishedAt: effectiveFrom,
          createdAt: writtenAt,
          updatedAt: effectiveFrom,
        })
        .returning();
      if (!row) throw new Error(`could not publish the demo ${kind} ${seed.version}`);
      const snapshot = {
        id: row.id,
        kind,
        status: row.status,
        version: formatPolicyVersion(number),
        material: row.material,
        title: row.title,
        changeSummary: row.changeSummary,
        sha256: row.sha256,
        effectiveFrom: row.effectiveFrom,
        createdBy: row.createdBy,
        approvedBy: row.approvedBy,
      };
      if (seed.material) {
        await appendAuditEvent(tx, {
          ...SEED_ACTOR,
          tenantId: null,
          action: "policies.approve",
          targetType: "policy_version",
          targetId: row.id,
          before: null,
          after: snapshot,
        });
      }
      let reconsentTenants = 0;
      if (seed.material) {
        for (const tenant of allTenants) {
          await tx.insert(policyReconsentRequirements).values({
            tenantId: tenant.id,
            kind,
            policyVersionId: row.id,
            version: formatPolicyVersion(number),
            since: effectiveFrom,
            summary: seed.changeSummary,
            createdAt: effectiveFrom,
          });
          reconsentTenants++;
        }
      }
      await appendAuditEvent(tx, {
        ...SEED_ACTOR,
        tenantId: null,
        action: "policies.publish",
        targetType: "policy_version",
        targetId: row.id,
        before: null,
        after: { ...snapshot, reconsentTenants },
      });
    }
  }

  for (const addendum of DEMO_ADDENDA) {
    const tenant = required(
      allTenants.find((candidate) => candidate.slug === addendum.tenantSlug),
      `the demo tenant ${addendum.tenantSlug}`,
    );
    const [partnerAdmin] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, `admin@${addendum.tenantSlug}.test`));
    const authorId = required(partnerAdmin?.id, `admin@${addendum.tenantSlug}.test`);
    const effectiveFrom = new Date(addendum.effectiveFrom);
    const requestedAt = new Date(effectiveFrom.getTime() - 3 * HOUR_MS);
    const [row] = await tx
      .insert(policyAddendumVersions)
      .values({
        tenantId: tenant.id,
        kind: addendum.kind,
        status: "published",
        version: addendum.version,
        revision: 3,
        markdown: addendum.markdown,
        changeSummary: addendum.changeSummary,
        sha256: addendumContentSha256(addendum.markdown),
        createdBy: authorId,
        updatedBy: authorId,
        approvalRequestedBy: authorId,
        approvalRequestedAt: requestedAt,
        approvedBy: complianceId,
        approvedAt: effectiveFrom,
        effectiveFrom,
        publishedBy: complianceId,
        publishedAt: effectiveFrom,
        createdAt: requestedAt,
        updatedAt: effectiveFrom,
      })
      .returning();
    if (!row) throw new Error(`could not publish the addendum of ${addendum.tenantSlug}`);
    await appendAuditEvent(tx, {
      ...SEED_ACTOR,
      tenantId: tenant.id,
      action: "addenda.approve",
      targetType: "policy_addendum_version",
      targetId: row.id,
      before: null,
      after: {
        id: row.id,
        kind: row.kind,
        status: row.status,
        version: row.version,
        changeSummary: row.changeSummary,
        sha256: row.sha256,
        effectiveFrom: row.effectiveFrom,
        createdBy: row.createdBy,
        approvedBy: row.approvedBy,
      },
    });
  }
}
