/**
 * The partner's Stripe account in plain words: its state, whether it can take payments and pay
 * out, what Stripe still needs (past due first, in red and said so) by when and what happens
 * without it, a hold by Masterchannel's finance team, and the way to Stripe's onboarding for those
 * who may use it (earnings.onboard). While finance holds the payouts, the headline and the payouts
 * badge say so rather than "ready for payouts".
 */
import { Alert, Badge, Button, Group, List, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconClock, IconExternalLink, IconLock, IconPlugConnectedX } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { CapabilityBadge } from "../payouts/CapabilityBadge";
import { HOLD_LOOK } from "../payouts/HoldPayoutsModal";
import { useBilingual } from "../payouts/useBilingual";
import { useScheduleText } from "../payouts/useScheduleText";
import type { EarningsAccount } from "./earnings.types";
import { leaveForStripe } from "./leaveForStripe";

const STATE_LOOK = {
  not_connected: { color: "gray", Icon: IconPlugConnectedX },
  onboarding_incomplete: { color: "orange", Icon: IconClock },
  pending_verification: { color: "blue", Icon: IconClock },
  restricted: { color: "red", Icon: IconAlertTriangle },
  active: { color: "teal", Icon: IconCircleCheck },
} as const;

function onboardingLabel(account: EarningsAccount): "setUp" | "continue" | "update" {
  if (!account.connected) return "setUp";
  if (account.state !== "active" || account.due.length > 0) return "continue";
  return "update";
}

export function StripeAccountCard({ account }: { account: EarningsAccount }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const pick = useBilingual();
  const format = useFormat();
  const scheduleText = useScheduleText();
  const canOnboard = useCan("earnings.onboard");
  const start = useMutation(
    trpc.earnings.startOnboarding.mutationOptions({
      onSuccess: ({ url }) => leaveForStripe(url),
    }),
  );
  const look = STATE_LOOK[account.state];
  const label = onboardingLabel(account);
  const pastDue = account.due.filter((item) => item.pastDue);
  const held = account.hold !== null;
  // Stripe may call the account ready for payouts while finance holds them: the hold wins.
  const headline =
    held && account.state === "active" && account.due.length === 0 ? t("earnings.account.heldHeadline") : pick(account.headline);
  const schedule = account.schedule ? scheduleText(account.schedule) : null;

  return (
    <SectionCard
      title={t("earnings.account.title")}
      description={t("earnings.account.description")}
      actions={
        canOnboard && (
          <Button
            leftSection={<IconExternalLink size={16} />}
            variant={label === "update" ? "default" : "filled"}
            loading={start.isPending || start.isSuccess}
            onClick={() => start.mutate({ returnPath: "/earnings" })}
          >
            {t(`earnings.account.onboard.${label}`)}
          </Button>
        )
      }
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon color={look.color} variant="light" size="lg" aria-hidden>
          <look.Icon size={20} />
        </ThemeIcon>
        <Stack gap={6}>
          <Text fw={600} size="lg" data-testid="account-headline">
            {headline}
          </Text>
          {account.connected && (
            <Group gap="xs">
              <CapabilityBadge what="charges" enabled={account.chargesEnabled} />
              {held && account.payoutsEnabled ? (
                <Badge {...HOLD_LOOK} leftSection={<IconLock size={12} aria-hidden />} styles={NO_TRUNCATE}>
                  {t("earnings.account.payoutsOnHold")}
                </Badge>
              ) : (
                <CapabilityBadge what="payouts" enabled={account.payoutsEnabled} />
              )}
            </Group>
          )}
          {!account.connected && <Text size="sm">{t("earnings.account.notConnected")}</Text>}
          {schedule && (
            <Text size="sm" c="dimmed">
              {/* Inside a sentence: "Payout schedule: manual (no automatic payouts)". */}
              {t("earnings.account.schedule", { schedule: `${schedule.charAt(0).toLocaleLowerCase(format.locale)}${schedule.slice(1)}` })}
            </Text>
          )}
        </Stack>
      </Group>

      {account.hold && (
        <Alert color="orange" variant="light" icon={<IconLock size={18} />} title={t("earnings.account.holdTitle")} role="note">
          <Text size="sm">
            {t("earnings.account.holdBody", { date: format.date(account.hold.since) })}
            {account.hold.reason ? ` ${t("earnings.account.holdReason", { reason: account.hold.reason })}` : ""}
          </Text>
        </Alert>
      )}

      {account.due.length > 0 && (
        <section aria-label={t("earnings.account.dueTitle")}>
          <Title order={3} size="h5" mb={6}>
            {t("earnings.account.dueTitle")}
          </Title>
          <Stack gap="xs">
            {account.deadline && <DeadlineText deadline={account.deadline} />}
            {pastDue.length > 0 && (
              <Text size="sm" c="red" fw={600}>
                {t("earnings.account.pastDueCount", { count: pastDue.length })}
              </Text>
            )}
            <List spacing={4} size="sm" aria-label={t("earnings.account.dueTitle")}>
              {account.due.map((item) => (
                <List.Item
                  key={item.code}
                  data-past-due={item.pastDue}
                  icon={
                    item.pastDue ? (
                      <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" aria-hidden />
                    ) : (
                      <IconClock size={16} aria-hidden />
                    )
                  }
                >
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" c={item.pastDue ? "red.8" : undefined} fw={item.pastDue ? 600 : undefined}>
                      {pick(item.label)}
                    </Text>
                    <Badge size="xs" color={item.pastDue ? "red" : "gray"} variant="light" styles={NO_TRUNCATE}>
                      {item.pastDue ? t("earnings.account.pastDue") : t("earnings.account.due")}
                    </Badge>
                  </Group>
                </List.Item>
              ))}
            </List>
            {account.consequence && (
              <Text size="sm" data-testid="due-consequence">
                {pick(account.consequence)}
              </Text>
            )}
            {!canOnboard && (
              <Text size="sm" c="dimmed">
                {t("earnings.account.askAdmin")}
              </Text>
            )}
          </Stack>
        </section>
      )}
      {account.due.length === 0 && account.consequence && <Text size="sm">{pick(account.consequence)}</Text>}
    </SectionCard>
  );
}

/** By when Stripe needs what is currently due; a passed deadline is said so, in red. */
function DeadlineText({ deadline }: { deadline: Date }) {
  const { t } = useTranslation();
  const format = useFormat();
  const passed = deadline.getTime() <= Date.now();
  return (
    <Text size="sm" c={passed ? "red" : undefined} fw={600} data-testid="due-deadline">
      {passed
        ? t("earnings.account.deadlinePassed", { date: format.dateTime(deadline) })
        : t("earnings.account.deadline", { date: format.dateTime(deadline) })}
    </Text>
  );
}
