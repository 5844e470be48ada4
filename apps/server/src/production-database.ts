/**
 * What a production server checks of its database before it serves anything, as the role
 * DATABASE_URL logs in as: that role is the app's login role (not a superuser, not the schema's
 * owner, unable to create tables, a member of console_app); every shipped migration is applied (the
 * server never migrates in production: `npm run db:migrate` with the owner's URL does); and no demo
 * account or demo publishable key is present. Each problem is one line naming what to do.
 */
import {
  APP_ROLE,
  consentPublishableKeys,
  type Database,
  hasDemoAccounts,
  migrationStatus,
  queryRows,
  SYSTEM_CONTEXT,
  withRlsContext,
} from "@pc/db";
import { eq, sql } from "drizzle-orm";

const ROLES_DOC = 'docs/operations.md "Database roles"';
const MIGRATE = "run npm run db:migrate with DATABASE_MIGRATION_URL (the schema owner)";

interface LoginRole {
  name: string;
  superuser: boolean;
  appRoleExists: boolean;
  member: boolean;
  canCreate: boolean;
  /** Owner of the `tenants` table, when the role is (a member of) it. */
  ownsTables: string | null;
}

async function loginRole(db: Database): Promise<LoginRole> {
  const [row] = await queryRows<{
    name: string;
    superuser: boolean;
    app_role_exists: boolean;
    member: boolean;
    can_create: boolean;
    owns_tables: string | null;
  }>(
    db,
    sql`select current_user as name,
      (select rolsuper from pg_roles where rolname = current_user) as superuser,
      exists (select 1 from pg_roles where rolname = ${APP_ROLE}) as app_role_exists,
      coalesce((select pg_has_role(current_user, oid, 'MEMBER') from pg_roles where rolname = ${APP_ROLE}), false) as member,
      has_schema_privilege(current_user, 'public', 'CREATE') as can_create,
      (select tableowner::text from pg_tables
        where schemaname = 'public' and tablename = 'tenants' and pg_has_role(current_user, tableowner, 'MEMBER')) as owns_tables`,
  );
  if (!row) throw new Error("the role query answered nothing");
  return {
    name: row.name,
    superuser: row.superuser,
    appRoleExists: row.app_role_exists,
    member: row.member,
    canCreate: row.can_create,
    ownsTables: row.owns_tables,
  };
}

/** PostgreSQL's "insufficient privilege". */
function isPermissionDenied(error: unknown): boolean {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.code === "42501") return true;
    current = current.cause as typeof current;
  }
  return false;
}

export async function productionDatabaseProblems(db: Database): Promise<string[]> {
  const problems: string[] = [];
  const role = await loginRole(db);
  if (role.superuser) {
    problems.push(`DATABASE_URL logs in as ${role.name}, a superuser: use the app's login role (${ROLES_DOC})`);
  } else {
    if (role.ownsTables !== null) {
      problems.push(
        `DATABASE_URL logs in as ${role.name}, which owns the schema's tables (tenants belongs to ${role.ownsTables}): use the app's login role and keep the owner for DATABASE_MIGRATION_URL (${ROLES_DOC})`,
      );
    } else if (role.canCreate) {
      problems.push(
        `DATABASE_URL logs in as ${role.name}, which may create tables in schema public (it owns the database, or CREATE was granted): use a login role that cannot, or REVOKE CREATE ON SCHEMA public FROM PUBLIC (${ROLES_DOC})`,
      );
    }
    if (!role.member && role.ownsTables === null) {
      problems.push(
        role.appRoleExists
          ? `DATABASE_URL logs in as ${role.name}, which is not a member of ${APP_ROLE}: GRANT ${APP_ROLE} TO ${role.name} as a superuser (${ROLES_DOC})`
          : `The role ${APP_ROLE} does not exist yet: ${MIGRATE} (it creates it), then GRANT ${APP_ROLE} TO ${role.name} as a superuser (${ROLES_DOC})`,
      );
    }
  }

  // As /readyz reads it: the login role itself, through its membership of console_app.
  let pending: string[];
  try {
    pending = (await migrationStatus(db)).pending;
  } catch (error) {
    if (!isPermissionDenied(error)) throw error;
    // Without the membership the read is refused for that reason, already reported.
    if (role.member || role.superuser)
      problems.push(
        `DATABASE_URL's role ${role.name} cannot read drizzle.__drizzle_migrations: ${MIGRATE}, which grants ${APP_ROLE} that read`,
      );
    return problems;
  }
  if (pending.length > 0) {
    problems.push(
      `The database is missing ${pending.length} migration${pending.length === 1 ? "" : "s"} (first: ${pending[0]}): ${MIGRATE}`,
    );
    return problems;
  }
  // Demo data: only with the schema in place, in the app's own context (row-level security), which
  // needs the membership.
  if (!role.member && !role.superuser) return problems;
  const demo = await withRlsContext(db, SYSTEM_CONTEXT, async (tx) => ({
    accounts: await hasDemoAccounts(tx as unknown as Database),
    keys: await tx.select({ key: consentPublishableKeys.key }).from(consentPublishableKeys).where(eq(consentPublishableKeys.isDemo, true)),
  }));
  if (demo.accounts) {
    problems.push("Refusing to start in production: demo accounts are present. Remove them (users.is_demo) first.");
  }
  if (demo.keys.length > 0) {
    problems.push(
      `Refusing to start in production: demo publishable keys are present (${demo.keys.map((k) => k.key).join(", ")}). Remove them as the schema owner (SET app.all_tenants = 'on'; DELETE FROM consent_publishable_keys WHERE is_demo;), then create each tenant's key anew on its Consent page`,
    );
  }
  return problems;
}
