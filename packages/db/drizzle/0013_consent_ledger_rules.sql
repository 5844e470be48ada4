-- The consent ledger's rules, enforced by the database itself. The app role may append records
-- and checkpoints and read them, never change or remove them (no UPDATE, DELETE or TRUNCATE
-- grant), and triggers refuse those changes to every role, the owner included, on PGlite and
-- PostgreSQL alike. Personal data may only be erased (set to null, once); a chain head only moves
-- forward. The only path meant to remove anything is the audited retention and erasure path.
GRANT SELECT, INSERT ON consent_records TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT ON consent_checkpoints TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT ON consent_signing_keys TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON consent_personal_data TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON consent_ledger_heads TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT ON consent_subject_secrets TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON consent_publishable_keys TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON consent_ingest_settings TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON consent_dev_origins TO console_app;--> statement-breakpoint
ALTER TABLE consent_records FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_checkpoints FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_signing_keys FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_personal_data FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_ledger_heads FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_subject_secrets FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_publishable_keys FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_ingest_settings FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_dev_origins FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_ledger_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never changed or removed (% refused)', TG_TABLE_NAME, TG_OP
    USING HINT = 'The consent ledger is append-only; records leave it only through the audited retention and erasure path.';
END
$$;--> statement-breakpoint
CREATE TRIGGER consent_records_append_only
  BEFORE UPDATE OR DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER consent_records_no_truncate
  BEFORE TRUNCATE ON consent_records
  FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER consent_checkpoints_append_only
  BEFORE UPDATE OR DELETE ON consent_checkpoints
  FOR EACH ROW EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER consent_checkpoints_no_truncate
  BEFORE TRUNCATE ON consent_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER consent_signing_keys_append_only
  BEFORE UPDATE OR DELETE ON consent_signing_keys
  FOR EACH ROW EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER consent_signing_keys_no_truncate
  BEFORE TRUNCATE ON consent_signing_keys
  FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_personal_data_erase_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- The one change allowed: erasing the data and its salt, once.
  IF TG_OP = 'UPDATE' AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL
     AND NEW.ip IS NULL AND NEW.user_agent IS NULL AND NEW.salt IS NULL
     AND NEW.tenant_id = OLD.tenant_id AND NEW.digest = OLD.digest AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consent personal data can only be erased (% refused)', TG_OP
    USING HINT = 'Set ip, user_agent and salt to null with erased_at, once; rows are never removed.';
END
$$;--> statement-breakpoint
CREATE TRIGGER consent_personal_data_erase_only
  BEFORE UPDATE OR DELETE ON consent_personal_data
  FOR EACH ROW EXECUTE FUNCTION consent_personal_data_erase_only();--> statement-breakpoint
CREATE TRIGGER consent_personal_data_no_truncate
  BEFORE TRUNCATE ON consent_personal_data
  FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_ledger_heads_forward_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.tenant_id = OLD.tenant_id AND NEW.seq >= OLD.seq THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a consent ledger head only moves forward (% refused)', TG_OP;
END
$$;--> statement-breakpoint
CREATE TRIGGER consent_ledger_heads_forward_only
  BEFORE UPDATE OR DELETE ON consent_ledger_heads
  FOR EACH ROW EXECUTE FUNCTION consent_ledger_heads_forward_only();--> statement-breakpoint
CREATE TRIGGER consent_ledger_heads_no_truncate
  BEFORE TRUNCATE ON consent_ledger_heads
  FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_refuse_change();
