/**
 * Cross-site request protection for tRPC: every POST must carry the x-pc-csrf header (a cross-site
 * form cannot set it, and a cross-site fetch with it needs a CORS preflight we never grant), and a
 * browser's Origin, when sent, must be this server's own.
 */
import type { FastifyReply, FastifyRequest } from "fastify";

export const CSRF_HEADER = "x-pc-csrf";

export function sameOrigin(req: FastifyRequest, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const own = `${req.protocol}://${req.host}`;
  return origin === own || allowedOrigins.includes(origin);
}

export function csrfGuard(allowedOrigins: readonly string[]) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== "POST" || !req.url.startsWith("/trpc")) return;
    if (req.headers[CSRF_HEADER] !== "1" || !sameOrigin(req, allowedOrigins)) {
      return reply.code(403).send({ error: { message: "Cross-site request refused", code: "FORBIDDEN" } });
    }
  };
}

/**
 * tRPC bodies are JSON only. The tRPC adapter hands multipart/form-data bodies to the procedure
 * unread, so Fastify's body limit never applies to them and they are buffered whole (and
 * answered 500): refused here, before a byte is read, as is any other media type.
 */
export function jsonBodiesOnly() {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== "POST" || !req.url.startsWith("/trpc")) return;
    const contentType = req.headers["content-type"];
    if (contentType === undefined || /^application\/json\s*(;|$)/i.test(contentType)) return;
    return reply
      .code(415)
      .send({ error: { message: "tRPC requests must send their input as application/json", code: "UNSUPPORTED_MEDIA_TYPE" } });
  };
}

/** CSP for the SPA: our own scripts only; Mantine sets inline styles; nobody may frame us. */
export const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:", "blob:"],
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};
