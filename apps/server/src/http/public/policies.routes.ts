/**
 * GET /api/public/tenants/:slug/policies/:kind: a tenant's policy as its storefront shows it, with
 * no session: the operator's version in force now with the tenant's addendum and values (or, with
 * `?version=1.0`, an earlier version exactly as it was shown), its sanitised HTML and markdown
 * source, the consent purposes it defines, and from which version earlier consents are stale.
 * Registered by public.routes.ts, whose CORS, ETag and 404 handling it shares.
 */
import { type Database, policyReconsentRequirements, type Transaction } from "@pc/db";
import { formatPolicyVersion, POLICY_KIND_LABELS, POLICY_KINDS, type PolicyKind, parsePolicyVersion } from "@pc/shared";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { latestMaterialInForce } from "../../routers/policies/policies.service.js";
import { type PolicyDocumentView, policyDocumentView, renderForTenant } from "../../services/policy-render.service.js";
import { type PublicTenant, withActiveTenant } from "./active-tenant.js";

/**
 * Like the storefront config: a new version, addendum or branding shows within a minute (and a
 * minute more while a cache revalidates in the background). Not immutable even for `?version`:
 * `reconsentSince` follows the versions published since.
 */
export const POLICY_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

/** The public routes' shared HTTP handling, handed over by public.routes.ts. */
export interface PublicHttp {
  sendCached(req: FastifyRequest, reply: FastifyReply, body: string, etag: string, cacheControl: string): FastifyReply;
  notFound(reply: FastifyReply, message: string): FastifyReply;
  strongEtag(body: string): string;
}

export interface PublicPolicy extends Omit<PolicyDocumentView, "kind"> {
  tenant: { slug: string };
  kind: PolicyKind;
  /** The latest material version in force: consents given to an earlier version are stale. */
  reconsentSince: string | null;
  /** This tenant's re-consent requirement for that version: from when, and what users must be told. */
  reconsent: { since: string; summary: string } | null;
}

const isPolicyKind = (kind: string): kind is PolicyKind => (POLICY_KINDS as readonly string[]).includes(kind);

type Lookup = { found: PublicPolicy } | { missing: "tenant" | "version" };

/** The tenant's policy, or why there is none: an unknown (suspended, malformed) tenant, or no such version. */
export async function loadPublicPolicy(db: Database, slug: string, kind: PolicyKind, version: string | undefined): Promise<Lookup> {
  const found = await withActiveTenant(db, slug, (tx, tenant) => buildPolicy(tx, tenant, kind, version));
  if (found === null) return { missing: "tenant" };
  return found === "no_version" ? { missing: "version" } : { found };
}

async function buildPolicy(tx: Transaction, tenant: PublicTenant, kind: PolicyKind, version: string | undefined) {
  const rendering = await renderForTenant(tx, { tenantId: tenant.id, kind, version });
  if (!rendering) return "no_version" as const;
  const document = policyDocumentView(rendering);
  const material = await latestMaterialInForce(tx, kind);
  let reconsent: PublicPolicy["reconsent"] = null;
  if (material) {
    const [requirement] = await tx
      .select({ since: policyReconsentRequirements.since, summary: policyReconsentRequirements.summary })
      .from(policyReconsentRequirements)
      .where(
        and(
          eq(policyReconsentRequirements.tenantId, tenant.id),
          eq(policyReconsentRequirements.policyVersionId, material.id),
          isNull(policyReconsentRequirements.voidedAt),
        ),
      )
      .orderBy(desc(policyReconsentRequirements.since))
      .limit(1);
    if (requirement) reconsent = { since: requirement.since.toISOString(), summary: requirement.summary };
  }
  const body: PublicPolicy = {
    tenant: { slug: tenant.slug },
    kind,
    version: document.version,
    addendumVersion: document.addendumVersion,
    effectiveAt: document.effectiveAt,
    sha256: document.sha256,
    title: document.title,
    html: document.html,
    markdown: document.markdown,
    purposes: document.purposes,
    reconsentSince:
      material?.major != null && material.minor != null ? formatPolicyVersion({ major: material.major, minor: material.minor }) : null,
    reconsent,
  };
  return body;
}

export function registerPolicyRoutes(app: FastifyInstance, db: Database, http: PublicHttp): void {
  app.get<{ Params: { slug: string; kind: string }; Querystring: { version?: unknown } }>(
    "/tenants/:slug/policies/:kind",
    async (req, reply) => {
      const { slug, kind } = req.params;
      if (!isPolicyKind(kind)) return http.notFound(reply, `No policy document named ${kind}`);
      const label = POLICY_KIND_LABELS[kind].toLowerCase();
      // A malformed version (or several) names no version: the same 404 as an unknown one.
      const asked = req.query.version;
      if (asked !== undefined && (typeof asked !== "string" || !parsePolicyVersion(asked))) {
        return http.notFound(reply, `No version ${String(asked)} of the ${label}`);
      }
      const result = await loadPublicPolicy(db, slug, kind, asked);
      if ("missing" in result) {
        if (result.missing === "tenant") return http.notFound(reply, `No storefront named ${slug}`);
        return http.notFound(reply, asked ? `No version ${asked} of the ${label}` : `No ${label} is in force yet`);
      }
      const body = JSON.stringify(result.found);
      reply.type("application/json; charset=utf-8");
      return http.sendCached(req, reply, body, http.strongEtag(body), POLICY_CACHE_CONTROL);
    },
  );
}
