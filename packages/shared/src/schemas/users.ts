import { z } from "zod";
import { OPERATOR_ROLES, PARTNER_ROLES, ROLES } from "../roles.js";
import { ZEmail } from "./auth.js";
import { ZId } from "./tenants.js";

/** Operator admin invites anyone: operator staff (no tenant) or a partner role on a tenant. */
export const ZInviteUserInput = z
  .object({
    email: ZEmail,
    role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}` }),
    tenantId: ZId.optional(),
  })
  .superRefine((value, ctx) => {
    const partnerRole = (PARTNER_ROLES as readonly string[]).includes(value.role);
    if (partnerRole && !value.tenantId) {
      ctx.addIssue({ code: "custom", path: ["tenantId"], message: "A partner role needs a tenant" });
    }
    if (!partnerRole && value.tenantId) {
      ctx.addIssue({ code: "custom", path: ["tenantId"], message: "Operator roles are not tied to a tenant" });
    }
  });
export type InviteUserInput = z.infer<typeof ZInviteUserInput>;

const ZPartnerRole = z.enum(PARTNER_ROLES, { message: "Role must be partner_admin or partner_viewer" });

export const ZTeamInviteInput = z.object({ email: ZEmail, role: ZPartnerRole });
export const ZTeamMemberInput = z.object({ userId: ZId });
export const ZTeamChangeRoleInput = z.object({ userId: ZId, role: ZPartnerRole });

export const ZSetOperatorRoleInput = z.object({
  userId: ZId,
  role: z.enum(OPERATOR_ROLES, { message: `Role must be one of ${OPERATOR_ROLES.join(", ")}` }).nullable(),
});

export const ZUserIdInput = z.object({ userId: ZId });
export const ZRevokeSessionInput = z.object({ sessionId: ZId });
export const ZRevokeUserSessionInput = z.object({ userId: ZId, sessionId: ZId });
export const ZInvitationIdInput = z.object({ invitationId: ZId });
