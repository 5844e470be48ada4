-- Data-subject requests' rules, enforced by the database. The app may file requests and move them
-- through their workflow (UPDATE) but never remove one; what completing a request produced (the
-- erasure receipt handed to the requester, the access export) is written once and never changed.
-- Forced RLS on both tables.
GRANT SELECT, INSERT, UPDATE ON subject_requests TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT ON subject_request_artifacts TO console_app;--> statement-breakpoint
ALTER TABLE subject_requests FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE subject_request_artifacts FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE OR REPLACE FUNCTION subject_requests_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are kept as evidence of how a request was answered (% refused)', TG_TABLE_NAME, TG_OP;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION subject_requests_fixed_identity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tenant_id <> OLD.tenant_id OR NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.subjects <> OLD.subjects
     OR NEW.received_at <> OLD.received_at OR NEW.due_at <> OLD.due_at THEN
    RAISE EXCEPTION 'a request''s tenant, kind, subject and dates never change (UPDATE refused)';
  END IF;
  IF OLD.status IN ('completed', 'rejected') THEN
    RAISE EXCEPTION 'a % request is final (UPDATE refused)', OLD.status;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER subject_requests_fixed_identity BEFORE UPDATE ON subject_requests FOR EACH ROW EXECUTE FUNCTION subject_requests_fixed_identity();--> statement-breakpoint
CREATE TRIGGER subject_requests_never_deleted BEFORE DELETE ON subject_requests FOR EACH ROW EXECUTE FUNCTION subject_requests_refuse_change();--> statement-breakpoint
CREATE TRIGGER subject_request_artifacts_never_changed BEFORE UPDATE OR DELETE ON subject_request_artifacts FOR EACH ROW EXECUTE FUNCTION subject_requests_refuse_change();
