import { z } from "zod";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long")
  .pipe(z.email({ message: "Enter a valid email address" }));

/** Login takes any string up to a bound: a malformed email is a failed login, not a hint. */
export const ZLoginInput = z.object({
  email: z.string().trim().toLowerCase().min(1, "Email is required").max(254, "Email is too long"),
  password: z.string().min(1, "Password is required").max(1024, "Password is too long"),
});
export type LoginInput = z.infer<typeof ZLoginInput>;

export const PASSWORD_MIN_LENGTH = 12;

export const ZNewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, "Password must be at most 256 characters");

export const ZDisplayName = z.string().trim().min(1, "Name is required").max(120, "Name must be at most 120 characters");

/** Invitation tokens are 43 base64url characters (32 random bytes). */
export const ZInvitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is not valid");

export const ZInvitationTokenInput = z.object({ token: ZInvitationToken });

export const ZAcceptInvitationInput = z.object({
  token: ZInvitationToken,
  name: ZDisplayName,
  /** Needed when the invitation creates a new account; ignored for an existing one. */
  password: ZNewPassword.optional(),
});
export type AcceptInvitationInput = z.infer<typeof ZAcceptInvitationInput>;

export const ZChangePasswordInput = z.object({
  currentPassword: z.string().min(1, "Current password is required").max(1024),
  newPassword: ZNewPassword,
});
