/** /tenants/:tenantId: one tenant's facts, switching to it, and suspending or reactivating it. */
import { Alert, Anchor, Button, Card, Center, Group, Loader, SimpleGrid, Stack, Text } from "@mantine/core";
import { ZId } from "@pc/shared";
import { IconArrowLeft, IconSwitchHorizontal } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { QueryError } from "../../components/QueryError";
import { TenantStatusBadge } from "../../components/TenantStatusBadge";
import { usePageTitle } from "../../components/usePageTitle";
import { errorCode } from "../../lib/errors";
import { useFormat } from "../../lib/format";
import { useCan, useMe } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { useSwitchTenant } from "../../lib/useSwitchTenant";
import { NoAccess } from "../errors/NoAccess";
import { TenantStatusActions } from "./TenantStatusActions";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" size="sm" mt={2}>
        {children}
      </Text>
    </div>
  );
}

export function TenantDetailPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const format = useFormat();
  const canRead = useCan("tenants.read");
  const canManage = useCan("tenants.manage");
  const switchTenant = useSwitchTenant();
  const id = useParams().tenantId ?? "";
  const validId = ZId.safeParse(id).success;
  const tenant = useQuery({
    ...trpc.tenants.get.queryOptions({ id }),
    enabled: canRead && validId,
    meta: { errorHandling: "local" },
  });
  usePageTitle(tenant.data?.name ?? t("nav.tenants"));

  const back = (
    <Anchor component={Link} to="/tenants" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t("tenants.backToList")}
      </Group>
    </Anchor>
  );

  if (!canRead) return <NoAccess />;
  if (!validId || (tenant.isError && errorCode(tenant.error) === "NOT_FOUND")) {
    return (
      <Stack align="flex-start">
        {back}
        <Alert color="gray" title={t("tenants.notFoundTitle")}>
          {t("tenants.notFound")}
        </Alert>
      </Stack>
    );
  }
  if (tenant.isError) return <QueryError error={tenant.error} onRetry={() => void tenant.refetch()} />;
  if (tenant.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }

  const data = tenant.data;
  const isActive = me.activeTenant?.id === data.id;
  return (
    <Stack gap="md">
      {back}
      <PageHeader
        title={data.name}
        description={isActive ? t("tenants.isActiveTenant") : undefined}
        actions={
          <>
            <Button
              leftSection={<IconSwitchHorizontal size={16} />}
              onClick={() => switchTenant.mutate({ tenantId: data.id })}
              loading={switchTenant.isPending}
              disabled={isActive}
            >
              {isActive ? t("tenants.activeNow") : t("tenants.switchTo")}
            </Button>
            {canManage && <TenantStatusActions tenant={data} size="sm" />}
          </>
        }
      />
      <Card withBorder padding="lg">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg">
          <Fact label={t("tenants.name")}>{data.name}</Fact>
          <Fact label={t("tenants.slug")}>
            <Text span ff="monospace" size="sm">
              {data.slug}
            </Text>
          </Fact>
          <Fact label={t("tenants.statusLabel")}>
            <TenantStatusBadge status={data.status} />
          </Fact>
          <Fact label={t("tenants.members")}>{data.memberCount === null ? "–" : format.number(data.memberCount)}</Fact>
          <Fact label={t("common.created")}>{format.dateTime(data.createdAt)}</Fact>
          {data.suspendedAt && <Fact label={t("tenants.suspendedAt")}>{format.dateTime(data.suspendedAt)}</Fact>}
        </SimpleGrid>
        {data.status === "suspended" && (
          <Alert color="red" variant="light" mt="lg" title={t("tenants.suspendedReason")}>
            {data.suspendedReason || t("tenants.noReason")}
          </Alert>
        )}
      </Card>
    </Stack>
  );
}
