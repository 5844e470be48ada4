/** Where a policy draft stands, and the approval a material change needs from a second person. */
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconCheck, IconSend, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { OpenPolicyVersion, PolicyDraftState } from "./policies.types";
import { ShortHash } from "./ShortHash";
import { usePolicyDates } from "./usePolicyDates";
import { MaterialBadge, OpenStatusBadge } from "./VersionBadges";

/** Where the draft stands: its status, the number it would get, and who did what. */
export function DraftStatus({ state, nextVersion, dirty }: { state: PolicyDraftState; nextVersion: string; dirty: boolean }) {
  const { t } = useTranslation();
  const dates = usePolicyDates();
  const draft = state.draft;
  return (
    <Group gap="sm" wrap="wrap" role="group" aria-label={t("policies.editor.statusLabel")}>
      {draft ? <OpenStatusBadge status={draft.status} /> : null}
      <Text size="sm">
        {draft && !dirty
          ? t("policies.editor.becomes", { version: draft.nextVersion })
          : t("policies.editor.wouldBecome", { version: nextVersion })}
      </Text>
      {draft && <MaterialBadge material={draft.material} />}
      {draft?.author && (
        <Text size="sm" c="dimmed">
          {t("policies.editor.startedBy", { name: draft.author.name, date: dates.date(draft.createdAt) })}
        </Text>
      )}
      {draft?.lastEditor && (
        <Text size="sm" c="dimmed">
          · {t("policies.editor.lastEditedBy", { name: draft.lastEditor.name, date: dates.dateTime(draft.updatedAt) })}
        </Text>
      )}
    </Group>
  );
}

interface ApprovalPanelProps {
  draft: OpenPolicyVersion;
  canApprove: boolean;
  /** The signed-in person wrote, last edited or submitted the draft. */
  involved: boolean;
  busy: boolean;
  approving: boolean;
  onApprove: () => void;
  onReject: () => void;
}

/** Where the approval stands, and Approve / Reject for a second person who may give it. */
export function ApprovalPanel({ draft, canApprove, involved, busy, approving, onApprove, onReject }: ApprovalPanelProps) {
  const { t } = useTranslation();
  const dates = usePolicyDates();
  if (draft.status === "draft") {
    return (
      <Alert color={draft.material ? "orange" : "gray"} variant="light" title={t("policies.approval.draftTitle")}>
        <Text size="sm">{draft.material ? t("policies.approval.draftMaterial") : t("policies.approval.draftEditorial")}</Text>
      </Alert>
    );
  }
  if (draft.status === "approved") {
    return (
      <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title={t("policies.approval.approvedTitle")}>
        <Stack gap={6}>
          <Text size="sm">
            {t("policies.approval.approvedBy", {
              name: draft.approver?.name ?? "–",
              date: draft.approvedAt ? dates.dateTime(draft.approvedAt) : "–",
            })}
          </Text>
          <Group gap={6}>
            <Text size="sm" c="dimmed">
              {t("policies.approval.contentHash")}
            </Text>
            <ShortHash sha256={draft.contentSha256} />
          </Group>
          {canApprove && (
            <Group>
              <Button size="xs" variant="default" color="red" leftSection={<IconX size={14} />} onClick={onReject} disabled={busy}>
                {t("policies.approval.revoke")}
              </Button>
            </Group>
          )}
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="violet" variant="light" icon={<IconSend size={18} />} title={t("policies.approval.pendingTitle")}>
      <Stack gap="xs">
        <Text size="sm">
          {t("policies.approval.requestedBy", {
            name: draft.approvalRequestedBy?.name ?? "–",
            date: draft.approvalRequestedAt ? dates.dateTime(draft.approvalRequestedAt) : "–",
          })}
        </Text>
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            {t("policies.approval.contentHash")}
          </Text>
          <ShortHash sha256={draft.contentSha256} />
        </Group>
        {!canApprove ? (
          <Text size="sm">{t("policies.approval.cannotApprove")}</Text>
        ) : involved ? (
          <Text size="sm">{t("policies.approval.secondPerson")}</Text>
        ) : (
          <Text size="sm">{t("policies.approval.review")}</Text>
        )}
        {canApprove && (
          <Group gap="xs">
            {!involved && (
              <Button size="sm" leftSection={<IconCheck size={16} />} onClick={onApprove} loading={approving} disabled={busy && !approving}>
                {t("policies.approval.approve")}
              </Button>
            )}
            <Button size="sm" variant="default" color="red" leftSection={<IconX size={16} />} onClick={onReject} disabled={busy}>
              {involved ? t("policies.approval.withdraw") : t("policies.approval.reject")}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
