CREATE TABLE "consent_legal_holds" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"scope" text NOT NULL,
	"subject_digest" text,
	"subject_hint" text,
	"reason" text NOT NULL,
	"placed_by" uuid,
	"placed_by_label" text NOT NULL,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	"released_by" uuid,
	"released_by_label" text,
	"release_reason" text,
	CONSTRAINT "consent_legal_holds_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "consent_legal_holds_scope" CHECK (("consent_legal_holds"."scope" = 'tenant' and "consent_legal_holds"."subject_digest" is null and "consent_legal_holds"."subject_hint" is null) or ("consent_legal_holds"."scope" = 'subject' and "consent_legal_holds"."subject_digest" is not null and "consent_legal_holds"."subject_hint" is not null)),
	CONSTRAINT "consent_legal_holds_reason" CHECK (length("consent_legal_holds"."reason") > 0),
	CONSTRAINT "consent_legal_holds_release" CHECK (("consent_legal_holds"."released_at" is null and "consent_legal_holds"."released_by_label" is null and "consent_legal_holds"."release_reason" is null) or ("consent_legal_holds"."released_at" is not null and "consent_legal_holds"."released_by_label" is not null and coalesce(length("consent_legal_holds"."release_reason"), 0) > 0))
);
--> statement-breakpoint
ALTER TABLE "consent_legal_holds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_purged_records" (
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"purged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"purge_id" uuid NOT NULL,
	CONSTRAINT "consent_purged_records_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq")
);
--> statement-breakpoint
ALTER TABLE "consent_purged_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_retention_purges" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"job_run_id" text,
	"requested_by" uuid,
	"requested_by_label" text NOT NULL,
	"retention_days" integer NOT NULL,
	"cutoff" timestamp with time zone NOT NULL,
	"expected_records" integer,
	"status" text NOT NULL,
	"purged_records" integer DEFAULT 0 NOT NULL,
	"held_records" integer DEFAULT 0 NOT NULL,
	"first_seq" bigint,
	"last_seq" bigint,
	"batches" integer DEFAULT 0 NOT NULL,
	"anchors" integer DEFAULT 0 NOT NULL,
	"error" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "consent_retention_purges_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "consent_retention_purges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_retention_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"default_days" integer NOT NULL,
	"min_days" integer NOT NULL,
	"max_days" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_retention_settings_singleton" CHECK ("consent_retention_settings"."id"),
	CONSTRAINT "consent_retention_settings_limits" CHECK (1 <= "consent_retention_settings"."min_days" and "consent_retention_settings"."min_days" <= "consent_retention_settings"."default_days" and "consent_retention_settings"."default_days" <= "consent_retention_settings"."max_days" and "consent_retention_settings"."max_days" <= 36500)
);
--> statement-breakpoint
ALTER TABLE "consent_retention_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_retention_tenants" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"days" integer NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_retention_tenants_days" CHECK ("consent_retention_tenants"."days" between 1 and 36500)
);
--> statement-breakpoint
ALTER TABLE "consent_retention_tenants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consent_legal_holds" ADD CONSTRAINT "consent_legal_holds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_purged_records" ADD CONSTRAINT "consent_purged_records_tenant_id_purge_id_consent_retention_purges_tenant_id_id_fk" FOREIGN KEY ("tenant_id","purge_id") REFERENCES "public"."consent_retention_purges"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_retention_purges" ADD CONSTRAINT "consent_retention_purges_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_retention_tenants" ADD CONSTRAINT "consent_retention_tenants_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_legal_holds_active_idx" ON "consent_legal_holds" USING btree ("tenant_id","subject_digest") WHERE "consent_legal_holds"."released_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "consent_purged_records_id_key" ON "consent_purged_records" USING btree ("id");--> statement-breakpoint
CREATE INDEX "consent_retention_purges_requested_idx" ON "consent_retention_purges" USING btree ("requested_at");--> statement-breakpoint
CREATE INDEX "consent_retention_purges_queued_idx" ON "consent_retention_purges" USING btree ("status") WHERE "consent_retention_purges"."status" in ('queued', 'running');--> statement-breakpoint
CREATE POLICY "consent_legal_holds_tenant_isolation" ON "consent_legal_holds" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_purged_records_tenant_isolation" ON "consent_purged_records" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_retention_purges_tenant_isolation" ON "consent_retention_purges" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_retention_settings_read" ON "consent_retention_settings" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "consent_retention_settings_operator_update" ON "consent_retention_settings" AS PERMISSIVE FOR UPDATE TO public USING (coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_retention_tenants_tenant_isolation" ON "consent_retention_tenants" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');