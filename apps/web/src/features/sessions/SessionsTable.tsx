/** Active sessions: device, where from, when; each may be revoked (except the one in use here). */
import { Badge, Button, Group, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import { type DateLike, useFormat } from "../../lib/format";
import { summariseUserAgent } from "./userAgent";

export interface SessionRow {
  id: string;
  createdAt: DateLike;
  lastSeenAt: DateLike;
  expiresAt: DateLike;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

interface SessionsTableProps {
  sessions: SessionRow[];
  onRevoke: (session: SessionRow) => void;
  revokingId?: string | null;
  /** Whether "current" means this browser (your own sessions) or nothing (someone else's). */
  markCurrent: boolean;
}

export function SessionsTable({ sessions, onRevoke, revokingId, markCurrent }: SessionsTableProps) {
  const { t } = useTranslation();
  const format = useFormat();

  function deviceLabel(userAgent: string | null): string {
    const { browser, os } = summariseUserAgent(userAgent);
    if (browser && os) return t("sessions.browserOnOs", { browser, os });
    return browser ?? os ?? t("sessions.unknownDevice");
  }

  if (sessions.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="sm">
        {t("sessions.none")}
      </Text>
    );
  }

  const isHere = (session: SessionRow) => markCurrent && session.current;

  return (
    <DataTable
      minWidth={620}
      rows={sessions}
      rowKey={(session) => session.id}
      columns={[
        {
          key: "device",
          header: t("sessions.device"),
          cell: (session) => (
            <Group gap="xs" wrap="nowrap">
              <Tooltip label={session.userAgent ?? t("sessions.unknownDevice")} multiline maw={420} withinPortal>
                <Text size="sm" tabIndex={0} style={{ textDecoration: "underline dotted" }}>
                  {deviceLabel(session.userAgent)}
                </Text>
              </Tooltip>
              {isHere(session) && (
                <Badge size="sm" color="teal" variant="light" tt="none">
                  {t("sessions.thisDevice")}
                </Badge>
              )}
            </Group>
          ),
        },
        {
          key: "ip",
          header: t("sessions.ip"),
          cell: (session) => (
            <Text size="sm" ff="monospace">
              {session.ip ?? "–"}
            </Text>
          ),
        },
        { key: "signedIn", header: t("sessions.signedIn"), cell: (session) => format.dateTime(session.createdAt) },
        {
          key: "lastSeen",
          header: t("sessions.lastSeen"),
          cell: (session) => (
            <Tooltip label={format.dateTime(session.lastSeenAt)} withinPortal>
              <Text size="sm" span>
                {format.fromNow(session.lastSeenAt)}
              </Text>
            </Tooltip>
          ),
        },
      ]}
      actions={(session) =>
        !isHere(session) && (
          <Button
            size="xs"
            variant="light"
            color="red"
            onClick={() => onRevoke(session)}
            loading={revokingId === session.id}
            aria-label={t("sessions.revokeNamed", { device: deviceLabel(session.userAgent) })}
          >
            {t("sessions.revoke")}
          </Button>
        )
      }
    />
  );
}
