/**
 * "Now" or "at a time" for publishing a policy version or approving an addendum. The time is typed
 * in the browser's own time zone (datetime-local) and must lie in the future, at most a year ahead,
 * and after any version already scheduled (the server checks the same).
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

/** The next midnight at least an hour away (after `after`, when given): policies usually change at the start of a day. */
export function suggestedTime(after?: Date | string | null): string {
  const from = Math.max(Date.now(), after ? new Date(after).getTime() : 0) + 60 * 60 * 1000;
  const next = new Date(from);
  next.setHours(24, 0, 0, 0);
  return toLocalInput(next);
}

/** A version scheduled already: the new one must take effect after it. */
export interface ScheduleFloor {
  version: string;
  effectiveFrom: Date | string;
}

/** The chosen moment, or an error message; neither for "now". */
export function readSchedule(when: When, at: string, t: TFunction, floor?: ScheduleFloor | null): { date?: Date; error?: string } {
  if (when === "now") return {};
  if (!at) return { error: t("policies.schedule.required") };
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return { error: t("policies.schedule.invalid") };
  if (date.getTime() <= Date.now()) return { error: t("policies.schedule.past") };
  if (date.getTime() > Date.now() + MAX_SCHEDULE_AHEAD_MS) return { error: t("policies.schedule.tooFar") };
  if (floor && date.getTime() <= new Date(floor.effectiveFrom).getTime()) {
    return { error: t("policies.schedule.afterScheduled", { version: floor.version }) };
  }
  return { date };
}

interface ScheduleChoiceProps {
  when: When;
  at: string;
  onWhenChange: (when: When) => void;
  onAtChange: (at: string) => void;
  error?: string;
  nowLabel: string;
  /** Why "now" cannot be chosen, when it cannot. */
  nowUnavailable?: string;
  disabled?: boolean;
}

export function ScheduleChoice({ when, at, onWhenChange, onAtChange, error, nowLabel, nowUnavailable, disabled }: ScheduleChoiceProps) {
  const { t } = useTranslation();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <Stack gap="xs">
      <Radio.Group
        label={t("policies.schedule.when")}
        value={when}
        onChange={(value) => onWhenChange(value === "scheduled" ? "scheduled" : "now")}
      >
        <Stack gap="xs" mt={6}>
          <Radio value="now" label={nowLabel} description={nowUnavailable} disabled={disabled || nowUnavailable !== undefined} />
          <Radio value="scheduled" label={t("policies.schedule.later")} disabled={disabled} />
        </Stack>
      </Radio.Group>
      {when === "scheduled" && (
        <TextInput
          type="datetime-local"
          label={t("policies.schedule.at")}
          description={t("policies.schedule.zone", { zone })}
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
