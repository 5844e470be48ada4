import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** The browser tab says which page this is. */
export function usePageTitle(title: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
}
