/**
 * How long a rotated key keeps working: the choices the rotate dialog offers, and reading the one
 * chosen into whole hours (checked with ZRotateKeyInput, the server's own schema).
 */
import { ZRotateKeyInput } from "@pc/shared";
import { translateMessage } from "../../i18n/messages";

export const GRACE_CHOICES = ["immediately", "hour", "day", "week", "month", "custom"] as const;
export type GraceChoice = (typeof GRACE_CHOICES)[number];

const HOURS: Record<Exclude<GraceChoice, "custom">, number> = { immediately: 0, hour: 1, day: 24, week: 7 * 24, month: 30 * 24 };

/** A week: time to redeploy most storefronts, short enough that an old key does not linger. */
export const DEFAULT_GRACE: GraceChoice = "week";

/** The grace period in hours, or the message saying why the custom number is not one. */
export function readGrace(choice: GraceChoice, custom: number | string): { hours: number; error?: undefined } | { error: string } {
  const hours =
    choice === "custom" ? (typeof custom === "number" ? custom : custom.trim() === "" ? Number.NaN : Number(custom)) : HOURS[choice];
  const parsed = ZRotateKeyInput.safeParse({ graceHours: Number.isNaN(hours) ? undefined : hours });
  if (!parsed.success) return { error: translateMessage(parsed.error.issues[0]?.message ?? "") };
  return { hours: parsed.data.graceHours };
}

/** When a key given `hours` of grace from `now` stops working. */
export function graceEnd(hours: number, now: number = Date.now()): Date {
  return new Date(now + hours * 3600_000);
}
