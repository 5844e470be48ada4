/**
 * The partners tab: every tenant's Stripe connected account for finance — whether it can take
 * payments and be paid out, what Stripe has past due, its payout schedule, and holds (with Hold and
 * Release for those with payouts.hold).
 */
import { Badge, Button, List, Stack, Text } from "@mantine/core";
import { requirementGroup } from "@pc/shared";
import { IconLock, IconLockOpen } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { DataTable } from "../../components/DataTable";
import { QueryContent } from "../../components/QueryContent";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useCan } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { CapabilityBadge } from "./CapabilityBadge";
import { HOLD_LOOK, HoldPayoutsModal, type HoldTarget } from "./HoldPayoutsModal";
import type { PartnerAccount } from "./payouts.types";
import { useBilingual } from "./useBilingual";
import { useScheduleText } from "./useScheduleText";

export function PartnerAccounts() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const accounts = useQuery(trpc.payouts.accounts.queryOptions());
  const [target, setTarget] = useState<HoldTarget | null>(null);
  return (
    <SectionCard title={t("payouts.partners.title")} description={t("payouts.partners.description")}>
      <QueryContent query={accounts} loaderPadding="md">
        {(rows) => <AccountsTable rows={rows} onHold={setTarget} />}
      </QueryContent>
      <HoldPayoutsModal target={target} onClose={() => setTarget(null)} />
    </SectionCard>
  );
}

function AccountsTable({ rows, onHold }: { rows: PartnerAccount[]; onHold: (target: HoldTarget) => void }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const format = useFormat();
  const scheduleText = useScheduleText();
  const canHold = useCan("payouts.hold");
  return (
    <DataTable
      label={t("payouts.partners.title")}
      minWidth={900}
      rows={rows}
      rowKey={(row) => row.tenant.id}
      empty={t("payouts.partners.empty")}
      columns={[
        {
          key: "tenant",
          header: t("payouts.partners.tenant"),
          cell: (row) => (
            <Stack gap={0}>
              <Text size="sm" fw={500}>
                {row.tenant.name}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {row.stripeAccountId ?? t("payouts.partners.notConnected")}
              </Text>
            </Stack>
          ),
        },
        {
          key: "capabilities",
          header: t("payouts.partners.capabilities"),
          cell: (row) =>
            row.stripeAccountId ? (
              <Stack gap={4} align="flex-start">
                <CapabilityBadge what="charges" enabled={row.chargesEnabled} />
                <CapabilityBadge what="payouts" enabled={row.payoutsEnabled} />
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                –
              </Text>
            ),
        },
        {
          key: "due",
          header: t("payouts.partners.pastDue"),
          cell: (row) => {
            const pastDue = [...new Map(row.pastDue.map((code) => [requirementGroup(code).code, requirementGroup(code)])).values()];
            if (pastDue.length === 0) {
              return (
                <Text size="sm" c="dimmed">
                  {row.currentlyDue.length > 0
                    ? t("payouts.partners.dueNotPast", { count: row.currentlyDue.length })
                    : t("payouts.partners.nothingDue")}
                </Text>
              );
            }
            return (
              <Stack gap={2}>
                <Text size="sm" c="red" fw={600}>
                  {t("payouts.partners.pastDueCount", { count: pastDue.length })}
                </Text>
                <List size="sm" spacing={0}>
                  {pastDue.map((group) => (
                    <List.Item key={group.code}>{pick(group.label)}</List.Item>
                  ))}
                </List>
              </Stack>
            );
          },
        },
        {
          key: "schedule",
          header: t("payouts.partners.schedule"),
          cell: (row) => (row.schedule ? scheduleText(row.schedule) : "–"),
        },
        {
          // The hold and the button that changes it sit together: the last column of a wide table may be off screen.
          key: "hold",
          header: t("payouts.partners.hold"),
          cell: (row) => (
            <Stack gap={4} align="flex-start">
              {row.hold ? (
                <>
                  <Badge {...HOLD_LOOK} leftSection={<IconLock size={12} aria-hidden />} styles={NO_TRUNCATE}>
                    {t("payouts.partners.onHold")}
                  </Badge>
                  <Text size="xs">{row.hold.reason}</Text>
                  <Text size="xs" c="dimmed">
                    {t("payouts.partners.heldSince", { date: format.dateTime(row.hold.since) })}
                  </Text>
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  {t("payouts.partners.notHeld")}
                </Text>
              )}
              {canHold && row.stripeAccountId && (
                <HoldButton tenantId={row.tenant.id} tenantName={row.tenant.name} held={row.hold !== null} onHold={onHold} />
              )}
            </Stack>
          ),
        },
      ]}
    />
  );
}

export function HoldButton({
  tenantId,
  tenantName,
  held,
  onHold,
  size = "xs",
}: {
  tenantId: string;
  tenantName: string;
  held: boolean;
  onHold: (target: HoldTarget) => void;
  /** Extra small in a table; the page header's size next to other header buttons. */
  size?: "xs" | "sm";
}) {
  const { t } = useTranslation();
  const icon = size === "xs" ? 14 : 16;
  return held ? (
    <Button
      size={size}
      variant="default"
      leftSection={<IconLockOpen size={icon} />}
      aria-label={t("payouts.hold.releaseNamed", { tenant: tenantName })}
      onClick={() => onHold({ tenantId, tenantName, action: "release" })}
    >
      {t("payouts.hold.release")}
    </Button>
  ) : (
    <Button
      size={size}
      {...HOLD_LOOK}
      leftSection={<IconLock size={icon} />}
      aria-label={t("payouts.hold.holdNamed", { tenant: tenantName })}
      onClick={() => onHold({ tenantId, tenantName, action: "hold" })}
    >
      {t("payouts.hold.hold")}
    </Button>
  );
}
