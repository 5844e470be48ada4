-- Price book versions: the app role's grants, RLS that binds the owner too, and immutability of
-- published versions (a change is always a new version; history is never rewritten).
GRANT SELECT, INSERT, UPDATE, DELETE ON price_book_versions TO console_app;--> statement-breakpoint
ALTER TABLE price_book_versions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Enforced in the database, so not even a direct SQL session (or a bug in the API) can edit or
-- delete a published version. Drafts stay editable; publishing is the draft row's last UPDATE.
CREATE OR REPLACE FUNCTION price_book_versions_refuse_published_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'published price versions never change'
      USING HINT = 'Publish a new version instead (a rollback copies an old one).';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER price_book_versions_published_immutable
  BEFORE UPDATE OR DELETE ON price_book_versions
  FOR EACH ROW EXECUTE FUNCTION price_book_versions_refuse_published_change();
