CREATE TABLE "consent_checkpoints" (
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	CONSTRAINT "consent_checkpoints_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq")
);
--> statement-breakpoint
ALTER TABLE "consent_checkpoints" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_dev_origins" (
	"origin" text PRIMARY KEY NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_dev_origins" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_ingest_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"rate_per_second" integer NOT NULL,
	"burst" integer NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_ingest_settings_rate" CHECK ("consent_ingest_settings"."rate_per_second" between 1 and 1000000 and "consent_ingest_settings"."burst" between "consent_ingest_settings"."rate_per_second" and 10000000)
);
--> statement-breakpoint
ALTER TABLE "consent_ingest_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_ledger_heads" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_ledger_heads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_personal_data" (
	"tenant_id" uuid NOT NULL,
	"digest" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"salt" text,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_personal_data_tenant_id_digest_pk" PRIMARY KEY("tenant_id","digest")
);
--> statement-breakpoint
ALTER TABLE "consent_personal_data" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_publishable_keys" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"expires_at" timestamp with time zone,
	"retired_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_publishable_keys_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "consent_publishable_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_records" (
	"tenant_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"subject_digest" text NOT NULL,
	"consent_id" text NOT NULL,
	"policy_kind" text NOT NULL,
	"policy_version" text NOT NULL,
	"policy_sha256" text,
	"banner_version" text NOT NULL,
	"action" text NOT NULL,
	"purposes" jsonb NOT NULL,
	"language" text NOT NULL,
	"path" text NOT NULL,
	"gpc" boolean NOT NULL,
	"country" text,
	"jurisdiction" text NOT NULL,
	"personal_data_digest" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "consent_records_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq"),
	CONSTRAINT "consent_records_seq_positive" CHECK ("consent_records"."seq" >= 1)
);
--> statement-breakpoint
ALTER TABLE "consent_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_signing_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_signing_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_subject_secrets" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_subject_secrets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consent_checkpoints" ADD CONSTRAINT "consent_checkpoints_key_id_consent_signing_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."consent_signing_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_checkpoints" ADD CONSTRAINT "consent_checkpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_ingest_settings" ADD CONSTRAINT "consent_ingest_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_ledger_heads" ADD CONSTRAINT "consent_ledger_heads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_personal_data" ADD CONSTRAINT "consent_personal_data_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_publishable_keys" ADD CONSTRAINT "consent_publishable_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_subject_secrets" ADD CONSTRAINT "consent_subject_secrets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consent_publishable_keys_key_key" ON "consent_publishable_keys" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_publishable_keys_one_current_key" ON "consent_publishable_keys" USING btree ("tenant_id") WHERE "consent_publishable_keys"."expires_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "consent_records_id_key" ON "consent_records" USING btree ("id");--> statement-breakpoint
CREATE INDEX "consent_records_subject_idx" ON "consent_records" USING btree ("tenant_id","subject_digest","seq");--> statement-breakpoint
CREATE INDEX "consent_records_received_idx" ON "consent_records" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE POLICY "consent_checkpoints_tenant_isolation" ON "consent_checkpoints" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_dev_origins_read" ON "consent_dev_origins" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "consent_dev_origins_operator_insert" ON "consent_dev_origins" AS PERMISSIVE FOR INSERT TO public WITH CHECK (coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_dev_origins_operator_delete" ON "consent_dev_origins" AS PERMISSIVE FOR DELETE TO public USING (coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_ingest_settings_tenant_isolation" ON "consent_ingest_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_ledger_heads_tenant_isolation" ON "consent_ledger_heads" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_personal_data_tenant_isolation" ON "consent_personal_data" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_publishable_keys_tenant_isolation" ON "consent_publishable_keys" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_records_tenant_isolation" ON "consent_records" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_signing_keys_read" ON "consent_signing_keys" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "consent_signing_keys_insert" ON "consent_signing_keys" AS PERMISSIVE FOR INSERT TO public WITH CHECK (coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "consent_subject_secrets_tenant_isolation" ON "consent_subject_secrets" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');