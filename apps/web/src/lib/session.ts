/** The signed-in person as the shell loaded them, and what they may do. */
import type { Permission } from "@pc/shared";
import { createContext, useContext } from "react";
import type { Me } from "./trpc";

export const MeContext = createContext<Me | null>(null);

/** The signed-in person; only inside the shell, which guarantees a session. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe() used outside the signed-in shell");
  return me;
}

/** Whether the session holds a permission in its current tenant context (the server decides). */
export function useCan(permission: Permission): boolean {
  return useMe().permissions.includes(permission);
}

/**
 * What decides what the session may see: its person, tenant, memberships and permissions. Equal
 * signatures mean equal access; "" when signed out.
 */
export function accessSignature(me: Me | null | undefined): string {
  if (!me) return "";
  return JSON.stringify([me.user.id, me.operatorRole, me.activeTenant, me.memberships, me.roles, me.permissions]);
}

export function isOperatorStaff(me: Me): boolean {
  return me.operatorRole !== null;
}

/**
 * Whether the tenant switcher offers this session a tenant: operator staff may open any, a partner
 * the tenants they are a member of. Without one, "choose a tenant" means nothing to them.
 */
export function canChooseTenant(me: Me): boolean {
  return isOperatorStaff(me) || me.memberships.length > 0;
}

/** Only same-site paths: `next` must never send anyone to another origin. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next.startsWith("/login")) return "/";
  return next;
}

export function loginPathFor(location: { pathname: string; search: string; hash: string }): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  if (here === "/" || location.pathname.startsWith("/login")) return "/login";
  return `/login?next=${encodeURIComponent(here)}`;
}
