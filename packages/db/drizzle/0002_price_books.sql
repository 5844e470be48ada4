CREATE TABLE "price_book_versions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"per_track_amount" integer NOT NULL,
	"bundles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tax_behavior" text NOT NULL,
	"revenue_share_bps" integer NOT NULL,
	"effective_from" timestamp with time zone,
	"based_on_version" integer,
	"change_summary" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	CONSTRAINT "price_book_versions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "price_book_versions_published_has_version" CHECK (("price_book_versions"."status" = 'draft' and "price_book_versions"."version" is null and "price_book_versions"."effective_from" is null) or ("price_book_versions"."status" = 'published' and "price_book_versions"."version" is not null and "price_book_versions"."effective_from" is not null)),
	CONSTRAINT "price_book_versions_amounts" CHECK ("price_book_versions"."per_track_amount" >= 0 and "price_book_versions"."revenue_share_bps" between 0 and 10000)
);
--> statement-breakpoint
ALTER TABLE "price_book_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "price_book_versions" ADD CONSTRAINT "price_book_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "price_book_versions_version_key" ON "price_book_versions" USING btree ("tenant_id","currency","version");--> statement-breakpoint
CREATE UNIQUE INDEX "price_book_versions_one_draft_key" ON "price_book_versions" USING btree ("tenant_id","currency") WHERE "price_book_versions"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "price_book_versions_effective_idx" ON "price_book_versions" USING btree ("tenant_id","currency","effective_from");--> statement-breakpoint
CREATE POLICY "price_book_versions_tenant_isolation" ON "price_book_versions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');