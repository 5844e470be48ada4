import { describe, expect, it } from "vitest";
import { ZInviteUserInput, ZTenantSlug } from "./index.js";
import { OPERATOR_ROLES, PARTNER_ROLES, PERMISSIONS, ROLE_PERMISSIONS, ROLES, rolesHave } from "./roles.js";

describe("permission matrix", () => {
  it("names only known permissions", () => {
    for (const role of ROLES) for (const permission of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(permission);
  });

  it("gives every permission to operator_admin", () => {
    expect([...ROLE_PERMISSIONS.operator_admin].sort()).toEqual([...PERMISSIONS].sort());
  });

  it("never lets a partner role manage tenants, users or other people's sessions", () => {
    for (const role of PARTNER_ROLES) {
      for (const permission of ["tenants.manage", "users.read", "users.manage", "sessions.manage_any"] as const) {
        expect(rolesHave([role], permission), `${role} ${permission}`).toBe(false);
      }
    }
  });

  it("lets viewers change nothing", () => {
    expect(ROLE_PERMISSIONS.partner_viewer.filter((p) => p.endsWith(".manage"))).toEqual([]);
  });

  it("lets compliance and partner admins handle data-subject requests, and nobody else but operator admins", () => {
    const handlers = ROLES.filter((role) => rolesHave([role], "consent.requests"));
    expect(handlers.sort()).toEqual(["compliance", "operator_admin", "partner_admin"]);
  });

  it("combines roles", () => {
    expect(rolesHave(["finance"], "team.manage")).toBe(false);
    expect(rolesHave(["finance", "partner_admin"], "team.manage")).toBe(true);
    expect(rolesHave([], "tenants.read")).toBe(false);
    expect(OPERATOR_ROLES).toHaveLength(3);
  });
});

describe("input schemas", () => {
  it("accepts and normalises a slug, and names what is wrong with a bad one", () => {
    expect(ZTenantSlug.parse(" NorthWave ")).toBe("northwave");
    expect(ZTenantSlug.safeParse("-bad-").error?.issues[0]?.message).toMatch(/lowercase letters/);
    expect(ZTenantSlug.safeParse("ab").error?.issues[0]?.message).toMatch(/at least 3/);
  });

  it("ties partner roles to a tenant and operator roles to none", () => {
    const tenantId = "8d0b7a52-7a31-4c36-9a54-1d7c5f8a3f11";
    expect(ZInviteUserInput.safeParse({ email: "a@b.no", role: "partner_admin" }).success).toBe(false);
    expect(ZInviteUserInput.safeParse({ email: "a@b.no", role: "finance", tenantId }).success).toBe(false);
    expect(ZInviteUserInput.safeParse({ email: "A@B.no", role: "partner_viewer", tenantId }).data?.email).toBe("a@b.no");
    expect(ZInviteUserInput.safeParse({ email: "a@b.no", role: "finance" }).success).toBe(true);
  });
});
