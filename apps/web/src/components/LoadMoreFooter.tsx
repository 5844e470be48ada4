import { Button, Group, Text } from "@mantine/core";

interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/**
 * Under a keyset-paged list: "load more" while the server has another page, then a quiet line
 * saying that is all (nothing while the list is empty: the empty state says so).
 */
export function LoadMoreFooter({
  query,
  count,
  loadMoreLabel,
  endLabel,
}: {
  query: PagedQuery;
  /** Rows shown so far. */
  count: number;
  loadMoreLabel: string;
  endLabel: string;
}) {
  return (
    <Group justify="center">
      {query.hasNextPage ? (
        <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {loadMoreLabel}
        </Button>
      ) : (
        count > 0 && (
          <Text size="sm" c="dimmed">
            {endLabel}
          </Text>
        )
      )}
    </Group>
  );
}
