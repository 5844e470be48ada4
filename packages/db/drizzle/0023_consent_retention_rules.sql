-- Retention and legal holds, enforced by the database itself.
--
-- A consent record may now leave consent_records in exactly one way: deleted by a retention purge,
-- after its tombstone (consent_purged_records: tenant, seq, id, received_at, prev_hash, hash) was
-- written with the same chain fields, after its personal data was erased, only when it is older
-- than its tenant's retention period, and never while a legal hold covers its tenant or subject.
-- Every other UPDATE, DELETE or TRUNCATE is still refused to every role, the owner included. The
-- app role gets DELETE on consent_records for that (DELETE has no column grant; the trigger is
-- what narrows it), INSERT on tombstones, which can only copy an existing record's chain fields
-- and never change. Legal holds are only ever released (once, with a reason), never removed.
-- Purge runs are never removed. Forced RLS on every new table.
GRANT SELECT, UPDATE ON consent_retention_settings TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON consent_retention_tenants TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON consent_legal_holds TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON consent_retention_purges TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT ON consent_purged_records TO console_app;--> statement-breakpoint
GRANT DELETE ON consent_records TO console_app;--> statement-breakpoint
-- The operator's settings: three years by default, between 30 days and 10 years until changed.
INSERT INTO consent_retention_settings (id, default_days, min_days, max_days) VALUES (true, 1095, 30, 3650)
  ON CONFLICT (id) DO NOTHING;--> statement-breakpoint
ALTER TABLE consent_retention_settings FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_retention_tenants FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_legal_holds FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_retention_purges FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_purged_records FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_records_purge_only() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  period integer;
BEGIN
  IF TG_OP <> 'DELETE' THEN
    RAISE EXCEPTION 'consent_records rows are never changed or removed (% refused)', TG_OP
      USING HINT = 'The consent ledger is append-only; records leave it only through the audited retention purge.';
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM consent_purged_records p
    WHERE p.tenant_id = OLD.tenant_id AND p.seq = OLD.seq AND p.id = OLD.id AND p.received_at = OLD.received_at
      AND p.prev_hash = OLD.prev_hash AND p.hash = OLD.hash
  ) THEN
    RAISE EXCEPTION 'consent_records rows are never changed or removed (DELETE of seq % refused): only a retention purge removes a record, after writing its tombstone', OLD.seq
      USING HINT = 'A purge writes the record''s consent_purged_records row first.';
  END IF;
  IF EXISTS (
    SELECT 1 FROM consent_personal_data d
    WHERE d.tenant_id = OLD.tenant_id AND d.digest = OLD.personal_data_digest AND d.erased_at IS NULL
  ) THEN
    RAISE EXCEPTION 'a consent record is removed only after its personal data was erased (DELETE of seq % refused)', OLD.seq;
  END IF;
  IF EXISTS (
    SELECT 1 FROM consent_legal_holds h
    WHERE h.tenant_id = OLD.tenant_id AND h.released_at IS NULL
      AND (h.scope = 'tenant' OR h.subject_digest = OLD.subject_digest)
  ) THEN
    RAISE EXCEPTION 'a consent record under a legal hold is never removed (DELETE of seq % refused)', OLD.seq;
  END IF;
  SELECT coalesce(
    (SELECT t.days FROM consent_retention_tenants t WHERE t.tenant_id = OLD.tenant_id),
    (SELECT s.default_days FROM consent_retention_settings s WHERE s.id)
  ) INTO period;
  IF period IS NULL OR OLD.received_at >= now() - make_interval(days => period) THEN
    RAISE EXCEPTION 'a consent record is removed only after its retention period (DELETE of seq % refused)', OLD.seq;
  END IF;
  RETURN OLD;
END
$$;--> statement-breakpoint
DROP TRIGGER consent_records_append_only ON consent_records;--> statement-breakpoint
CREATE TRIGGER consent_records_purge_only
  BEFORE UPDATE OR DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION consent_records_purge_only();--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_purged_records_copy_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM consent_records r
    WHERE r.tenant_id = NEW.tenant_id AND r.seq = NEW.seq AND r.id = NEW.id AND r.received_at = NEW.received_at
      AND r.prev_hash = NEW.prev_hash AND r.hash = NEW.hash
  ) THEN
    RAISE EXCEPTION 'a tombstone copies the chain fields of a record being purged (INSERT of seq % refused)', NEW.seq;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER consent_purged_records_copy_only
  BEFORE INSERT ON consent_purged_records
  FOR EACH ROW EXECUTE FUNCTION consent_purged_records_copy_only();--> statement-breakpoint
CREATE TRIGGER consent_purged_records_append_only
  BEFORE UPDATE OR DELETE ON consent_purged_records
  FOR EACH ROW EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER consent_purged_records_no_truncate
  BEFORE TRUNCATE ON consent_purged_records
  FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_legal_holds_release_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- The one change allowed: releasing a hold, once, with who and why.
  IF TG_OP = 'UPDATE' AND OLD.released_at IS NULL AND NEW.released_at IS NOT NULL
     AND NEW.tenant_id = OLD.tenant_id AND NEW.id = OLD.id AND NEW.scope = OLD.scope
     AND NEW.subject_digest IS NOT DISTINCT FROM OLD.subject_digest AND NEW.subject_hint IS NOT DISTINCT FROM OLD.subject_hint
     AND NEW.reason = OLD.reason AND NEW.placed_by IS NOT DISTINCT FROM OLD.placed_by
     AND NEW.placed_by_label = OLD.placed_by_label AND NEW.placed_at = OLD.placed_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a legal hold is only ever released, once (% refused)', TG_OP
    USING HINT = 'Set released_at, released_by_label and release_reason; holds are never removed.';
END
$$;--> statement-breakpoint
CREATE TRIGGER consent_legal_holds_release_only
  BEFORE UPDATE OR DELETE ON consent_legal_holds
  FOR EACH ROW EXECUTE FUNCTION consent_legal_holds_release_only();--> statement-breakpoint
CREATE TRIGGER consent_legal_holds_no_truncate
  BEFORE TRUNCATE ON consent_legal_holds
  FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_retention_purges_progress_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A purge run's progress may move; what was asked for, by whom and when never changes, and a
  -- finished run is final.
  IF TG_OP = 'UPDATE' AND OLD.status IN ('queued', 'running')
     AND NEW.tenant_id = OLD.tenant_id AND NEW.id = OLD.id AND NEW.trigger = OLD.trigger
     AND NEW.requested_by IS NOT DISTINCT FROM OLD.requested_by AND NEW.requested_by_label = OLD.requested_by_label
     AND NEW.retention_days = OLD.retention_days AND NEW.cutoff = OLD.cutoff
     AND NEW.expected_records IS NOT DISTINCT FROM OLD.expected_records AND NEW.requested_at = OLD.requested_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a purge run only records its progress until it finishes (% refused)', TG_OP;
END
$$;--> statement-breakpoint
CREATE TRIGGER consent_retention_purges_progress_only
  BEFORE UPDATE OR DELETE ON consent_retention_purges
  FOR EACH ROW EXECUTE FUNCTION consent_retention_purges_progress_only();--> statement-breakpoint
CREATE TRIGGER consent_retention_purges_no_truncate
  BEFORE TRUNCATE ON consent_retention_purges
  FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER consent_retention_settings_kept
  BEFORE DELETE ON consent_retention_settings
  FOR EACH ROW EXECUTE FUNCTION consent_ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER consent_retention_settings_no_truncate
  BEFORE TRUNCATE ON consent_retention_settings
  FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_refuse_change();
