import { Alert } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { formLevelError } from "../lib/forms";

/** The part of a failed submit that belongs to no field of the form. */
export function FormError({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const message = formLevelError(error, fields);
  if (!message) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
      {message}
    </Alert>
  );
}
