ALTER TABLE "email_outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP INDEX "email_outbox_unsent_idx";--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "audience" text DEFAULT 'operator' NOT NULL;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "from_name" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "reply_to" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "body_html" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "message_id" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_outbox_dedupe_key" ON "email_outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "email_outbox_due_idx" ON "email_outbox" USING btree ("next_attempt_at") WHERE "email_outbox"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "email_outbox_created_idx" ON "email_outbox" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "email_outbox_tenant_created_idx" ON "email_outbox" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_tenant_audience" CHECK ("email_outbox"."audience" = 'operator' or "email_outbox"."tenant_id" is not null);--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_attempts" CHECK ("email_outbox"."attempts" >= 0);--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_status" CHECK ("email_outbox"."status" in ('pending', 'sending', 'sent', 'failed', 'cancelled'));--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_audience" CHECK ("email_outbox"."audience" in ('operator', 'tenant'));--> statement-breakpoint
CREATE POLICY "email_outbox_tenant_isolation" ON "email_outbox" AS PERMISSIVE FOR ALL TO public USING (("email_outbox"."tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid and "email_outbox"."audience" = 'tenant') or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (("email_outbox"."tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid and "email_outbox"."audience" = 'tenant') or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
-- Custom part. Rows written before delivery existed: the sent ones keep their time, a tenant's
-- invitation becomes that tenant's mail, and an unsent invitation whose invitation is no longer
-- pending (accepted, revoked, expired) is cancelled rather than delivered with a dead link.
UPDATE email_outbox SET status = 'sent' WHERE sent_at IS NOT NULL;--> statement-breakpoint
UPDATE email_outbox o SET tenant_id = i.tenant_id, audience = 'tenant'
  FROM invitations i
  WHERE o.kind = 'invitation' AND i.id::text = o.metadata->>'invitationId' AND i.tenant_id IS NOT NULL;--> statement-breakpoint
UPDATE email_outbox o SET status = 'cancelled', last_error = 'the invitation is no longer pending'
  FROM invitations i
  WHERE o.kind = 'invitation' AND o.status = 'pending' AND i.id::text = o.metadata->>'invitationId'
    AND (i.accepted_at IS NOT NULL OR i.revoked_at IS NOT NULL OR i.expires_at <= now());--> statement-breakpoint
-- The grants on email_outbox date from 0001; FORCE: the policy binds the table owner too.
ALTER TABLE email_outbox FORCE ROW LEVEL SECURITY;
