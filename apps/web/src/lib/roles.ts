import { ROLES, type Role } from "@pc/shared";

/** Narrows a role that came as a plain string from the server. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
