-- The app's database role. Requests run as it (SET LOCAL ROLE, or by logging in as a member of it),
-- so row-level security applies even when the connection belongs to the schema owner.
-- Roles are cluster-wide: create it only when missing, and tolerate a concurrent creator.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'console_app') THEN
    CREATE ROLE console_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON operator_profile, tenants, users, tenant_memberships, sessions, login_attempts, invitations, email_outbox TO console_app;--> statement-breakpoint
-- The audit trail is append-only for the app; its chain head only moves forward with it.
GRANT SELECT, INSERT ON audit_events TO console_app;--> statement-breakpoint
GRANT SELECT, UPDATE ON audit_chain_head TO console_app;--> statement-breakpoint
INSERT INTO audit_chain_head (id, last_event_id, last_hash) VALUES (1, NULL, repeat('0', 64));--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO console_app;--> statement-breakpoint
-- FORCE: the policies bind the table owner too, not only other roles.
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE tenant_memberships FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
