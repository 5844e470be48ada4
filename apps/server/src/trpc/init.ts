/**
 * The tRPC instance and the procedure builders every router uses:
 * - publicProcedure: anyone; domain errors mapped to tRPC codes.
 * - signedInProcedure: a live session; runs in one transaction as the app role with RLS set.
 * - operatorProcedure(permission): operator staff whose role grants it; sees every tenant.
 * - tenantProcedure(permission): acts on the session's active tenant only (never one from input).
 */
import { type Database, narrowToTenant, narrowToVisibleTenant, withMemberContext } from "@pc/db";
import { isOperatorRole, type PartnerRole, type Permission, type Role, rolesHave } from "@pc/shared";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionError,
  RateLimitedError,
  UnauthorizedError,
} from "../errors.js";
import type { AuditActor } from "../services/audit.service.js";
import type { Context } from "./context.js";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const flattened =
      cause instanceof z.ZodError
        ? z.flattenError(cause)
        : cause instanceof InvalidInputError
          ? { fieldErrors: { [cause.field]: [cause.message] }, formErrors: [] }
          : null;
    return {
      ...shape,
      // Internal errors never leak their message (SQL, stack) to the client.
      message: error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side; it has been logged." : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        fieldErrors: flattened?.fieldErrors ?? null,
        formErrors: flattened?.formErrors ?? null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** The Postgres error code behind a (possibly wrapped) driver error. */
function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function toTRPCError(error: unknown, setHeader: (name: string, value: string) => void): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof DomainError) {
    if (error instanceof RateLimitedError) setHeader("Retry-After", String(error.retryAfterSeconds));
    const code =
      error instanceof NotFoundError
        ? "NOT_FOUND"
        : error instanceof ForbiddenError
          ? "FORBIDDEN"
          : error instanceof UnauthorizedError
            ? "UNAUTHORIZED"
            : error instanceof ConflictError
              ? "CONFLICT"
              : error instanceof PreconditionError
                ? "PRECONDITION_FAILED"
                : error instanceof RateLimitedError
                  ? "TOO_MANY_REQUESTS"
                  : "BAD_REQUEST";
    return new TRPCError({ code, message: error.message, cause: error });
  }
  const pgCode = pgErrorCode(error);
  if (pgCode === "23505") return new TRPCError({ code: "CONFLICT", message: "That already exists", cause: error as Error });
  // A NUL in text (22021) or in JSON (22P05) cannot be stored. Inputs refuse it field by field; any
  // text that slips through is still the caller's mistake, not ours.
  if (pgCode === "22021" || pgCode === "22P05") {
    return new TRPCError({ code: "BAD_REQUEST", message: "Text cannot contain NUL characters", cause: error as Error });
  }
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error instanceof Error ? error : undefined });
}

const mapDomainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) return result;
  // tRPC wraps anything that is not a TRPCError as INTERNAL_SERVER_ERROR; unwrap and map it.
  const error = result.error;
  throw error.code === "INTERNAL_SERVER_ERROR" ? toTRPCError(error.cause ?? error, ctx.setHeader) : error;
});

export const publicProcedure = t.procedure.use(mapDomainErrors);

export interface Access {
  /** Roles in force for this call: the operator role plus the partner role on the active tenant. */
  roles: Role[];
  activeTenantId: string | null;
  activeTenantRole: PartnerRole | null;
}

/** The roles in force: the operator role, and the partner role on the active tenant (none when suspended). */
function accessOf(operatorRole: Role | null, activeTenantId: string | null, activeTenantRole: PartnerRole | null): Access {
  const roles: Role[] = [];
  if (operatorRole) roles.push(operatorRole);
  if (activeTenantRole) roles.push(activeTenantRole);
  return { roles, activeTenantId, activeTenantRole };
}

/**
 * Runs the rest of the call in one transaction as the app role, opened with the session's RLS context
 * and the partner role on its active tenant (withMemberContext: one round trip on PostgreSQL). A
 * failed call rolls back: its error is rethrown inside the transaction.
 */
export const signedInProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = ctx.session;
  if (!session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  const member = { userId: session.userId, operator: session.operatorRole !== null, activeTenantId: session.activeTenantId };
  return withMemberContext(ctx.rootDb, member, async (tx, activeTenantRole) => {
    const access = accessOf(session.operatorRole, session.activeTenantId, activeTenantRole);
    // A partner acting on a tenant they belong to is narrowed to it already (they see its rows too);
    // the builders below narrow only when the transaction is not narrowed to their tenant yet.
    const narrowedTenantId = !session.operatorRole && activeTenantRole ? session.activeTenantId : null;
    const actor: AuditActor = { userId: session.userId, label: session.email, requestId: ctx.request.requestId, ip: ctx.request.ip };
    const result = await next({ ctx: { db: tx as Database, session, access, actor, narrowedTenantId } });
    if (!result.ok) throw result.error;
    return result;
  });
});

/** FORBIDDEN, saying why: a role too weak, or no access left to the session's tenant. */
function refusal(access: Access): TRPCError {
  const lostTenant = access.activeTenantId !== null && access.roles.length === 0;
  return new TRPCError({
    code: "FORBIDDEN",
    message: lostTenant
      ? "You no longer have access to this tenant: you were removed from it, or it is suspended"
      : "Your role does not allow this",
  });
}

/** Operator staff whose operator role grants the permission. Sees every tenant. */
export function operatorProcedure(permission: Permission) {
  return signedInProcedure.use(({ ctx, next }) => {
    const role = ctx.session.operatorRole;
    if (!role || !isOperatorRole(role) || !rolesHave([role], permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this" });
    }
    return next();
  });
}

/**
 * Acts on the session's active tenant. The tenant comes from the session, never from input.
 * RLS is narrowed to that tenant for the rest of the call, even for operator staff.
 */
export function tenantProcedure(permission: Permission) {
  return signedInProcedure.use(async ({ ctx, next }) => {
    const tenantId = ctx.access.activeTenantId;
    if (!tenantId) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Choose a tenant first" });
    if (!rolesHave(ctx.access.roles, permission)) throw refusal(ctx.access);
    // Narrowed already: a member of an active tenant (checked when the transaction opened). Otherwise
    // (staff), the tenant must exist: the look-up and the narrowing are one statement.
    if (ctx.narrowedTenantId !== tenantId && !(await narrowToVisibleTenant(ctx.db, tenantId))) {
      throw new TRPCError({ code: "NOT_FOUND", message: "Tenant not found" });
    }
    return next({ ctx: { tenantId } });
  });
}

/**
 * Either side may call: operator staff whose role grants `operator` see every tenant
 * (scopeTenantId null); others need `tenant` on the active tenant, and RLS is narrowed to it.
 */
export function scopedProcedure(permissions: { operator: Permission; tenant: Permission }) {
  return signedInProcedure.use(async ({ ctx, next }) => {
    const operatorRole = ctx.session.operatorRole;
    if (operatorRole && rolesHave([operatorRole], permissions.operator)) {
      return next({ ctx: { scopeTenantId: null as string | null } });
    }
    const tenantId = ctx.access.activeTenantId;
    if (!tenantId || !rolesHave(ctx.access.roles, permissions.tenant)) throw refusal(ctx.access);
    if (ctx.narrowedTenantId !== tenantId) await narrowToTenant(ctx.db, tenantId);
    return next({ ctx: { scopeTenantId: tenantId as string | null } });
  });
}
