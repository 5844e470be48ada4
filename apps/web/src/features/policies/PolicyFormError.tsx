/** The part of a failed action that belongs to no field, with the server's ISO times shown as the reader's dates. */
import { Alert } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { formLevelError } from "../../lib/forms";
import { usePolicyDates } from "./usePolicyDates";
import { withLocalDates } from "./withLocalDates";

export function PolicyFormError({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const dates = usePolicyDates();
  const message = formLevelError(error, fields);
  if (!message) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
      {withLocalDates(message, dates.dateTime)}
    </Alert>
  );
}
