/**
 * Rotating the tenant's publishable key (or creating its first one): choose how long the old key
 * keeps working, read what that means for storefronts, then see the new key to copy. The old key's
 * end is said as a date in the reader's time zone and as "in 3 days".
 */
import { Alert, Button, Group, Modal, NumberInput, Radio, Stack, Text } from "@mantine/core";
import { MAX_KEY_GRACE_HOURS } from "@pc/shared";
import { IconAlertTriangle, IconClock, IconKey } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/FormError";
import { useFormat } from "../../lib/format";
import { type RouterOutputs, useTRPC } from "../../lib/trpc";
import { CopyableValue } from "./CopyableValue";
import { DEFAULT_GRACE, GRACE_CHOICES, type GraceChoice, graceEnd, readGrace } from "./keyGrace";
import { useLedgerInvalidation } from "./useLedgerInvalidation";

type Rotation = RouterOutputs["ledger"]["rotateKey"];

interface RotateKeyModalProps {
  /** False when the tenant has no current key: this creates its first one, with nothing to keep working. */
  hasCurrentKey: boolean;
  onClose: () => void;
}

const FIELDS = ["graceHours"] as const;

export function RotateKeyModal({ hasCurrentKey, onClose }: RotateKeyModalProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useLedgerInvalidation();
  const [choice, setChoice] = useState<GraceChoice>(DEFAULT_GRACE);
  const [customHours, setCustomHours] = useState<number | string>(48);
  const [customError, setCustomError] = useState<string>();
  const [rotation, setRotation] = useState<Rotation | null>(null);
  const rotate = useMutation(
    trpc.ledger.rotateKey.mutationOptions({
      meta: { errorHandling: "local" },
      onSuccess: async (result) => {
        setRotation(result);
        await invalidate();
      },
    }),
  );

  function submit() {
    // A first key replaces nothing, so there is no grace period to choose.
    const grace = hasCurrentKey ? readGrace(choice, customHours) : { hours: 0 };
    setCustomError(grace.error);
    if (grace.error === undefined) rotate.mutate({ graceHours: grace.hours });
  }

  const title = hasCurrentKey ? t("ledger.rotate.title") : t("ledger.rotate.createTitle");
  return (
    <Modal
      opened
      onClose={onClose}
      title={rotation ? t("ledger.rotate.doneTitle") : title}
      size="lg"
      closeOnClickOutside={!rotate.isPending}
    >
      {rotation ? (
        <RotationDone rotation={rotation} onClose={onClose} />
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="md">
            <FormError error={rotate.error} fields={FIELDS} />
            {hasCurrentKey ? (
              <>
                <Text size="sm">{t("ledger.rotate.intro")}</Text>
                <Radio.Group
                  label={t("ledger.rotate.graceLabel")}
                  value={choice}
                  onChange={(value) => {
                    setChoice(value as GraceChoice);
                    setCustomError(undefined);
                  }}
                >
                  <Stack gap="xs" mt={6}>
                    {GRACE_CHOICES.map((option) => (
                      <Radio key={option} value={option} label={t(`ledger.rotate.options.${option}`)} disabled={rotate.isPending} />
                    ))}
                  </Stack>
                </Radio.Group>
                {choice === "custom" && (
                  <NumberInput
                    label={t("ledger.rotate.customHours")}
                    description={t("ledger.rotate.customHint", { max: MAX_KEY_GRACE_HOURS })}
                    value={customHours}
                    onChange={(value) => {
                      setCustomHours(value);
                      setCustomError(undefined);
                    }}
                    min={0}
                    max={MAX_KEY_GRACE_HOURS}
                    allowDecimal={false}
                    allowNegative={false}
                    clampBehavior="none"
                    error={customError}
                    disabled={rotate.isPending}
                    maw={280}
                    data-autofocus
                  />
                )}
                <GraceConsequence choice={choice} customHours={customHours} />
              </>
            ) : (
              <Text size="sm">{t("ledger.rotate.createIntro")}</Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={rotate.isPending}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" leftSection={<IconKey size={16} />} loading={rotate.isPending}>
                {hasCurrentKey ? t("ledger.rotate.submit") : t("ledger.keys.create")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** What the chosen grace period means for storefronts still using the old key. */
function GraceConsequence({ choice, customHours }: { choice: GraceChoice; customHours: number | string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const grace = readGrace(choice, customHours);
  if (grace.error !== undefined) return null;
  if (grace.hours === 0) {
    return (
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="grace-consequence" role="note">
        {t("ledger.rotate.immediately")}
      </Alert>
    );
  }
  const end = graceEnd(grace.hours);
  return (
    <Alert color="blue" variant="light" icon={<IconClock size={18} />} data-testid="grace-consequence" role="note">
      <Stack gap={4}>
        <Text size="sm">{t("ledger.rotate.until", { date: format.dateTime(end), relative: format.fromNow(end) })}</Text>
        <Text size="sm" c="dimmed">
          {t("ledger.rotate.otherGrace")}
        </Text>
      </Stack>
    </Alert>
  );
}

function RotationDone({ rotation, onClose }: { rotation: Rotation; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const previous = rotation.previous;
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t("ledger.rotate.newKey")}
        </Text>
        <CopyableValue value={rotation.key.key} copyLabel={t("ledger.keys.copy")} size="md" />
      </div>
      <Text size="sm">{t("ledger.rotate.doneBody")}</Text>
      {previous && (
        <Text size="sm" c="dimmed">
          {previous.state === "grace" && previous.expiresAt
            ? t("ledger.rotate.previousUntil", { date: format.dateTime(previous.expiresAt), relative: format.fromNow(previous.expiresAt) })
            : t("ledger.rotate.previousStopped")}
        </Text>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose} data-autofocus>
          {t("ledger.rotate.done")}
        </Button>
      </Group>
    </Stack>
  );
}
