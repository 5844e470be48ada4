/** A query's loading and failure states, said the same way on every page; what it loaded once it is there. */
import { Center, Loader, type MantineSpacing } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "./QueryError";

/** What this needs of a query's result, plain or infinite. */
interface QueryState<Data> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: Data | undefined;
  refetch: () => unknown;
}

interface QueryContentProps<Data> {
  query: QueryState<Data>;
  /** Room above and below the spinner: "xl" in a page's main column, "md" inside a card or a drawer. */
  loaderPadding?: MantineSpacing;
  children: (data: Data) => ReactNode;
}

export function QueryContent<Data>({ query, loaderPadding = "xl", children }: QueryContentProps<Data>) {
  const { t } = useTranslation();
  const loader = (
    <Center py={loaderPadding}>
      <Loader aria-label={t("common.loading")} />
    </Center>
  );
  if (query.isPending) return loader;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  // A query that succeeded holds data; the check only tells the type so.
  if (query.data === undefined) return loader;
  return children(query.data);
}
