/**
 * The tenant's publishable keys: the current one to copy, keys still in their grace period (with
 * when they stop, and "End now" for a key that may have leaked) and recently expired ones, greyed.
 * Holders of consent.manage_keys (partner and operator admins) rotate and end keys; others only read.
 */
import { Alert, Badge, Button, Group, Stack, Text, Title, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconInfoCircle, IconKey, IconPlayerStop, IconRefresh } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DataTable } from "../../components/DataTable";
import { SectionCard } from "../../components/SectionCard";
import { useFormat } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { CopyableValue } from "./CopyableValue";
import type { PublishableKey } from "./ledger.types";
import { RotateKeyModal } from "./RotateKeyModal";
import { useLedgerInvalidation } from "./useLedgerInvalidation";

const STATE_COLORS: Record<PublishableKey["state"], string> = { current: "teal", grace: "yellow", expired: "gray" };

export function KeyStateBadge({ state }: { state: PublishableKey["state"] }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={STATE_COLORS[state]} tt="none" styles={NO_TRUNCATE}>
      {t(`ledger.keys.status.${state}`)}
    </Badge>
  );
}

export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="outline" color="orange" tt="none" styles={NO_TRUNCATE}>
      {t("ledger.keys.demo")}
    </Badge>
  );
}

export function PublishableKeys({ keys, canManage }: { keys: PublishableKey[]; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const invalidate = useLedgerInvalidation();
  const [rotating, setRotating] = useState(false);
  const [ending, setEnding] = useState<PublishableKey | null>(null);
  const current = keys.find((key) => key.state === "current");
  const earlier = keys.filter((key) => key.state !== "current");

  const end = useMutation(
    trpc.ledger.expireKey.mutationOptions({
      onSuccess: async (key) => {
        notifications.show({ color: "teal", message: t("ledger.keys.ended", { key: key.key }) });
        setEnding(null);
        await invalidate();
      },
    }),
  );

  const rotateButton = canManage && (
    <Button
      variant={current ? "default" : "filled"}
      leftSection={current ? <IconRefresh size={16} /> : <IconKey size={16} />}
      onClick={() => setRotating(true)}
    >
      {current ? t("ledger.keys.rotate") : t("ledger.keys.create")}
    </Button>
  );

  return (
    <SectionCard title={t("ledger.keys.title")} description={t("ledger.keys.description")} actions={rotateButton}>
      {current ? (
        <Stack gap={6}>
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {t("ledger.keys.current")}
            </Text>
            {current.isDemo && <DemoBadge />}
          </Group>
          <CopyableValue value={current.key} copyLabel={t("ledger.keys.copy")} size="md" />
          <Text size="xs" c="dimmed">
            {t("ledger.keys.createdAt", { date: format.dateTime(current.createdAt) })}
          </Text>
          {current.isDemo && (
            <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />} py="xs" role="note">
              {canManage ? t("ledger.keys.demoNote") : t("ledger.keys.demoNoteViewer")}
            </Alert>
          )}
        </Stack>
      ) : (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} role="note">
          {canManage ? t("ledger.keys.none") : t("ledger.keys.noneViewer")}
        </Alert>
      )}

      {earlier.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t("ledger.keys.previous")}
          </Title>
          <DataTable
            minWidth={640}
            rows={earlier}
            rowKey={(key) => key.id}
            columns={[
              {
                key: "key",
                header: t("ledger.keys.key"),
                cell: (key) => (
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" ff="monospace" c={key.state === "expired" ? "dimmed" : undefined} style={{ wordBreak: "break-all" }}>
                      {key.key}
                    </Text>
                    {key.isDemo && <DemoBadge />}
                  </Group>
                ),
              },
              { key: "state", header: t("ledger.keys.statusLabel"), cell: (key) => <KeyStateBadge state={key.state} /> },
              {
                key: "ends",
                header: t("ledger.keys.ends"),
                cell: (key) =>
                  key.expiresAt && (
                    <Tooltip label={format.preciseDateTime(key.expiresAt)} withinPortal>
                      <Text size="sm" c={key.state === "expired" ? "dimmed" : undefined} tabIndex={0}>
                        {key.state === "grace"
                          ? t("ledger.keys.stopsOn", { date: format.dateTime(key.expiresAt), relative: format.fromNow(key.expiresAt) })
                          : t("ledger.keys.stoppedOn", { date: format.dateTime(key.expiresAt) })}
                      </Text>
                    </Tooltip>
                  ),
              },
            ]}
            actions={
              canManage
                ? (key) =>
                    key.state === "grace" && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        leftSection={<IconPlayerStop size={14} />}
                        onClick={() => setEnding(key)}
                        aria-label={t("ledger.keys.endNamed", { key: key.key })}
                      >
                        {t("ledger.keys.endNow")}
                      </Button>
                    )
                : undefined
            }
          />
        </Stack>
      )}

      {rotating && <RotateKeyModal hasCurrentKey={current !== undefined} onClose={() => setRotating(false)} />}
      <ConfirmModal
        opened={ending !== null}
        title={t("ledger.keys.endTitle")}
        confirmLabel={t("ledger.keys.endNow")}
        onConfirm={() => ending && end.mutate({ keyId: ending.id })}
        onClose={() => setEnding(null)}
        loading={end.isPending}
        danger
      >
        {t("ledger.keys.endBody", { key: ending?.key ?? "" })}
      </ConfirmModal>
    </SectionCard>
  );
}
