CREATE TABLE "policy_addendum_versions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"markdown" text NOT NULL,
	"change_summary" text DEFAULT '' NOT NULL,
	"sha256" text,
	"created_by" uuid,
	"updated_by" uuid,
	"approval_requested_by" uuid,
	"approval_requested_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"effective_from" timestamp with time zone,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"retired_by" uuid,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_addendum_versions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "policy_addendum_versions_published_complete" CHECK (("policy_addendum_versions"."status" <> 'published' and "policy_addendum_versions"."version" is null and "policy_addendum_versions"."effective_from" is null and "policy_addendum_versions"."sha256" is null)
        or ("policy_addendum_versions"."status" = 'published' and "policy_addendum_versions"."version" is not null and "policy_addendum_versions"."effective_from" is not null and "policy_addendum_versions"."sha256" is not null and "policy_addendum_versions"."approved_by" is not null))
);
--> statement-breakpoint
ALTER TABLE "policy_addendum_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "policy_reconsent_requirements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"policy_version_id" uuid NOT NULL,
	"version" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"summary" text NOT NULL,
	"voided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_reconsent_requirements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "policy_reconsent_requirements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "policy_renditions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"policy_version_id" uuid NOT NULL,
	"addendum_version_id" uuid,
	"version" text NOT NULL,
	"addendum_version" integer,
	"title" text NOT NULL,
	"markdown" text NOT NULL,
	"sha256" text NOT NULL,
	"variables" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_renditions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "policy_renditions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"material" boolean DEFAULT false NOT NULL,
	"major" integer,
	"minor" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"markdown" text NOT NULL,
	"purposes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"change_summary" text DEFAULT '' NOT NULL,
	"sha256" text,
	"created_by" uuid,
	"updated_by" uuid,
	"approval_requested_by" uuid,
	"approval_requested_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"effective_from" timestamp with time zone,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"retired_by" uuid,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_versions_published_complete" CHECK (("policy_versions"."status" <> 'published' and "policy_versions"."major" is null and "policy_versions"."minor" is null and "policy_versions"."effective_from" is null and "policy_versions"."sha256" is null)
        or ("policy_versions"."status" = 'published' and "policy_versions"."major" is not null and "policy_versions"."minor" is not null and "policy_versions"."effective_from" is not null and "policy_versions"."sha256" is not null)),
	CONSTRAINT "policy_versions_material_approved" CHECK (not ("policy_versions"."status" = 'published' and "policy_versions"."material" and "policy_versions"."approved_by" is null))
);
--> statement-breakpoint
ALTER TABLE "policy_addendum_versions" ADD CONSTRAINT "policy_addendum_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_reconsent_requirements" ADD CONSTRAINT "policy_reconsent_requirements_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_reconsent_requirements" ADD CONSTRAINT "policy_reconsent_requirements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_renditions" ADD CONSTRAINT "policy_renditions_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_renditions" ADD CONSTRAINT "policy_renditions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_renditions" ADD CONSTRAINT "policy_renditions_addendum_fk" FOREIGN KEY ("tenant_id","addendum_version_id") REFERENCES "public"."policy_addendum_versions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "policy_addendum_versions_number_key" ON "policy_addendum_versions" USING btree ("tenant_id","kind","version");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_addendum_versions_one_open_key" ON "policy_addendum_versions" USING btree ("tenant_id","kind") WHERE "policy_addendum_versions"."status" <> 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "policy_reconsent_requirements_version_key" ON "policy_reconsent_requirements" USING btree ("tenant_id","policy_version_id");--> statement-breakpoint
CREATE INDEX "policy_reconsent_requirements_since_idx" ON "policy_reconsent_requirements" USING btree ("tenant_id","kind","since");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_renditions_text_key" ON "policy_renditions" USING btree ("tenant_id","kind","policy_version_id","sha256");--> statement-breakpoint
CREATE INDEX "policy_renditions_version_idx" ON "policy_renditions" USING btree ("tenant_id","kind","version","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_number_key" ON "policy_versions" USING btree ("kind","major","minor");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_one_open_key" ON "policy_versions" USING btree ("kind") WHERE "policy_versions"."status" <> 'published';--> statement-breakpoint
CREATE INDEX "policy_versions_effective_idx" ON "policy_versions" USING btree ("kind","effective_from");--> statement-breakpoint
CREATE POLICY "policy_addendum_versions_tenant_isolation" ON "policy_addendum_versions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "policy_reconsent_requirements_tenant_isolation" ON "policy_reconsent_requirements" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "policy_renditions_tenant_isolation" ON "policy_renditions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');