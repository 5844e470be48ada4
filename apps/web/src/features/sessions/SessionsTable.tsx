/** Active sessions: device, where from, when; each may be revoked (except the one in use here). */
import { Badge, Button, Group, Table, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
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

  return (
    <Table.ScrollContainer minWidth={620}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("sessions.device")}</Table.Th>
            <Table.Th>{t("sessions.ip")}</Table.Th>
            <Table.Th>{t("sessions.signedIn")}</Table.Th>
            <Table.Th>{t("sessions.lastSeen")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((session) => {
            const device = deviceLabel(session.userAgent);
            const isHere = markCurrent && session.current;
            return (
              <Table.Tr key={session.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Tooltip label={session.userAgent ?? t("sessions.unknownDevice")} multiline maw={420} withinPortal>
                      <Text size="sm" tabIndex={0} style={{ textDecoration: "underline dotted" }}>
                        {device}
                      </Text>
                    </Tooltip>
                    {isHere && (
                      <Badge size="sm" color="teal" variant="light" tt="none">
                        {t("sessions.thisDevice")}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {session.ip ?? "–"}
                  </Text>
                </Table.Td>
                <Table.Td>{format.dateTime(session.createdAt)}</Table.Td>
                <Table.Td>
                  <Tooltip label={format.dateTime(session.lastSeenAt)} withinPortal>
                    <Text size="sm" span>
                      {format.fromNow(session.lastSeenAt)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right">
                  {!isHere && (
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      onClick={() => onRevoke(session)}
                      loading={revokingId === session.id}
                      aria-label={t("sessions.revokeNamed", { device })}
                    >
                      {t("sessions.revoke")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
