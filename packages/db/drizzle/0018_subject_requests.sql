CREATE TABLE "subject_request_artifacts" (
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subject_request_artifacts_tenant_id_request_id_pk" PRIMARY KEY("tenant_id","request_id")
);
--> statement-breakpoint
ALTER TABLE "subject_request_artifacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "subject_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"subjects" jsonb NOT NULL,
	"requester_email" text NOT NULL,
	"channel" text NOT NULL,
	"for_minor" boolean DEFAULT false NOT NULL,
	"guardian_name" text,
	"guardian_relationship" text,
	"guardian_verification_method" text,
	"guardian_verification_note" text,
	"filed_by" uuid,
	"filed_by_label" text NOT NULL,
	"filed_by_side" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"identity_verified_at" timestamp with time zone,
	"identity_verified_by" text,
	"identity_note" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"rejected_at" timestamp with time zone,
	"rejected_by" text,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subject_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "subject_requests_rejection_reason" CHECK ("subject_requests"."status" <> 'rejected' or coalesce(length("subject_requests"."rejection_reason"), 0) > 0),
	CONSTRAINT "subject_requests_guardian" CHECK (not "subject_requests"."for_minor" or ("subject_requests"."guardian_name" is not null and "subject_requests"."guardian_relationship" is not null and "subject_requests"."guardian_verification_method" is not null and "subject_requests"."guardian_verification_note" is not null)),
	CONSTRAINT "subject_requests_has_subject" CHECK (jsonb_array_length("subject_requests"."subjects") >= 1)
);
--> statement-breakpoint
ALTER TABLE "subject_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "subject_request_artifacts" ADD CONSTRAINT "subject_request_artifacts_tenant_id_request_id_subject_requests_tenant_id_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."subject_requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_requests" ADD CONSTRAINT "subject_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subject_requests_due_idx" ON "subject_requests" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "subject_requests_tenant_received_idx" ON "subject_requests" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE POLICY "subject_request_artifacts_tenant_isolation" ON "subject_request_artifacts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "subject_requests_tenant_isolation" ON "subject_requests" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');