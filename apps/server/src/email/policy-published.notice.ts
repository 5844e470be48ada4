/**
 * When a material policy version is published (now or for a later time), each active tenant's
 * partner admins are told in that tenant's branding, ahead of the version taking effect: its
 * customers will be asked to consent again from then. Queued in the publishing transaction; a
 * version withdrawn before its time cancels what was not sent yet.
 */
import { type Database, operatorProfile, type policyVersions, tenants } from "@pc/db";
import { formatPolicyVersion, POLICY_KIND_LABELS } from "@pc/shared";
import { asc, eq } from "drizzle-orm";
import { tenantBrand } from "./brand.js";
import { cancelPendingEmails, enqueueEmail } from "./outbox.js";
import { tenantAdmins } from "./recipients.js";
import { policyMaterialPublishedEmail } from "./templates/policy-material-published.js";

type PolicyVersionRow = typeof policyVersions.$inferSelect;

const dedupePrefix = (versionId: string) => `policy-material:${versionId}:`;

/** Answers how many mails were queued. Needs operator scope (every tenant's admins and branding). */
export async function enqueueMaterialPolicyNotices(db: Database, version: PolicyVersionRow, publicUrl: string): Promise<number> {
  if (!version.material || version.major === null || version.minor === null || !version.effectiveFrom) return 0;
  const label = formatPolicyVersion({ major: version.major, minor: version.minor });
  const [operator] = await db.select({ name: operatorProfile.name }).from(operatorProfile).limit(1);
  const active = await db
    .select({ id: tenants.id, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.status, "active"))
    .orderBy(asc(tenants.name));
  let queued = 0;
  for (const tenant of active) {
    const admins = await tenantAdmins(db, tenant.id);
    if (!admins.length) continue;
    const brand = await tenantBrand(db, tenant.id, publicUrl);
    const content = policyMaterialPublishedEmail(brand, {
      operatorName: operator?.name ?? "The operator",
      documentLabel: POLICY_KIND_LABELS[version.kind],
      version: label,
      title: version.title,
      effectiveFrom: version.effectiveFrom,
      changeSummary: version.changeSummary,
      tenantName: brand.name,
      url: `${publicUrl}/policies/${version.kind}/${encodeURIComponent(label)}`,
    });
    for (const admin of admins) {
      const id = await enqueueEmail(db, {
        to: admin.email,
        kind: "policy_material_published",
        audience: "tenant",
        tenantId: tenant.id,
        brand,
        content,
        dedupeKey: `${dedupePrefix(version.id)}${tenant.id}:${admin.userId}`,
        metadata: { policyVersionId: version.id, kind: version.kind, version: label, userId: admin.userId },
      });
      if (id) queued++;
    }
  }
  return queued;
}

/** A withdrawn version: its notices not sent yet are cancelled. */
export function cancelMaterialPolicyNotices(db: Database, versionId: string): Promise<number> {
  return cancelPendingEmails(db, { dedupeKeyPrefix: dedupePrefix(versionId) }, "the policy version was withdrawn before it took effect");
}
