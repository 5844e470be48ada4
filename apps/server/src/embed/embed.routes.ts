/**
 * What storefronts embed from the console: GET /embed/consent.js, the consent banner (joined from its
 * parts once at start by consent-script.ts, served to any origin with a strong ETag). Outside
 * production, a demo storefront that includes it: GET /demo/storefront/:slug and its script
 * GET /demo/storefront.js. In production the demo routes answer 404 themselves; left unregistered,
 * the SPA fallback would answer their pages.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { consentPublishableKeys, type Database } from "@pc/db";
import { and, eq, isNull } from "drizzle-orm";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { withActiveTenant } from "../http/public/active-tenant.js";
import { matchesIfNoneMatch, strongEtag } from "../http/public/public.routes.js";
import { assembleConsentScript } from "./consent-script.js";
import { DEMO_SLUG, DEMO_STOREFRONT_CSP, demoStorefrontHtml } from "./demo-storefront-page.js";

export interface EmbedRoutesOptions {
  /** Production serves no demo pages. */
  production: boolean;
  /** The demo storefront embeds the tenant's current publishable key. */
  db: Database;
}

/** An active tenant's current publishable key, or null (unknown or suspended tenant, no key). */
function currentKeyOf(db: Database, slug: string): Promise<string | null> {
  return withActiveTenant(db, slug, async (tx, tenant) => {
    const [row] = await tx
      .select({ key: consentPublishableKeys.key })
      .from(consentPublishableKeys)
      .where(and(eq(consentPublishableKeys.tenantId, tenant.id), isNull(consentPublishableKeys.expiresAt)));
    return row?.key ?? null;
  });
}

/** Five minutes: a new banner reaches every storefront soon after a deploy, and revalidation is a 304. */
export const EMBED_CACHE_CONTROL = "public, max-age=300";
const JAVASCRIPT = "text/javascript; charset=utf-8";

interface StaticScript {
  bytes: Buffer;
  etag: string;
}

function staticScript(bytes: Buffer): StaticScript {
  return { bytes, etag: strongEtag(bytes) };
}

async function loadScript(fileName: string): Promise<StaticScript> {
  return staticScript(await readFile(join(import.meta.dirname, fileName)));
}

function sendScript(req: FastifyRequest, reply: FastifyReply, script: StaticScript) {
  reply
    .type(JAVASCRIPT)
    .header("etag", script.etag)
    .header("cache-control", EMBED_CACHE_CONTROL)
    .header("x-content-type-options", "nosniff");
  if (matchesIfNoneMatch(req.headers["if-none-match"], script.etag)) return reply.code(304).send();
  return reply.send(script.bytes);
}

function notFound(req: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(404)
    .type("application/json; charset=utf-8")
    .send({ error: { code: "NOT_FOUND", message: `No route for ${req.method} ${req.url.split("?")[0]}` } });
}

export const embedRoutes: FastifyPluginAsync<EmbedRoutesOptions> = async (app, { production, db }) => {
  const banner = staticScript(await assembleConsentScript());

  app.get("/embed/consent.js", async (req, reply) => {
    // Storefronts on any origin load it (helmet's CORP says same-origin); CORS lets them check its integrity.
    reply.header("cross-origin-resource-policy", "cross-origin").header("access-control-allow-origin", "*");
    return sendScript(req, reply, banner);
  });

  if (production) {
    app.get("/demo/storefront.js", async (req, reply) => notFound(req, reply));
    app.get("/demo/storefront/:slug", async (req, reply) => notFound(req, reply));
    return;
  }

  const demoScript = await loadScript("demo-storefront.js");
  app.get("/demo/storefront.js", async (req, reply) => sendScript(req, reply, demoScript));

  app.get<{ Params: { slug: string } }>("/demo/storefront/:slug", async (req, reply) => {
    const { slug } = req.params;
    if (!DEMO_SLUG.test(slug)) return notFound(req, reply);
    const key = await currentKeyOf(db, slug);
    if (!key) return notFound(req, reply);
    return (
      reply
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-store")
        // Replaces helmet's policy on this response: the page needs exactly these sources.
        .header("content-security-policy", DEMO_STOREFRONT_CSP)
        .send(demoStorefrontHtml(slug, key))
    );
  });
};
