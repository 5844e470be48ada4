/**
 * Small assertion helpers for the integration tests: the tRPC code a call ends with, the error a
 * client would see (through the server's own error formatter), and the audit events a step wrote.
 */
import { auditEvents, users } from "@pc/db";
import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { asc, desc, eq, gt } from "drizzle-orm";
import { appRouter } from "../src/router.js";
import type { Harness } from "./harness.js";

export type Outcome = "OK" | TRPCError["code"];

/** "OK" when the call succeeds, else the tRPC code it failed with. Anything else is rethrown. */
export async function codeOf(promise: Promise<unknown>): Promise<Outcome> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  return "OK";
}

/** The TRPCError a call fails with; fails the test when the call succeeds. */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

export interface ClientErrorData {
  code: TRPCError["code"];
  message: string;
  fieldErrors: Record<string, string[] | undefined> | null;
  formErrors: string[] | null;
}

/** What a client receives for this error: the router's errorFormatter applied, as over HTTP. */
export function clientErrorOf(error: TRPCError): ClientErrorData {
  const shape = getErrorShape({
    config: appRouter._def._config,
    error,
    type: "unknown",
    path: undefined,
    input: undefined,
    ctx: undefined,
  }) as { message: string; data: { code: TRPCError["code"]; fieldErrors: ClientErrorData["fieldErrors"]; formErrors: string[] | null } };
  return { code: shape.data.code, message: shape.message, fieldErrors: shape.data.fieldErrors, formErrors: shape.data.formErrors };
}

/** The client-visible error of a call that must fail. */
export async function clientErrorFrom(promise: Promise<unknown>): Promise<ClientErrorData> {
  return clientErrorOf(await errorOf(promise));
}

/** Marks the audit trail now; `events()` answers every event written after the mark, oldest first. */
export async function auditMark(h: Harness) {
  const [last] = await h.db.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  const since = last?.id ?? 0;
  return {
    since,
    events: () => h.db.db.select().from(auditEvents).where(gt(auditEvents.id, since)).orderBy(asc(auditEvents.id)),
  };
}

/** The id of an account by email, read directly from the database. */
export async function userIdOf(h: Harness, email: string): Promise<string> {
  const [row] = await h.db.db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** The token part of an invitation url. */
export function tokenOf(url: string): string {
  const token = url.split("/invite/")[1];
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}
