/**
 * Holding a partner's payouts (the schedule at Stripe becomes manual until released), or releasing
 * a hold. Either needs a reason of at least five characters: it goes into the audit trail and, for
 * a hold, is shown to the partner.
 */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { serverFieldErrors } from "../../lib/forms";
import { useTRPC } from "../../lib/trpc";

export const MIN_REASON = 5;
export const MAX_REASON = 500;
const FIELDS = ["reason"] as const;

export interface HoldTarget {
  tenantId: string;
  tenantName: string;
  /** Holding a partner that is not held, or releasing one that is. */
  action: "hold" | "release";
}

export function HoldPayoutsModal({ target, onClose }: { target: HoldTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);

  const onSuccess = async () => {
    if (!target) return;
    notifications.show({
      color: target.action === "hold" ? "orange" : "teal",
      message: t(target.action === "hold" ? "payouts.hold.held" : "payouts.hold.released", { tenant: target.tenantName }),
    });
    await queryClient.invalidateQueries(trpc.payouts.pathFilter());
    close();
  };
  const onError = (failure: unknown) => setError(serverFieldErrors(failure, FIELDS).reason?.toString() ?? null);
  const hold = useMutation(trpc.payouts.hold.mutationOptions({ meta: { errorHandling: "local" }, onSuccess, onError }));
  const release = useMutation(trpc.payouts.release.mutationOptions({ meta: { errorHandling: "local" }, onSuccess, onError }));
  const mutation = target?.action === "release" ? release : hold;

  function close() {
    setReason("");
    setError(null);
    hold.reset();
    release.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    const trimmed = reason.trim();
    if (trimmed.length < MIN_REASON) {
      setError(t("payouts.hold.reasonTooShort", { count: MIN_REASON }));
      return;
    }
    setError(null);
    mutation.mutate({ tenantId: target.tenantId, reason: trimmed });
  }

  const isHold = target?.action !== "release";
  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={t(isHold ? "payouts.hold.holdTitle" : "payouts.hold.releaseTitle", { tenant: target?.tenantName ?? "" })}
    >
      <form noValidate onSubmit={submit}>
        <Stack>
          <Alert color={isHold ? "orange" : "blue"} variant="light" role="note">
            <Text size="sm">{t(isHold ? "payouts.hold.holdBody" : "payouts.hold.releaseBody")}</Text>
          </Alert>
          <FormError error={mutation.error} fields={FIELDS} />
          <Textarea
            label={t("payouts.hold.reason")}
            description={t(isHold ? "payouts.hold.reasonHintHold" : "payouts.hold.reasonHintRelease", { count: MIN_REASON })}
            withAsterisk
            required
            rows={3}
            maxLength={MAX_REASON}
            data-autofocus
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              if (error) setError(null);
            }}
            error={error}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={mutation.isPending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color={isHold ? "orange" : undefined} loading={mutation.isPending}>
              {t(isHold ? "payouts.hold.hold" : "payouts.hold.release")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
