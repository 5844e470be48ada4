/**
 * Password login. Unknown email and wrong password get the same answer in about the same time;
 * failures are limited per account and per IP, recorded, and written to the audit trail.
 */
import { type Database, decoyPasswordHash, loginAttempts, users, verifyPassword } from "@pc/db";
import { and, asc, count, eq, gt } from "drizzle-orm";
import { RateLimitedError, UnauthorizedError } from "../errors.js";
import { recordAudit } from "./audit.service.js";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export const WRONG_CREDENTIALS = "Wrong email or password";

interface LoginArgs {
  email: string;
  password: string;
  ip: string;
  requestId: string;
}

/** Throws RateLimitedError when the account or the IP has too many recent failures. */
async function enforceRateLimits(db: Database, email: string, ip: string): Promise<void> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const checks = [
    { where: eq(loginAttempts.email, email), max: MAX_FAILURES_PER_ACCOUNT },
    { where: eq(loginAttempts.ip, ip), max: MAX_FAILURES_PER_IP },
  ];
  for (const check of checks) {
    const filter = and(check.where, eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since));
    const [row] = await db.select({ n: count() }).from(loginAttempts).where(filter);
    if ((row?.n ?? 0) < check.max) continue;
    // Allowed again once enough of the window's failures have aged out.
    const [oldest] = await db
      .select({ at: loginAttempts.createdAt })
      .from(loginAttempts)
      .where(filter)
      .orderBy(asc(loginAttempts.createdAt))
      .offset((row?.n ?? check.max) - check.max)
      .limit(1);
    const retryAfterMs = (oldest?.at.getTime() ?? Date.now()) + LOGIN_WINDOW_MS - Date.now();
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    throw new RateLimitedError(`Too many failed logins; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, retryAfterSeconds);
  }
}

/** Checks the credentials; answers the user's id, or throws after recording the failure. */
export async function verifyLogin(db: Database, args: LoginArgs): Promise<{ userId: string }> {
  await enforceRateLimits(db, args.email, args.ip);
  const [user] = await db.select().from(users).where(eq(users.email, args.email)).limit(1);
  const storedHash = user && !user.disabledAt ? user.passwordHash : null;
  // No usable account still costs one verification, so timing does not reveal it.
  const ok = await verifyPassword(storedHash ?? (await decoyPasswordHash()), args.password);
  if (!user || !storedHash || !ok) {
    await db.transaction(async (tx) => {
      await tx.insert(loginAttempts).values({ email: args.email, ip: args.ip, succeeded: false });
      await recordAudit(
        tx,
        { userId: null, label: args.email, requestId: args.requestId, ip: args.ip },
        { action: "auth.login_failed", targetType: "user", targetId: user?.id },
      );
    });
    throw new UnauthorizedError(WRONG_CREDENTIALS);
  }
  return { userId: user.id };
}

export async function recordLoginSuccess(
  db: Database,
  args: { userId: string; email: string; ip: string; requestId: string; sessionId: string },
) {
  await db.insert(loginAttempts).values({ email: args.email, ip: args.ip, succeeded: true });
  await recordAudit(
    db,
    { userId: args.userId, label: args.email, requestId: args.requestId, ip: args.ip },
    { action: "auth.login", targetType: "session", targetId: args.sessionId },
  );
}
