/**
 * Comparing two versions of a policy document as a tenant reads them: the text word by word and
 * the consent purposes field by field (packages/shared/src/policies/diff.ts). Kept apart from
 * policies.service.ts because it reads through the rendering service, which itself reads the
 * service's in-force rules.
 */
import { type Database, operatorProfile, tenants } from "@pc/db";
import {
  diffPolicyText,
  diffPurposes,
  fillVariables,
  POLICY_DRAFT_LABEL,
  POLICY_KIND_LABELS,
  type PolicyKind,
  type PolicyPurpose,
  type PolicyVariableValues,
} from "@pc/shared";
import { eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.js";
import {
  combinePolicyMarkdown,
  findAddendumInForce,
  MISSING_PARTNER_VALUES,
  renderForTenant,
} from "../../services/policy-render.service.js";
import { findBrandingInEffect } from "../branding/branding.queries.js";
import { findOpenPolicyVersion, findPolicyVersion, nextVersionLabel } from "./policies.queries.js";
import { type PolicyVersionRow, versionLabel } from "./policies.views.js";

/** Where the compared text comes from. */
export type ComparisonSource =
  /** The rendition recorded for the tenant: exactly what its visitors were (or are) shown. */
  | "recorded"
  /** Never shown yet (scheduled, withdrawn, the draft): filled with the tenant's values and addendum of today. */
  | "current_values"
  /** No tenant: the template with readable placeholders for the partner's values. */
  | "placeholders";

export interface ComparisonText {
  row: PolicyVersionRow;
  /** "2.0", or "draft" for the open version. */
  version: string;
  title: string;
  markdown: string;
  purposes: PolicyPurpose[];
  source: ComparisonSource;
}

const PLACEHOLDERS = {
  "partner.name": "[Partner name]",
  "partner.legalName": "[Partner legal name]",
  "partner.legalAddress": "[Partner legal address]",
  "partner.supportEmail": "[Partner support email]",
} as const;

/** The values for a version not shown yet: today's branding (or placeholders without a tenant) and the operator's profile. */
async function currentValues(db: Database, row: PolicyVersionRow, tenantId: string | null): Promise<PolicyVariableValues> {
  const [operator] = await db.select().from(operatorProfile).limit(1);
  const branding = tenantId ? await findBrandingInEffect(db, tenantId) : null;
  const [tenant] = tenantId ? await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)).limit(1) : [];
  const partner = tenantId
    ? {
        "partner.name": branding?.displayName ?? tenant?.name ?? PLACEHOLDERS["partner.name"],
        "partner.legalName": branding?.legalName ?? MISSING_PARTNER_VALUES.legalName,
        "partner.legalAddress": branding?.legalAddress ?? MISSING_PARTNER_VALUES.legalAddress,
        "partner.supportEmail": branding?.supportEmail ?? MISSING_PARTNER_VALUES.supportEmail,
      }
    : PLACEHOLDERS;
  return {
    ...partner,
    "operator.name": operator?.name ?? "[Operator name]",
    "operator.legalName": operator?.legalName ?? "[Operator legal name]",
    "operator.supportEmail": operator?.supportEmail ?? "[Operator support email]",
    "policy.version": versionLabel(row) ?? (await nextVersionLabel(db, row.kind, row.material)),
    "policy.effectiveDate": row.effectiveFrom ? row.effectiveFrom.toISOString().slice(0, 10) : "[Effective date]",
  };
}

/**
 * The text of one version as the tenant (null: nobody in particular) reads it. A version that has
 * been in force is the tenant's recorded rendition (renderForTenant: template, addendum and values
 * as shown); any other is rendered now with today's values and addendum, and recorded nowhere.
 * `version` is a number ("2.0") or "draft" (the open version; the caller checks who may see it).
 */
export async function textForComparison(db: Database, kind: PolicyKind, version: string, tenantId: string | null): Promise<ComparisonText> {
  const row = version === POLICY_DRAFT_LABEL ? await findOpenPolicyVersion(db, kind) : await findPolicyVersion(db, kind, version);
  if (!row) {
    throw new NotFoundError(
      version === POLICY_DRAFT_LABEL
        ? `There is no open ${POLICY_KIND_LABELS[kind].toLowerCase()} draft`
        : `There is no ${POLICY_KIND_LABELS[kind].toLowerCase()} version ${version}`,
    );
  }
  const purposes = row.purposes as PolicyPurpose[];
  if (tenantId && row.status === "published") {
    const shown = await renderForTenant(db, { tenantId, kind, version });
    if (shown) return { row, version, title: shown.rendition.title, markdown: shown.rendition.markdown, purposes, source: "recorded" };
  }
  const values = await currentValues(db, row, tenantId);
  const addendum = tenantId ? await findAddendumInForce(db, tenantId, kind) : null;
  const markdown = combinePolicyMarkdown(
    fillVariables(row.markdown, values),
    addendum?.markdown.trim() ? fillVariables(addendum.markdown, values) : null,
  );
  return {
    row,
    version,
    title: fillVariables(row.title, values),
    markdown,
    purposes,
    source: tenantId ? "current_values" : "placeholders",
  };
}

function side(text: ComparisonText) {
  return {
    version: text.version,
    title: text.title,
    material: text.row.material,
    effectiveFrom: text.row.effectiveFrom,
    retiredAt: text.row.retiredAt,
    /** The template's content hash (null for the draft, which has none yet). */
    sha256: text.row.sha256,
    source: text.source,
  };
}

/**
 * Two versions of a kind compared as `tenantId`'s visitors read them (null: the template with
 * placeholders). The caller has decided which tenant the asker may name.
 */
export async function compareVersions(db: Database, args: { kind: PolicyKind; from: string; to: string; tenantId: string | null }) {
  let tenant: { id: string; name: string } | null = null;
  if (args.tenantId) {
    const [row] = await db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(eq(tenants.id, args.tenantId)).limit(1);
    if (!row) throw new NotFoundError("Tenant not found");
    tenant = row;
  }
  const before = await textForComparison(db, args.kind, args.from, tenant?.id ?? null);
  const after = await textForComparison(db, args.kind, args.to, tenant?.id ?? null);
  return {
    kind: args.kind,
    tenant,
    from: side(before),
    to: side(after),
    text: diffPolicyText(before.markdown, after.markdown),
    purposes: diffPurposes(before.purposes, after.purposes),
  };
}
