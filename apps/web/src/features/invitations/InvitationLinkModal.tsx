/**
 * The link of a new invitation. The server returns it once and keeps only a hash, so this is the
 * only time anyone sees it: say so, make copying easy, and close only on "Done" (not on a click
 * beside the dialog or Escape, which would lose the link for good).
 */
import { ActionIcon, Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy, IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { type DateLike, useFormat } from "../../lib/format";

export interface CreatedInvitation {
  email: string;
  role: string;
  url: string;
  expiresAt: DateLike;
}

function absoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.origin).href;
  } catch {
    return url;
  }
}

export function InvitationLinkModal({ invitation, onClose }: { invitation: CreatedInvitation | null; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const url = invitation ? absoluteUrl(invitation.url) : "";

  return (
    <Modal
      opened={invitation !== null}
      onClose={onClose}
      title={t("invitations.linkTitle")}
      size="lg"
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
    >
      {invitation && (
        <Stack>
          <Text size="sm">{t("invitations.linkIntro", { email: invitation.email })}</Text>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label={t("invitations.link")}
              value={url}
              readOnly
              // Focus starts here, the link selected: ready to copy with the keyboard.
              data-autofocus
              onFocus={(event) => event.currentTarget.select()}
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            />
            <CopyButton value={url} timeout={2500}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t("invitations.copied") : t("invitations.copy")} withArrow>
                  <ActionIcon
                    size={36}
                    variant={copied ? "filled" : "default"}
                    color={copied ? "teal" : undefined}
                    onClick={copy}
                    aria-label={copied ? t("invitations.copied") : t("invitations.copy")}
                  >
                    {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Alert color="yellow" icon={<IconInfoCircle size={18} />}>
            {t("invitations.shownOnce")} {t("invitations.expiresAt", { date: format.dateTime(invitation.expiresAt) })}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t("common.done")}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
