/** One fact of a record's summary: a small dimmed label with its value under it ("Status" / a badge). */
import { Text } from "@mantine/core";
import type { ReactNode } from "react";

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}
