import { z } from "zod";

export const ZId = z.uuid({ message: "Must be a valid id" });

export const ZTenantSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Slug must be at least 3 characters")
  .max(40, "Slug must be at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Slug may hold lowercase letters, digits and inner hyphens only");

export const ZTenantName = z.string().trim().min(2, "Name must be at least 2 characters").max(120, "Name must be at most 120 characters");

export const ZCreateTenantInput = z.object({ name: ZTenantName, slug: ZTenantSlug });
export type CreateTenantInput = z.infer<typeof ZCreateTenantInput>;

export const ZTenantIdInput = z.object({ id: ZId });

export const ZSuspendTenantInput = z.object({
  id: ZId,
  reason: z.string().trim().min(3, "Give a reason of at least 3 characters").max(500),
});

/** null leaves every tenant (operator staff only): their cross-tenant home. */
export const ZSwitchTenantInput = z.object({ tenantId: ZId.nullable() });

export const TENANT_STATUSES = ["active", "suspended"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];
