/** What every tRPC call knows: the database, the request, and the session if there is one. */

import type {} from "@fastify/cookie";
import type { Database, DbKind } from "@pc/db";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { IngestDirectory } from "../ledger/ingest-directory.js";
import type { TrustedKeys } from "../ledger/ledger-verify.js";
import type { DnsResolver } from "../routers/domains/dns.js";
import type { SessionUser } from "../services/session.service.js";
import { lookupSession, SESSION_COOKIE, type TokenDigest } from "../services/session.service.js";
import type { StripeGateway } from "../stripe/stripe-gateway.js";

export interface RequestInfo {
  requestId: string;
  ip: string;
  userAgent: string | null;
  /** Whether the client reached us over https (directly or through a trusted proxy). */
  secure: boolean;
}

export interface CookieJar {
  get(): string | undefined;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface AppServices {
  rootDb: Database;
  dbKind: DbKind;
  publicUrl: string;
  /** Looks up custom domains' verification records (a fake one in tests). */
  dns: DnsResolver;
  /** Consent ingestion's caches, forgotten after a key or settings change so this process applies it at once. */
  ingestDirectory: Pick<IngestDirectory, "invalidate">;
  /** Checkpoint keys the ledger verifier trusts. */
  ledgerTrustedKeys: TrustedKeys;
  production: boolean;
  /** The Stripe SDK (real, or pointed at the simulator). */
  stripe: StripeGateway;
  /** Session and invitation tokens' stored form (HMAC under SESSION_SECRET). */
  tokens: TokenDigest;
  /** Whether SMTP_URL is set (mail is delivered); false when left out. The outbox page says so. */
  smtpConfigured?: boolean;
}

export interface Context extends AppServices {
  request: RequestInfo;
  cookies: CookieJar;
  session: SessionUser | null;
  setHeader(name: string, value: string): void;
}

export function requestInfo(req: FastifyRequest): RequestInfo {
  const ua = req.headers["user-agent"];
  return {
    requestId: String(req.id),
    ip: req.ip,
    userAgent: typeof ua === "string" ? ua.slice(0, 512) : null,
    secure: req.protocol === "https",
  };
}

export function cookieJar(req: FastifyRequest, res: FastifyReply, secure: boolean): CookieJar {
  return {
    get: () => req.cookies[SESSION_COOKIE],
    set: (token, expiresAt) =>
      res.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/", expires: expiresAt }),
    clear: () => res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" }),
  };
}

/** The context of one call, from the parts any transport provides (Fastify, or a test). */
export async function buildContext(
  services: AppServices,
  request: RequestInfo,
  cookies: CookieJar,
  setHeader: (name: string, value: string) => void,
): Promise<Context> {
  const token = cookies.get();
  const session = token ? await lookupSession(services.rootDb, services.tokens, token) : null;
  return { ...services, request, cookies, session, setHeader };
}

export function createContext(services: AppServices, req: FastifyRequest, res: FastifyReply): Promise<Context> {
  const request = requestInfo(req);
  return buildContext(services, request, cookieJar(req, res, request.secure), (name, value) => {
    res.header(name, value);
  });
}
