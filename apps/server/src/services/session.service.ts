/**
 * Login sessions: random tokens in an httpOnly cookie; the database keeps only their HMAC under
 * SESSION_SECRET (see TokenDigest). A session ends when revoked, after IDLE of no use, or MAX_AGE
 * after it began.
 */
import { createHmac, randomBytes } from "node:crypto";
import { type Database, sessions, users } from "@pc/db";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";

export const SESSION_COOKIE = "pc_session";
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, to keep reads from turning into writes. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface SessionUser {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  operatorRole: "operator_admin" | "compliance" | "finance" | null;
  activeTenantId: string | null;
  expiresAt: Date;
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What the database keeps of a session or invitation token: HMAC-SHA256 under SESSION_SECRET, hex.
 * A copy of the database alone cannot confirm a stolen token (plain sha256 could), and a new secret
 * voids every stored token: everyone is logged out and pending invitation links stop working.
 */
export interface TokenDigest {
  digest(token: string): string;
}

/** At least this long: SESSION_SECRET's own rule (env.ts), checked again for secrets from elsewhere. */
export const SESSION_SECRET_MIN_LENGTH = 32;

export function createTokenDigest(secret: string): TokenDigest {
  if (typeof secret !== "string" || secret.length < SESSION_SECRET_MIN_LENGTH) {
    throw new Error(`The session secret must be at least ${SESSION_SECRET_MIN_LENGTH} characters`);
  }
  const key = Buffer.from(secret, "utf8");
  return { digest: (token) => createHmac("sha256", key).update(token).digest("hex") };
}

export async function createSession(
  db: Database,
  tokens: TokenDigest,
  args: { userId: string; activeTenantId: string | null; ip: string; userAgent: string | null },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_MAX_AGE_MS);
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: tokens.digest(token),
      userId: args.userId,
      activeTenantId: args.activeTenantId,
      expiresAt,
      ip: args.ip,
      userAgent: args.userAgent,
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error("session insert returned nothing");
  return { token, sessionId: row.id, expiresAt };
}

/**
 * The session look-up every signed-in request makes, as a prepared statement: built by Drizzle once
 * per database and planned by PostgreSQL once per connection (about 140 µs less CPU a request than
 * building the query each time; docs/performance.md).
 */
function prepareSessionLookup(db: Database) {
  return db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      operatorRole: users.operatorRole,
      activeTenantId: sessions.activeTenantId,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder("tokenHash")),
        isNull(sessions.revokedAt),
        isNull(users.disabledAt),
        gt(sessions.expiresAt, sql.placeholder("now")),
        gt(sessions.lastSeenAt, sql.placeholder("idleSince")),
      ),
    )
    .limit(1)
    .prepare("session_lookup");
}

const sessionLookups = new WeakMap<Database, ReturnType<typeof prepareSessionLookup>>();

/** The live session behind a token, or null. Touches last_seen_at now and then. */
export async function lookupSession(db: Database, tokens: TokenDigest, token: string): Promise<SessionUser | null> {
  if (token.length > 100) return null;
  const now = new Date();
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  const [row] = await lookup.execute({ tokenHash: tokens.digest(token), now, idleSince: new Date(now.getTime() - SESSION_IDLE_MS) });
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  }
  const { lastSeenAt: _lastSeenAt, ...session } = row;
  return session;
}

export async function revokeSession(db: Database, sessionId: string, reason: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Revokes every live session of a user, except one when given. Answers how many. */
export async function revokeUserSessions(db: Database, userId: string, reason: string, exceptSessionId?: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}

export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** A user's live sessions, newest use first. */
export async function listActiveSessions(db: Database, userId: string, currentSessionId?: string): Promise<SessionView[]> {
  const now = new Date();
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
      ),
    )
    .orderBy(sql`${sessions.lastSeenAt} desc`);
  return rows.map((row) => ({ ...row, current: row.id === currentSessionId }));
}
