/**
 * "Download evidence pack": asks the server for the pack of one record or one subject
 * (consentAudit.evidencePack, audited there) and saves it as a JSON file, which anyone can verify
 * offline (`npm run ledger:verify-pack <file>`, docs/evidence-pack.md).
 */
import { Button, Stack, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { saveBlob } from "../../lib/download";
import { errorMessage } from "../../lib/errors";
import { type RouterInputs, useTRPC } from "../../lib/trpc";

type PackInput = RouterInputs["consentAudit"]["evidencePack"];

function save(fileName: string, pack: unknown) {
  saveBlob(new Blob([JSON.stringify(pack, null, 2)], { type: "application/json" }), fileName);
}

export function EvidencePackButton({ input, fileName }: { input: PackInput; fileName: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const pack = useMutation(
    trpc.consentAudit.evidencePack.mutationOptions({ onSuccess: (result) => save(`${fileName}.evidence.json`, result) }),
  );
  return (
    <Stack gap={4} align="flex-end">
      <Button variant="default" leftSection={<IconDownload size={16} />} loading={pack.isPending} onClick={() => pack.mutate(input)}>
        {t("consentAudit.evidence.download")}
      </Button>
      {pack.isError && (
        <Text size="xs" c="red" role="alert" maw={360}>
          {errorMessage(pack.error) ?? t("consentAudit.evidence.failed")}
        </Text>
      )}
    </Stack>
  );
}
