/**
 * What a tenant's visitors are shown as a policy: the operator's template version in force, the
 * tenant's addendum in force at the same time appended below a horizontal rule, and every
 * {{variable}} filled from the tenant's branding and the operator's profile. Each distinct text is
 * recorded once in policy_renditions (immutable in the database), keyed by its sha256, so an earlier
 * version can later be served exactly as it was shown, whatever changed in the branding since.
 *
 * Callers run inside an RLS context that shows the tenant's rows (tenantProcedure, or the public
 * routes' withActiveTenant); the rendition is inserted under that same context.
 */
import { createHash } from "node:crypto";
import {
  brandingVersions,
  type Database,
  operatorProfile,
  type PolicyPurposeRow,
  policyAddendumVersions,
  policyRenditions,
  policyVersions,
  tenants,
} from "@pc/db";
import { fillVariables, formatPolicyVersion, type PolicyKind, type PolicyVariableValues, parsePolicyVersion } from "@pc/shared";
import { and, desc, eq, gt, isNull, lte, or } from "drizzle-orm";
import { type BrandingVersionRow, findBrandingInEffect } from "../routers/branding/branding.queries.js";
import { findPolicyInForce, findPolicyVersion } from "../routers/policies/policies.service.js";
import { renderPolicyHtml } from "./policy-html.js";
import { CURRENT_TIME } from "./versions.js";

export type PolicyVersionRow = typeof policyVersions.$inferSelect;
export type PolicyAddendumRow = typeof policyAddendumVersions.$inferSelect;
export type PolicyRenditionRow = typeof policyRenditions.$inferSelect;

export interface TenantRendering {
  /** The recorded rendition: the rendered markdown, its sha256, the values used. */
  rendition: PolicyRenditionRow;
  /** The consent purposes the template version defines. */
  purposes: PolicyPurposeRow[];
  /** The operator's template version rendered. */
  template: PolicyVersionRow;
}

export interface RenderArgs {
  tenantId: string;
  kind: PolicyKind;
  /** The moment whose versions are rendered; now when left out. */
  at?: Date;
  /**
   * A template version label ("1.0"): that version as it was shown (the latest rendition recorded
   * for it), instead of the version in force. Only a version that has been in force is served.
   */
  version?: string;
}

/** Between the template and the tenant's addendum: a thematic break (blank lines keep it from making a heading). */
export const ADDENDUM_SEPARATOR = "\n\n---\n\n";

/** Shown for a partner value when the tenant has no published branding yet: visibly a gap, never a guess. */
export const MISSING_PARTNER_VALUES = {
  legalName: "[partner legal name not published yet]",
  legalAddress: "[partner address not published yet]",
  supportEmail: "[partner support email not published yet]",
} as const;
const MISSING_OPERATOR_VALUES = {
  name: "[operator name]",
  legalName: "[operator legal name]",
  supportEmail: "[operator support email]",
} as const;

/** Hex sha256 of the rendered markdown's UTF-8 bytes: the identity of what visitors were shown. */
export function renditionSha256(markdown: string): string {
  return createHash("sha256").update(markdown, "utf8").digest("hex");
}

/** The template filled in, then the addendum (if it has any text) below a horizontal rule. */
export function combinePolicyMarkdown(template: string, addendum: string | null): string {
  const parts = [template.trim()];
  if (addendum?.trim()) parts.push(addendum.trim());
  return `${parts.join(ADDENDUM_SEPARATOR)}\n`;
}

/**
 * The tenant's rendition of a document kind, recorded; null when no such version exists, or none
 * is in force (an unknown version label, one never in force, or a document never published).
 */
export async function renderForTenant(db: Database, args: RenderArgs): Promise<TenantRendering | null> {
  // A rendition records what was shown; a moment still to come has shown nothing yet.
  if (args.at && args.at.getTime() > Date.now()) throw new RangeError("renderForTenant renders what is or was shown, not a future moment");
  const inForce = await findPolicyInForce(db, args.kind, args.at);
  if (args.version === undefined) return inForce ? renderAndRecord(db, args.tenantId, inForce, args.at) : null;

  const number = parsePolicyVersion(args.version);
  if (!number) return null;
  const template = await findPolicyVersion(db, args.kind, formatPolicyVersion(number));
  if (!template || !wasEverInForce(template, args.at)) return null;
  // The version in force is shown as it is now, exactly as without a version asked for.
  if (inForce?.id === template.id) return renderAndRecord(db, args.tenantId, template, args.at);
  const recorded = await latestRendition(db, args.tenantId, template);
  if (recorded) return { rendition: recorded, purposes: template.purposes, template };
  // Never rendered for this tenant: rendered now with the values of the last moment it was in
  // force (today's values where the tenant had no branding then), and recorded, so it never
  // changes from here on.
  return renderAndRecord(db, args.tenantId, template, await lastMomentInForce(db, template, args.at));
}

/** Published, in force by `at` (or now), and not withdrawn before it took effect. */
function wasEverInForce(template: PolicyVersionRow, at: Date | undefined): boolean {
  const { status, effectiveFrom, retiredAt } = template;
  if (status !== "published" || !effectiveFrom) return false;
  if (effectiveFrom.getTime() > (at ?? new Date()).getTime()) return false;
  return !retiredAt || retiredAt.getTime() > effectiveFrom.getTime();
}

/**
 * The last moment a version no longer in force was in force: just before it was retired or a later
 * version took effect (up to `at`). Falls back to its effective time.
 */
async function lastMomentInForce(db: Database, template: PolicyVersionRow, at: Date | undefined): Promise<Date> {
  const effectiveFrom = template.effectiveFrom as Date;
  const ends = [template.retiredAt?.getTime() ?? Number.POSITIVE_INFINITY];
  const later = await laterEffectiveTimes(db, template, at ?? new Date());
  ends.push(...later.map((time) => time.getTime()));
  const end = Math.min(...ends);
  if (Number.isFinite(end)) {
    const candidate = new Date(end - 1);
    if ((await findPolicyInForce(db, template.kind, candidate))?.id === template.id) return candidate;
  }
  return effectiveFrom;
}

/** Effective times of the kind's later published versions (up to `until`) that took effect. */
async function laterEffectiveTimes(db: Database, template: PolicyVersionRow, until: Date): Promise<Date[]> {
  const rows = await db
    .select({ effectiveFrom: policyVersions.effectiveFrom })
    .from(policyVersions)
    .where(
      and(
        eq(policyVersions.kind, template.kind),
        eq(policyVersions.status, "published"),
        gt(policyVersions.effectiveFrom, template.effectiveFrom as Date),
        lte(policyVersions.effectiveFrom, until),
        // A version withdrawn before its time never replaced anything.
        or(isNull(policyVersions.retiredAt), gt(policyVersions.retiredAt, policyVersions.effectiveFrom)),
      ),
    );
  return rows.flatMap((row) => (row.effectiveFrom ? [row.effectiveFrom] : []));
}

/** The rendition last recorded for this tenant and template version. */
async function latestRendition(db: Database, tenantId: string, template: PolicyVersionRow): Promise<PolicyRenditionRow | null> {
  const [row] = await db
    .select()
    .from(policyRenditions)
    .where(
      and(
        eq(policyRenditions.tenantId, tenantId),
        eq(policyRenditions.kind, template.kind),
        eq(policyRenditions.policyVersionId, template.id),
      ),
    )
    .orderBy(desc(policyRenditions.createdAt), desc(policyRenditions.id))
    .limit(1);
  return row ?? null;
}

/** The tenant's published addendum in force at `at` (now when left out). */
export async function findAddendumInForce(db: Database, tenantId: string, kind: PolicyKind, at?: Date): Promise<PolicyAddendumRow | null> {
  const moment = at ?? CURRENT_TIME;
  const [row] = await db
    .select()
    .from(policyAddendumVersions)
    .where(
      and(
        eq(policyAddendumVersions.tenantId, tenantId),
        eq(policyAddendumVersions.kind, kind),
        eq(policyAddendumVersions.status, "published"),
        lte(policyAddendumVersions.effectiveFrom, moment),
        or(isNull(policyAddendumVersions.retiredAt), gt(policyAddendumVersions.retiredAt, moment)),
      ),
    )
    .orderBy(desc(policyAddendumVersions.effectiveFrom), desc(policyAddendumVersions.version))
    .limit(1);
  return row ?? null;
}

/** The tenant's published branding in effect at `at`; now (as the storefront config reads it) when left out. */
async function brandingAt(db: Database, tenantId: string, at: Date | undefined): Promise<BrandingVersionRow | null> {
  if (!at) return findBrandingInEffect(db, tenantId);
  const [row] = await db
    .select()
    .from(brandingVersions)
    .where(and(eq(brandingVersions.tenantId, tenantId), eq(brandingVersions.status, "published"), lte(brandingVersions.effectiveFrom, at)))
    .orderBy(desc(brandingVersions.effectiveFrom), desc(brandingVersions.version))
    .limit(1);
  return row ?? null;
}

/**
 * The values the variables take for this tenant at `at`. The operator's profile has no history, so
 * it is always today's; a tenant without branding at `at` gets today's branding, and one without
 * any branding its tenant name and visible placeholders.
 */
async function variableValues(
  db: Database,
  tenantId: string,
  template: PolicyVersionRow,
  at: Date | undefined,
): Promise<PolicyVariableValues> {
  const branding = (await brandingAt(db, tenantId, at)) ?? (at ? await findBrandingInEffect(db, tenantId) : null);
  const [tenant] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  const [operator] = await db.select().from(operatorProfile).limit(1);
  const effectiveFrom = template.effectiveFrom as Date;
  return {
    "partner.name": branding?.displayName ?? tenant?.name ?? "",
    "partner.legalName": branding?.legalName ?? MISSING_PARTNER_VALUES.legalName,
    "partner.legalAddress": branding?.legalAddress ?? MISSING_PARTNER_VALUES.legalAddress,
    "partner.supportEmail": branding?.supportEmail ?? MISSING_PARTNER_VALUES.supportEmail,
    "operator.name": operator?.name ?? MISSING_OPERATOR_VALUES.name,
    "operator.legalName": operator?.legalName ?? MISSING_OPERATOR_VALUES.legalName,
    "operator.supportEmail": operator?.supportEmail ?? MISSING_OPERATOR_VALUES.supportEmail,
    "policy.version": versionLabel(template),
    "policy.effectiveDate": effectiveFrom.toISOString().slice(0, 10),
  };
}

function versionLabel(template: PolicyVersionRow): string {
  return formatPolicyVersion({ major: template.major ?? 0, minor: template.minor ?? 0 });
}

async function renderAndRecord(db: Database, tenantId: string, template: PolicyVersionRow, at: Date | undefined): Promise<TenantRendering> {
  const addendum = await findAddendumInForce(db, tenantId, template.kind, at);
  const values = await variableValues(db, tenantId, template, at);
  const markdown = combinePolicyMarkdown(
    fillVariables(template.markdown, values),
    addendum?.markdown.trim() ? fillVariables(addendum.markdown, values) : null,
  );
  const rendition = await recordRendition(db, {
    tenantId,
    kind: template.kind,
    policyVersionId: template.id,
    addendumVersionId: addendum?.markdown.trim() ? addendum.id : null,
    version: versionLabel(template),
    addendumVersion: addendum?.markdown.trim() ? addendum.version : null,
    title: fillVariables(template.title, values),
    markdown,
    sha256: renditionSha256(markdown),
    variables: values,
  });
  return { rendition, purposes: template.purposes, template };
}

type NewRendition = typeof policyRenditions.$inferInsert & { sha256: string };

/**
 * Records a rendition the first time its text is seen, and answers the recorded row. Read first,
 * so the common case (a text already recorded) writes nothing; a concurrent first insert of the
 * same text is absorbed by ON CONFLICT on the unique (tenant, kind, version, sha256).
 */
async function recordRendition(db: Database, values: NewRendition): Promise<PolicyRenditionRow> {
  const same = and(
    eq(policyRenditions.tenantId, values.tenantId),
    eq(policyRenditions.kind, values.kind),
    eq(policyRenditions.policyVersionId, values.policyVersionId),
    eq(policyRenditions.sha256, values.sha256),
  );
  const [existing] = await db.select().from(policyRenditions).where(same).limit(1);
  if (existing) return existing;
  await db
    .insert(policyRenditions)
    .values(values)
    .onConflictDoNothing({
      target: [policyRenditions.tenantId, policyRenditions.kind, policyRenditions.policyVersionId, policyRenditions.sha256],
    });
  const [recorded] = await db.select().from(policyRenditions).where(same).limit(1);
  if (!recorded) throw new Error("the rendition was neither recorded nor found");
  return recorded;
}

// ---------------------------------------------------------------------------------------------
// The document as readers get it (the public endpoint and the dashboard)

/** Rendered HTML by the rendition's sha256: the same text always gives the same HTML, so it is made once. */
const htmlBySha256 = new Map<string, string>();
const HTML_CACHE_SIZE = 200;

/** The sanitised HTML of a rendition (see services/policy-html.ts), cached by its sha256. */
export function renditionHtml(rendition: Pick<PolicyRenditionRow, "markdown" | "sha256">): string {
  const cached = htmlBySha256.get(rendition.sha256);
  if (cached !== undefined) return cached;
  const html = renderPolicyHtml(rendition.markdown);
  if (htmlBySha256.size >= HTML_CACHE_SIZE) {
    const oldest = htmlBySha256.keys().next().value;
    if (oldest !== undefined) htmlBySha256.delete(oldest);
  }
  htmlBySha256.set(rendition.sha256, html);
  return html;
}

/** A purpose as the banner and the ledger read it: these fields, in this order, and nothing else. */
export function purposeView(purpose: PolicyPurposeRow) {
  const { key, name, description, category, legalBasis, vendor, transfer, retention, optIn } = purpose;
  return {
    key,
    name,
    description,
    category,
    legalBasis,
    vendor: { name: vendor.name, legalEntity: vendor.legalEntity },
    transfer: { destination: transfer.destination, mechanism: transfer.mechanism },
    retention,
    optIn,
  };
}
export type PolicyPurposeView = ReturnType<typeof purposeView>;

/**
 * The rendered document: `version` is the template's number, `effectiveAt` the template version's
 * effective time, `sha256` that of `markdown` (the rendered source), `html` its sanitised HTML.
 */
export function policyDocumentView({ rendition, purposes, template }: TenantRendering) {
  return {
    kind: rendition.kind,
    version: rendition.version,
    addendumVersion: rendition.addendumVersion,
    effectiveAt: (template.effectiveFrom as Date).toISOString(),
    sha256: rendition.sha256,
    title: rendition.title,
    html: renditionHtml(rendition),
    markdown: rendition.markdown,
    purposes: purposes.map(purposeView),
  };
}
export type PolicyDocumentView = ReturnType<typeof policyDocumentView>;
