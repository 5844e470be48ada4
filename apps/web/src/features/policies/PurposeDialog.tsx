/**
 * Adding or editing one consent purpose: every field of ZPolicyPurpose, checked by that schema
 * (the server's) as it is typed, plus the two rules that span purposes: a key is used once per
 * version, and a key published before keeps its meaning (category and vendor) for ever.
 */
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import {
  LEGAL_BASES,
  type LegalBasis,
  type PolicyPurpose,
  PURPOSE_CATEGORIES,
  type PurposeCategory,
  purposeMeaningChanges,
  ZPolicyPurpose,
} from "@pc/shared";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { zodValidate } from "../../lib/forms";
import { useLegalBasisLabel } from "./PurposeBadges";

export interface PurposeFormValues {
  key: string;
  name: string;
  description: string;
  category: PurposeCategory | "";
  legalBasis: LegalBasis | "";
  vendor: { name: string; legalEntity: string };
  transfer: { destination: string; mechanism: string };
  retention: string;
  optIn: boolean;
}

const EMPTY: PurposeFormValues = {
  key: "",
  name: "",
  description: "",
  category: "",
  legalBasis: "",
  vendor: { name: "", legalEntity: "" },
  transfer: { destination: "", mechanism: "" },
  retention: "",
  optIn: false,
};

const validatePurpose = zodValidate(ZPolicyPurpose);

interface PurposeDialogProps {
  /** The purpose being edited; null to add one. */
  purpose: PolicyPurpose | null;
  /** The other purposes of the draft: their keys are taken. */
  others: readonly PolicyPurpose[];
  /** Purposes of published versions, by key: a key must keep its meaning. */
  published: ReadonlyMap<string, PolicyPurpose>;
  onSave: (purpose: PolicyPurpose) => void;
  onClose: () => void;
}

export function PurposeDialog(props: PurposeDialogProps) {
  const { t } = useTranslation();
  const fullScreen = useMediaQuery("(max-width: 48em)");
  return (
    <Modal
      opened
      onClose={props.onClose}
      size="xl"
      fullScreen={fullScreen}
      title={props.purpose ? t("policies.purposes.editTitle", { name: props.purpose.name }) : t("policies.purposes.addTitle")}
    >
      <PurposeForm {...props} />
    </Modal>
  );
}

function PurposeForm({ purpose, others, published, onSave, onClose }: PurposeDialogProps) {
  const { t } = useTranslation();
  const legalBasisLabel = useLegalBasisLabel();
  const form = useForm<PurposeFormValues>({
    initialValues: purpose ? { ...purpose, vendor: { ...purpose.vendor }, transfer: { ...purpose.transfer } } : EMPTY,
    validate: (values) => {
      const errors = validatePurpose(values);
      const key = values.key.trim();
      if (!errors.key && others.some((other) => other.key === key)) errors.key = t("policies.purposes.keyTaken", { key });
      return errors;
    },
    validateInputOnBlur: true,
  });
  const values = form.getValues();

  // A key published before with another category or vendor: the server refuses it; say so now.
  const before = published.get(values.key.trim());
  const parsed = ZPolicyPurpose.safeParse(values);
  const meaningChanges = before && parsed.success ? purposeMeaningChanges(before, parsed.data) : [];

  function submit() {
    const result = form.validate();
    if (result.hasErrors) return;
    const checked = ZPolicyPurpose.safeParse(form.getValues());
    if (checked.success) onSave(checked.data);
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // The editor's own form is around the portal in React's tree: keep this submit to the dialog.
        event.stopPropagation();
        submit();
      }}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("policies.purposes.key")}
            description={t("policies.purposes.keyHint")}
            withAsterisk
            ff="monospace"
            autoComplete="off"
            maxLength={40}
            data-autofocus
            {...form.getInputProps("key")}
          />
          <TextInput label={t("policies.purposes.name")} withAsterisk maxLength={120} {...form.getInputProps("name")} />
        </SimpleGrid>
        <Textarea
          label={t("policies.purposes.descriptionLabel")}
          description={t("policies.purposes.descriptionHint")}
          withAsterisk
          autosize
          minRows={2}
          maxRows={8}
          maxLength={2000}
          {...form.getInputProps("description")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t("policies.purposes.category")}
            withAsterisk
            allowDeselect={false}
            placeholder={t("policies.purposes.choose")}
            data={PURPOSE_CATEGORIES.map((category) => ({ value: category, label: t(`policies.categories.${category}`) }))}
            {...form.getInputProps("category")}
            onChange={(value) => {
              form.setFieldValue("category", (value ?? "") as PurposeCategory | "");
              // Strictly necessary purposes never ask first.
              if (value === "strictly_necessary") form.setFieldValue("optIn", false);
            }}
          />
          <Select
            label={t("policies.purposes.legalBasis")}
            withAsterisk
            allowDeselect={false}
            placeholder={t("policies.purposes.choose")}
            data={LEGAL_BASES.map((basis) => ({ value: basis, label: legalBasisLabel(basis) }))}
            {...form.getInputProps("legalBasis")}
            onChange={(value) => {
              form.setFieldValue("legalBasis", (value ?? "") as LegalBasis | "");
              // Consent is the one basis that needs an opt-in.
              if (value === "6(1)(a)") form.setFieldValue("optIn", true);
            }}
          />
          <TextInput
            label={t("policies.purposes.vendorName")}
            description={t("policies.purposes.vendorNameHint")}
            withAsterisk
            maxLength={120}
            {...form.getInputProps("vendor.name")}
          />
          <TextInput
            label={t("policies.purposes.vendorEntity")}
            description={t("policies.purposes.vendorEntityHint")}
            withAsterisk
            maxLength={200}
            {...form.getInputProps("vendor.legalEntity")}
          />
          <TextInput
            label={t("policies.purposes.destination")}
            description={t("policies.purposes.destinationHint")}
            withAsterisk
            maxLength={200}
            {...form.getInputProps("transfer.destination")}
          />
          <TextInput
            label={t("policies.purposes.mechanism")}
            description={t("policies.purposes.mechanismHint")}
            withAsterisk
            maxLength={200}
            {...form.getInputProps("transfer.mechanism")}
          />
        </SimpleGrid>
        <TextInput
          label={t("policies.purposes.retention")}
          description={t("policies.purposes.retentionHint")}
          withAsterisk
          maxLength={300}
          {...form.getInputProps("retention")}
        />
        <Switch
          label={t("policies.purposes.optInLabel")}
          description={t("policies.purposes.optInHint")}
          {...form.getInputProps("optIn", { type: "checkbox" })}
        />
        {meaningChanges.length > 0 && (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} role="alert">
            {t("policies.purposes.meaningChanged", { key: values.key.trim(), changes: meaningChanges.join("; ") })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit">{purpose ? t("policies.purposes.update") : t("policies.purposes.add")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
