-- A scheduled version may be withdrawn before its effective time: the one change a published row
-- allows is status published -> cancelled (with who and when), and only while effective_from is
-- still in the future. Everything else about published and cancelled rows stays frozen.
CREATE OR REPLACE FUNCTION price_book_versions_refuse_published_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' AND TG_OP = 'UPDATE' AND NEW.status = 'cancelled' AND OLD.effective_from > clock_timestamp()
     AND (to_jsonb(NEW) - 'status' - 'cancelled_by' - 'cancelled_at' - 'updated_at')
       = (to_jsonb(OLD) - 'status' - 'cancelled_by' - 'cancelled_at' - 'updated_at') THEN
    RETURN NEW;
  END IF;
  IF OLD.status IN ('published', 'cancelled') THEN
    RAISE EXCEPTION 'published price versions never change'
      USING HINT = 'Publish a new version instead (a rollback copies an old one); a scheduled version may only be cancelled before it takes effect.';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION branding_versions_refuse_published_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' AND TG_OP = 'UPDATE' AND NEW.status = 'cancelled' AND OLD.effective_from > clock_timestamp()
     AND (to_jsonb(NEW) - 'status' - 'cancelled_by' - 'cancelled_at' - 'updated_at')
       = (to_jsonb(OLD) - 'status' - 'cancelled_by' - 'cancelled_at' - 'updated_at') THEN
    RETURN NEW;
  END IF;
  IF OLD.status IN ('published', 'cancelled') THEN
    RAISE EXCEPTION 'published branding versions never change'
      USING HINT = 'Publish a new version instead (a rollback copies an old one); a scheduled version may only be cancelled before it takes effect.';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
