/** "Reject…": a reason is required, and goes to the audit trail (and, for an addendum, back to the partner). */
import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PolicyFormError } from "./PolicyFormError";

interface ReasonDialogProps {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  maxLength: number;
  loading: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

export function ReasonDialog(props: ReasonDialogProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      {props.opened && <ReasonForm {...props} />}
    </Modal>
  );
}

function ReasonForm({ body, confirmLabel, maxLength, loading, error, onConfirm, onClose }: ReasonDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        event.stopPropagation();
        if (!reason.trim()) return setMissing(true);
        onConfirm(reason.trim());
      }}
    >
      <Stack>
        <Text size="sm">{body}</Text>
        <PolicyFormError error={error} fields={[]} />
        <Textarea
          label={t("policies.reject.reason")}
          description={t("policies.reject.reasonHint")}
          withAsterisk
          autosize
          minRows={3}
          maxLength={maxLength}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t("policies.reject.reasonRequired") : undefined}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={loading}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="red" loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
