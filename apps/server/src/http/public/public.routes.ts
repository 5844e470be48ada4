/**
 * The plain-HTTP API storefronts read, without a session: a tenant's storefront config, its brand
 * assets and its policies (policies.routes.ts). Open to every origin (CORS applies to these routes
 * only), cached by ETag, and answering an unknown, a suspended and a malformed tenant with the same 404.
 */
import { createHash } from "node:crypto";
import fastifyCors from "@fastify/cors";
import type { Database } from "@pc/db";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { registerPolicyRoutes } from "./policies.routes.js";
import { findPublicAsset } from "./public-asset.js";
import { loadStorefrontConfig } from "./storefront-config.js";

export interface PublicRoutesOptions {
  db: Database;
  /** The console's PUBLIC_URL: asset URLs in the config are absolute, on this origin. */
  publicUrl: string;
}

/**
 * A scheduled branding or price version shows within a minute of its time (then a minute more at
 * most while a cache revalidates in the background); nothing needs a restart or a purge.
 */
export const CONFIG_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";
/** An asset never changes: a new image is a new id, hence a new URL. */
export const ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable";
/** Long enough to spare a storefront's hot path, short enough that a new or reactivated tenant shows soon. */
const NOT_FOUND_CACHE_CONTROL = "public, max-age=60";

/** `"…"`: sha256 of the exact body, base64url. Strong, since equal bytes are all it promises. */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url")}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`, and `*` matches anything. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const candidate = tag.trim().replace(/^W\//, "");
    return candidate === "*" || candidate === etag;
  });
}

function sendCached(req: FastifyRequest, reply: FastifyReply, body: string | Buffer, etag: string, cacheControl: string) {
  reply.header("etag", etag).header("cache-control", cacheControl);
  if (matchesIfNoneMatch(req.headers["if-none-match"], etag)) return reply.code(304).send();
  return reply.send(body);
}

function notFound(reply: FastifyReply, message: string) {
  return reply
    .code(404)
    .header("cache-control", NOT_FOUND_CACHE_CONTROL)
    .type("application/json; charset=utf-8")
    .send(JSON.stringify({ error: { code: "NOT_FOUND", message } }));
}

export const publicRoutes: FastifyPluginAsync<PublicRoutesOptions> = async (app, { db, publicUrl }) => {
  // Registered inside this plugin, so CORS reaches these routes and never /trpc. No credentials:
  // the routes read no cookie, and a wildcard origin could not be combined with them anyway.
  await app.register(fastifyCors, {
    origin: "*",
    methods: ["GET", "HEAD", "OPTIONS"],
    credentials: false,
    exposedHeaders: ["ETag"],
    maxAge: 86_400,
  });
  // Storefronts on other origins embed the logos and read the config (helmet says same-origin).
  app.addHook("onRequest", async (_req, reply) => {
    reply.header("cross-origin-resource-policy", "cross-origin");
  });

  // Unmatched paths under /api/public (an over-long slug included) get the same JSON and CORS headers.
  app.setNotFoundHandler((req, reply) => notFound(reply, `No route for ${req.method} ${req.url.split("?")[0]}`));

  app.get<{ Params: { slug: string } }>("/tenants/:slug/config", async (req, reply) => {
    const { slug } = req.params;
    const config = await loadStorefrontConfig(db, slug, publicUrl);
    if (!config) return notFound(reply, `No storefront named ${slug}`);
    const body = JSON.stringify(config);
    reply.type("application/json; charset=utf-8");
    return sendCached(req, reply, body, strongEtag(body), CONFIG_CACHE_CONTROL);
  });

  registerPolicyRoutes(app, db, { sendCached, notFound, strongEtag });

  app.get<{ Params: { slug: string; assetId: string } }>("/assets/:slug/:assetId", async (req, reply) => {
    const asset = await findPublicAsset(db, req.params.slug, req.params.assetId);
    if (!asset) return notFound(reply, "No such asset");
    reply.type(asset.contentType).header("x-content-type-options", "nosniff");
    // Opened on its own, an SVG is a document: sandboxed, any script it might carry cannot run
    // with this origin's rights. This replaces helmet's CSP on this response.
    if (asset.contentType === "image/svg+xml") reply.header("content-security-policy", "sandbox");
    return sendCached(req, reply, asset.bytes, `"${asset.sha256}"`, ASSET_CACHE_CONTROL);
  });
};
