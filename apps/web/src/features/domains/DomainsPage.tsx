/** /domains: placeholder until the page lands. */
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";

export function DomainsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t("domains.title")} />;
}
