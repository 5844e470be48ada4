/**
 * Roles and the permission matrix: the one place that says who may do what.
 * The server enforces it; the web app reads it only to decide what to show.
 */

export const OPERATOR_ROLES = ["operator_admin", "compliance", "finance"] as const;
export const PARTNER_ROLES = ["partner_admin", "partner_viewer"] as const;
export const ROLES = [...OPERATOR_ROLES, ...PARTNER_ROLES] as const;

export type OperatorRole = (typeof OPERATOR_ROLES)[number];
export type PartnerRole = (typeof PARTNER_ROLES)[number];
export type Role = (typeof ROLES)[number];

export function isOperatorRole(role: string): role is OperatorRole {
  return (OPERATOR_ROLES as readonly string[]).includes(role);
}

export function isPartnerRole(role: string): role is PartnerRole {
  return (PARTNER_ROLES as readonly string[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  operator_admin: "Operator admin",
  compliance: "Compliance",
  finance: "Finance",
  partner_admin: "Partner admin",
  partner_viewer: "Partner viewer",
};

/**
 * Permissions. Operator roles hold them across every tenant; partner roles hold them
 * on the tenants they are members of.
 */
export const PERMISSIONS = [
  "tenants.read",
  "tenants.manage",
  "users.read",
  "users.manage",
  "sessions.manage_any",
  "team.read",
  "team.manage",
  "audit.read",
  "prices.read",
  "prices.edit",
  "prices.set_revenue_share",
  "branding.read",
  "branding.edit",
  "branding.set_powered_by",
  "policies.read",
  "policies.edit",
  "policies.approve",
  "policies.edit_addendum",
  "consent.read",
  "consent.manage_keys",
  "consent.manage_ingest",
  /** File data-subject requests and take them through their workflow (erasure, access exports). */
  "consent.requests",
  /** Set a tenant's retention period for consent records (within the operator's limits). */
  "consent.retention",
  /** Set the operator's default retention period and its limits. */
  "consent.retention_limits",
  /** Place and release legal holds, which keep consent records from retention and erasure. */
  "consent.legal_hold",
  /** Purge consent records past their retention now (the daily job does it anyway). */
  "consent.purge",
  "earnings.read",
  "earnings.onboard",
  "payouts.read",
  "payouts.hold",
  "payouts.export",
  "stripe_events.read",
  "stripe_events.replay",
  /** The email outbox: all mail for operator staff, the tenant's own for partner admins. */
  "email.read",
  /** Send a failed mail again now. */
  "email.retry",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  operator_admin: PERMISSIONS,
  compliance: [
    "tenants.read",
    "users.read",
    "team.read",
    "audit.read",
    "prices.read",
    "branding.read",
    "policies.read",
    "policies.edit",
    "policies.approve",
    "consent.read",
    "consent.requests",
    "consent.retention",
    "consent.legal_hold",
    "consent.purge",
  ],
  finance: [
    "tenants.read",
    "team.read",
    "prices.read",
    "prices.set_revenue_share",
    "branding.read",
    "policies.read",
    "earnings.read",
    "payouts.read",
    "payouts.hold",
    "payouts.export",
    "stripe_events.read",
    "stripe_events.replay",
  ],
  partner_admin: [
    "tenants.read",
    "team.read",
    "team.manage",
    "audit.read",
    "prices.read",
    "prices.edit",
    "branding.read",
    "branding.edit",
    "policies.read",
    "policies.edit_addendum",
    "consent.read",
    "consent.manage_keys",
    "consent.requests",
    "consent.retention",
    "earnings.read",
    "earnings.onboard",
    "email.read",
  ],
  partner_viewer: ["tenants.read", "team.read", "prices.read", "branding.read", "policies.read", "consent.read", "earnings.read"],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Whether any of the roles grants the permission. */
export function rolesHave(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => roleHas(role, permission));
}

/** Roles a partner admin may hand out inside their own tenant. */
export const ROLES_PARTNER_ADMIN_MAY_GRANT: readonly PartnerRole[] = PARTNER_ROLES;
