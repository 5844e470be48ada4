/**
 * "Now" or "at a time": when a new version (prices, a revenue share, a policy, an addendum) takes
 * effect. The time is typed in the browser's own time zone (a datetime-local input) and must lie
 * in the future, at most MAX_SCHEDULE_AHEAD_MS ahead, and after any version already scheduled
 * (the server checks the same).
 */
import { Radio, Stack, TextInput } from "@mantine/core";
import { MAX_SCHEDULE_AHEAD_MS } from "@pc/shared";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

export type When = "now" | "scheduled";

const pad = (value: number) => String(value).padStart(2, "0");

/** A Date as a datetime-local value, "2026-11-01T00:00", in the browser's time zone. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A first suggestion at least an hour from now (and from `after`): the next whole hour, or with
 * `startOfDay` the next midnight (policies usually change at the start of a day).
 */
export function suggestedTime(after?: Date | string | null, { startOfDay = false } = {}): string {
  const from = Math.max(Date.now(), after ? new Date(after).getTime() : 0);
  const next = new Date(from + 60 * 60 * 1000);
  if (startOfDay) {
    next.setHours(24, 0, 0, 0);
    return toLocalInput(next);
  }
  next.setMinutes(0, 0, 0);
  if (next.getTime() - from < 30 * 60 * 1000) next.setHours(next.getHours() + 1);
  return toLocalInput(next);
}

/** A version the chosen time must come after (one already scheduled). */
export interface ScheduleFloor {
  version: number | string | null;
  effectiveFrom: Date | string | null;
}

/** The chosen moment, or an error message; undefined for "now". */
export function readSchedule(when: When, at: string, t: TFunction, floor?: ScheduleFloor | null): { date?: Date; error?: string } {
  if (when === "now") return {};
  if (!at) return { error: t("schedule.required") };
  // A datetime-local value without a zone is read in the browser's time zone, as typed.
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return { error: t("schedule.invalid") };
  if (date.getTime() <= Date.now()) return { error: t("schedule.past") };
  if (date.getTime() > Date.now() + MAX_SCHEDULE_AHEAD_MS) return { error: t("schedule.tooFar") };
  if (floor?.effectiveFrom && date.getTime() <= new Date(floor.effectiveFrom).getTime()) {
    return { error: t("schedule.afterScheduled", { version: floor.version }) };
  }
  return { date };
}

interface ScheduleFieldProps {
  when: When;
  at: string;
  onWhenChange: (when: When) => void;
  onAtChange: (at: string) => void;
  error?: string;
  /** "Publish now" / "Change now". */
  nowLabel: string;
  /** Why "now" cannot be chosen, when it cannot. */
  nowUnavailable?: string;
  disabled?: boolean;
}

export function ScheduleField({ when, at, onWhenChange, onAtChange, error, nowLabel, nowUnavailable, disabled }: ScheduleFieldProps) {
  const { t } = useTranslation();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <Stack gap="xs">
      <Radio.Group label={t("schedule.when")} value={when} onChange={(value) => onWhenChange(value === "scheduled" ? "scheduled" : "now")}>
        <Stack gap="xs" mt={6}>
          <Radio value="now" label={nowLabel} description={nowUnavailable} disabled={disabled || nowUnavailable !== undefined} />
          <Radio value="scheduled" label={t("schedule.later")} disabled={disabled} />
        </Stack>
      </Radio.Group>
      {when === "scheduled" && (
        <TextInput
          type="datetime-local"
          label={t("schedule.at")}
          description={t("schedule.zone", { zone })}
          value={at}
          min={toLocalInput(new Date())}
          max={toLocalInput(new Date(Date.now() + MAX_SCHEDULE_AHEAD_MS))}
          onChange={(event) => onAtChange(event.currentTarget.value)}
          error={error}
          disabled={disabled}
          withAsterisk
          maw={280}
        />
      )}
    </Stack>
  );
}
