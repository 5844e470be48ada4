/** A purpose's category and legal basis, and whether it asks first, in the reader's language. */
import { Badge } from "@mantine/core";
import type { LegalBasis, PurposeCategory } from "@pc/shared";
import { useTranslation } from "react-i18next";
import { NO_TRUNCATE } from "../../components/badgeStyles";

const CATEGORY_COLORS: Record<PurposeCategory, string> = {
  strictly_necessary: "gray",
  functional: "blue",
  analytics: "grape",
  marketing: "orange",
};

export function CategoryBadge({ category }: { category: PurposeCategory }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={CATEGORY_COLORS[category]} tt="none" styles={NO_TRUNCATE}>
      {t(`policies.categories.${category}`)}
    </Badge>
  );
}

export function OptInBadge({ optIn }: { optIn: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant={optIn ? "light" : "outline"} color={optIn ? "teal" : "gray"} tt="none" styles={NO_TRUNCATE}>
      {optIn ? t("policies.purposes.optInYes") : t("policies.purposes.optInNo")}
    </Badge>
  );
}

/** "Consent (GDPR Art. 6(1)(a))" and the like. */
export function useLegalBasisLabel() {
  const { t } = useTranslation();
  return (basis: LegalBasis) => t(`policies.legalBases.${basis}`);
}
