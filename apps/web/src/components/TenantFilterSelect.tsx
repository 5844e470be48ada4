/** A staff filter's tenant picker: every tenant by name; cleared, it stands for all of them. */
import { Select, type SelectProps } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../lib/trpc";

export function TenantFilterSelect(props: Omit<SelectProps, "data">) {
  const trpc = useTRPC();
  const tenants = useQuery(trpc.tenants.list.queryOptions());
  return <Select clearable {...props} data={(tenants.data ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))} />;
}
