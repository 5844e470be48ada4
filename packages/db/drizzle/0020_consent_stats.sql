CREATE TABLE "consent_stats_action_daily" (
	"tenant_id" uuid NOT NULL,
	"policy_kind" text NOT NULL,
	"day" date NOT NULL,
	"country" text NOT NULL,
	"action" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "consent_stats_action_daily_tenant_id_policy_kind_day_country_action_pk" PRIMARY KEY("tenant_id","policy_kind","day","country","action")
);
--> statement-breakpoint
ALTER TABLE "consent_stats_action_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_stats_country_daily" (
	"tenant_id" uuid NOT NULL,
	"policy_kind" text NOT NULL,
	"day" date NOT NULL,
	"country" text NOT NULL,
	"purpose" text NOT NULL,
	"decision" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "consent_stats_country_daily_tenant_id_policy_kind_day_country_purpose_decision_pk" PRIMARY KEY("tenant_id","policy_kind","day","country","purpose","decision")
);
--> statement-breakpoint
ALTER TABLE "consent_stats_country_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_stats_coverage" (
	"tenant_id" uuid NOT NULL,
	"policy_kind" text NOT NULL,
	"policy_version" text NOT NULL,
	"month" date NOT NULL,
	"subjects" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "consent_stats_coverage_tenant_id_policy_kind_policy_version_month_pk" PRIMARY KEY("tenant_id","policy_kind","policy_version","month"),
	CONSTRAINT "consent_stats_coverage_month" CHECK (extract(day from "consent_stats_coverage"."month") = 1),
	CONSTRAINT "consent_stats_coverage_subjects" CHECK ("consent_stats_coverage"."subjects" >= 0)
);
--> statement-breakpoint
ALTER TABLE "consent_stats_coverage" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_stats_purpose_daily" (
	"tenant_id" uuid NOT NULL,
	"policy_kind" text NOT NULL,
	"day" date NOT NULL,
	"policy_version" text NOT NULL,
	"purpose" text NOT NULL,
	"decision" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "consent_stats_purpose_daily_tenant_id_policy_kind_day_policy_version_purpose_decision_pk" PRIMARY KEY("tenant_id","policy_kind","day","policy_version","purpose","decision")
);
--> statement-breakpoint
ALTER TABLE "consent_stats_purpose_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_stats_subjects" (
	"tenant_id" uuid NOT NULL,
	"subject_digest" text NOT NULL,
	"policy_kind" text NOT NULL,
	"policy_version" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "consent_stats_subjects_tenant_id_subject_digest_policy_kind_pk" PRIMARY KEY("tenant_id","subject_digest","policy_kind")
);
--> statement-breakpoint
ALTER TABLE "consent_stats_subjects" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "consent_stats_action_daily_tenant_isolation" ON "consent_stats_action_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_stats_country_daily_tenant_isolation" ON "consent_stats_country_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_stats_coverage_tenant_isolation" ON "consent_stats_coverage" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_stats_purpose_daily_tenant_isolation" ON "consent_stats_purpose_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_stats_subjects_tenant_isolation" ON "consent_stats_subjects" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');