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

/**
 * The look of a hold, on the button that holds payouts and on the badge that says they are held:
 * orange, filled, with black text. Mantine's light orange (#D9480F on #FFE8CC) and white on its
 * filled orange fall short of 4.5:1; black on orange 6 (#FD7E14) is about 8:1, and the explicit
 * shade keeps it the same in the dark scheme.
 */
export const HOLD_LOOK = { variant: "filled", color: "orange.6", autoContrast: true } as const;

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
  // The last target stays shown while the modal fades out (its name and Hold or Release wording);
  // a new target starts with an empty reason.
  const [shown, setShown] = useState<HoldTarget | null>(target);
  if (target !== null && target !== shown) {
    setShown(target);
    setReason("");
    setError(null);
  }

  const onSuccess = async () => {
    if (!shown) return;
    notifications.show({
      color: shown.action === "hold" ? "orange" : "teal",
      message: t(shown.action === "hold" ? "payouts.hold.held" : "payouts.hold.released", { tenant: shown.tenantName }),
    });
    await queryClient.invalidateQueries(trpc.payouts.pathFilter());
    close();
  };
  const onError = (failure: unknown) => setError(serverFieldErrors(failure, FIELDS).reason?.toString() ?? null);
  const hold = useMutation(trpc.payouts.hold.mutationOptions({ meta: { errorHandling: "local" }, onSuccess, onError }));
  const release = useMutation(trpc.payouts.release.mutationOptions({ meta: { errorHandling: "local" }, onSuccess, onError }));
  const mutation = shown?.action === "release" ? release : hold;

  function close() {
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

  const isHold = shown?.action !== "release";
  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={t(isHold ? "payouts.hold.holdTitle" : "payouts.hold.releaseTitle", { tenant: shown?.tenantName ?? "" })}
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
            <Button type="submit" {...(isHold ? HOLD_LOOK : {})} loading={mutation.isPending}>
              {t(isHold ? "payouts.hold.hold" : "payouts.hold.release")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
