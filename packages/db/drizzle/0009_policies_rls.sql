-- Policy documents: the app role's grants, RLS that binds the owner too, and immutability. The
-- database itself refuses to change a published version's text or purposes, a recorded rendition,
-- or a re-consent requirement (which may only be voided, once).
GRANT SELECT, INSERT, UPDATE, DELETE ON policy_versions TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON policy_addendum_versions TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT ON policy_renditions TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON policy_reconsent_requirements TO console_app;--> statement-breakpoint
ALTER TABLE policy_addendum_versions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE policy_renditions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE policy_reconsent_requirements FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE OR REPLACE FUNCTION policy_versions_refuse_published_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'published' THEN
    IF TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
    RETURN NEW;
  END IF;
  -- The one change a published version allows: being retired, once.
  IF TG_OP = 'UPDATE' AND OLD.retired_at IS NULL AND NEW.retired_at IS NOT NULL
     AND (to_jsonb(NEW) - 'retired_at' - 'retired_by' - 'updated_at') = (to_jsonb(OLD) - 'retired_at' - 'retired_by' - 'updated_at') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'published policy versions never change'
    USING HINT = 'Publish a new version instead; a published version can only be retired.';
END
$$;--> statement-breakpoint
CREATE TRIGGER policy_versions_published_immutable
  BEFORE UPDATE OR DELETE ON policy_versions
  FOR EACH ROW EXECUTE FUNCTION policy_versions_refuse_published_change();--> statement-breakpoint
CREATE OR REPLACE FUNCTION policy_addendum_versions_refuse_published_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'published' THEN
    IF TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
    RETURN NEW;
  END IF;
  -- The one change a published version allows: being retired, once.
  IF TG_OP = 'UPDATE' AND OLD.retired_at IS NULL AND NEW.retired_at IS NOT NULL
     AND (to_jsonb(NEW) - 'retired_at' - 'retired_by' - 'updated_at') = (to_jsonb(OLD) - 'retired_at' - 'retired_by' - 'updated_at') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'published policy addenda never change'
    USING HINT = 'Publish a new version instead; a published version can only be retired.';
END
$$;--> statement-breakpoint
CREATE TRIGGER policy_addendum_versions_published_immutable
  BEFORE UPDATE OR DELETE ON policy_addendum_versions
  FOR EACH ROW EXECUTE FUNCTION policy_addendum_versions_refuse_published_change();--> statement-breakpoint
CREATE OR REPLACE FUNCTION policy_renditions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'recorded policy renditions never change'
    USING HINT = 'A rendition is what visitors were shown; a different text is a new rendition.';
END
$$;--> statement-breakpoint
CREATE TRIGGER policy_renditions_immutable
  BEFORE UPDATE OR DELETE ON policy_renditions
  FOR EACH ROW EXECUTE FUNCTION policy_renditions_refuse_change();--> statement-breakpoint
CREATE OR REPLACE FUNCTION policy_reconsent_requirements_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL
     AND (to_jsonb(NEW) - 'voided_at') = (to_jsonb(OLD) - 'voided_at') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 're-consent requirements never change'
    USING HINT = 'A requirement can only be voided, once, when its version is retired before it takes effect.';
END
$$;--> statement-breakpoint
CREATE TRIGGER policy_reconsent_requirements_immutable
  BEFORE UPDATE OR DELETE ON policy_reconsent_requirements
  FOR EACH ROW EXECUTE FUNCTION policy_reconsent_requirements_refuse_change();
