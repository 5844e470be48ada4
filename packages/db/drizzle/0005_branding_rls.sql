-- Branding, brand assets, custom domains and scheduled jobs: the app role's grants, RLS that binds
-- the owner too, and immutability of published branding versions and of stored assets.
GRANT SELECT, INSERT, UPDATE, DELETE ON branding_versions TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON brand_assets TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_domains TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON scheduled_jobs TO console_app;--> statement-breakpoint
ALTER TABLE branding_versions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE brand_assets FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE tenant_domains FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE OR REPLACE FUNCTION branding_versions_refuse_published_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'published branding versions never change'
      USING HINT = 'Publish a new version instead (a rollback copies an old one).';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER branding_versions_published_immutable
  BEFORE UPDATE OR DELETE ON branding_versions
  FOR EACH ROW EXECUTE FUNCTION branding_versions_refuse_published_change();--> statement-breakpoint
-- An asset's bytes are what a published version showed; a new image is a new row.
CREATE OR REPLACE FUNCTION brand_assets_refuse_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stored brand assets never change'
    USING HINT = 'Upload a new asset instead.';
END
$$;--> statement-breakpoint
CREATE TRIGGER brand_assets_immutable
  BEFORE UPDATE ON brand_assets
  FOR EACH ROW EXECUTE FUNCTION brand_assets_refuse_update();
