/** The main navigation: only the places the session may open. */
import { NavLink, Stack } from "@mantine/core";
import type { Permission } from "@pc/shared";
import {
  IconBuildingStore,
  IconChartLine,
  IconCoins,
  IconFileSearch,
  IconFileShredder,
  IconFileText,
  IconHome,
  IconHourglass,
  IconListSearch,
  IconMail,
  IconPalette,
  IconReportMoney,
  IconShieldCheck,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
  IconWallet,
  IconWorldWww,
} from "@tabler/icons-react";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { isOperatorStaff, useMe } from "../../lib/session";

interface NavEntry {
  to: string;
  label:
    | "nav.overview"
    | "nav.tenants"
    | "nav.users"
    | "nav.team"
    | "nav.prices"
    | "nav.branding"
    | "nav.domains"
    | "nav.policies"
    | "nav.consent"
    | "nav.consentRecords"
    | "nav.consentStats"
    | "nav.subjectRequests"
    | "nav.consentRetention"
    | "nav.earnings"
    | "nav.payouts"
    | "nav.emailOutbox"
    | "nav.audit"
    | "nav.account";
  icon: ComponentType<{ size?: number; stroke?: number }>;
  permission?: Permission;
  /** Works on the active tenant; "partners": only partners need one (staff also work across tenants). */
  needsTenant?: boolean | "partners";
}

const ENTRIES: NavEntry[] = [
  { to: "/", label: "nav.overview", icon: IconHome },
  { to: "/tenants", label: "nav.tenants", icon: IconBuildingStore, permission: "tenants.read" },
  { to: "/users", label: "nav.users", icon: IconUsers, permission: "users.read" },
  { to: "/team", label: "nav.team", icon: IconUsersGroup, permission: "team.read", needsTenant: true },
  { to: "/prices", label: "nav.prices", icon: IconCoins, permission: "prices.read", needsTenant: true },
  { to: "/branding", label: "nav.branding", icon: IconPalette, permission: "branding.read", needsTenant: true },
  { to: "/domains", label: "nav.domains", icon: IconWorldWww, permission: "branding.read", needsTenant: true },
  { to: "/policies", label: "nav.policies", icon: IconFileText, permission: "policies.read", needsTenant: "partners" },
  { to: "/consent", label: "nav.consent", icon: IconShieldCheck, permission: "consent.read", needsTenant: "partners" },
  { to: "/consent/records", label: "nav.consentRecords", icon: IconFileSearch, permission: "consent.read", needsTenant: "partners" },
  { to: "/consent/stats", label: "nav.consentStats", icon: IconChartLine, permission: "consent.read", needsTenant: "partners" },
  { to: "/consent/requests", label: "nav.subjectRequests", icon: IconFileShredder, permission: "consent.read", needsTenant: "partners" },
  { to: "/consent/retention", label: "nav.consentRetention", icon: IconHourglass, permission: "consent.read", needsTenant: "partners" },
  { to: "/earnings", label: "nav.earnings", icon: IconWallet, permission: "earnings.read", needsTenant: true },
  // Finance's view across tenants: payouts.read is an operator permission only.
  { to: "/payouts", label: "nav.payouts", icon: IconReportMoney, permission: "payouts.read" },
  // Operator admins: every mail; partner admins: their tenant's.
  { to: "/email-outbox", label: "nav.emailOutbox", icon: IconMail, permission: "email.read", needsTenant: "partners" },
  { to: "/audit", label: "nav.audit", icon: IconListSearch, permission: "audit.read" },
  { to: "/account", label: "nav.account", icon: IconUserCircle },
];

function matches(pathname: string, to: string): boolean {
  return to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
}

export function MainNav({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const needsTenant = (entry: NavEntry) => entry.needsTenant === true || (entry.needsTenant === "partners" && !isOperatorStaff(me));
  const entries = ENTRIES.filter((entry) => !entry.permission || me.permissions.includes(entry.permission));

  return (
    // AppShell.Navbar is the <nav> landmark (aria-label "Main"); this is its list of links.
    <Stack gap={4}>
      {entries.map((entry) => {
        // The most specific entry wins: /consent/records is "Consent records", not also "Consent".
        const active =
          matches(pathname, entry.to) && !entries.some((other) => other.to.length > entry.to.length && matches(pathname, other.to));
        return (
          <NavLink
            key={entry.to}
            component={Link}
            to={entry.to}
            label={t(entry.label)}
            description={needsTenant(entry) && !me.activeTenant ? t("nav.needsTenant") : undefined}
            leftSection={<entry.icon size={18} stroke={1.6} />}
            active={active}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
          />
        );
      })}
    </Stack>
  );
}
