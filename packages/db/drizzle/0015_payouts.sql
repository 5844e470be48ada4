CREATE TABLE "payout_items" (
	"tenant_id" uuid NOT NULL,
	"payout_id" uuid NOT NULL,
	"balance_transaction_id" text NOT NULL,
	"type" text NOT NULL,
	"amount" bigint NOT NULL,
	"fee" bigint NOT NULL,
	"net" bigint NOT NULL,
	"currency" text NOT NULL,
	"source_id" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_items_tenant_id_payout_id_balance_transaction_id_pk" PRIMARY KEY("tenant_id","payout_id","balance_transaction_id")
);
--> statement-breakpoint
ALTER TABLE "payout_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payouts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"stripe_payout_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"automatic" boolean NOT NULL,
	"arrival_date" timestamp with time zone NOT NULL,
	"stripe_created_at" timestamp with time zone NOT NULL,
	"failure_code" text,
	"failure_message" text,
	"items_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "payouts_amount_positive" CHECK ("payouts"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "payouts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "revenue_share_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"currency" text NOT NULL,
	"revenue_share_bps" integer NOT NULL,
	"effective_from" timestamp with time zone,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"applied_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "revenue_share_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "revenue_share_requests_bps" CHECK ("revenue_share_requests"."revenue_share_bps" between 0 and 10000)
);
--> statement-breakpoint
ALTER TABLE "revenue_share_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sale_adjustments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"sale_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"stripe_object_id" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"partner_amount" bigint NOT NULL,
	"platform_amount" bigint NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"transfer_movement_id" text,
	"account_transaction_source_id" text,
	"fee_refund_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sale_adjustments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sale_adjustments_parts" CHECK ("sale_adjustments"."amount" >= 0 and "sale_adjustments"."partner_amount" >= 0 and "sale_adjustments"."platform_amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "sale_adjustments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"checkout_session_id" text NOT NULL,
	"currency" text NOT NULL,
	"kind" text NOT NULL,
	"tracks" integer NOT NULL,
	"price_book_version_id" uuid NOT NULL,
	"price_version" integer NOT NULL,
	"revenue_share_bps" integer NOT NULL,
	"gross" bigint NOT NULL,
	"platform_fee" bigint NOT NULL,
	"partner_share" bigint NOT NULL,
	"stripe_fee" bigint,
	"payment_intent_id" text,
	"charge_id" text,
	"transfer_id" text,
	"destination_payment_id" text,
	"application_fee_id" text,
	"available_on" timestamp with time zone,
	"amount_refunded" bigint DEFAULT 0 NOT NULL,
	"partner_reversed" bigint DEFAULT 0 NOT NULL,
	"platform_fee_refunded" bigint DEFAULT 0 NOT NULL,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sales_split_adds_up" CHECK ("sales"."platform_fee" + "sales"."partner_share" = "sales"."gross" and "sales"."platform_fee" >= 0 and "sales"."partner_share" >= 0),
	CONSTRAINT "sales_refunds_within_sale" CHECK ("sales"."amount_refunded" between 0 and "sales"."gross" and "sales"."partner_reversed" between 0 and "sales"."partner_share" and "sales"."platform_fee_refunded" between 0 and "sales"."platform_fee")
);
--> statement-breakpoint
ALTER TABLE "sales" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "stripe_accounts" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"stripe_account_id" text NOT NULL,
	"charges_enabled" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"requirements" jsonb NOT NULL,
	"payout_schedule" jsonb NOT NULL,
	"balance" jsonb,
	"hold_reason" text,
	"held_by" uuid,
	"held_at" timestamp with time zone,
	"schedule_before_hold" jsonb,
	"synced_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stripe_accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"endpoint" text NOT NULL,
	"type" text NOT NULL,
	"account" text,
	"tenant_id" uuid,
	"stripe_created_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replay_count" integer DEFAULT 0 NOT NULL,
	"last_replayed_at" timestamp with time zone,
	"last_replayed_by" uuid
);
--> statement-breakpoint
ALTER TABLE "stripe_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "payout_items" ADD CONSTRAINT "payout_items_tenant_id_payout_id_payouts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","payout_id") REFERENCES "public"."payouts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revenue_share_requests" ADD CONSTRAINT "revenue_share_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_adjustments" ADD CONSTRAINT "sale_adjustments_tenant_id_sale_id_sales_tenant_id_id_fk" FOREIGN KEY ("tenant_id","sale_id") REFERENCES "public"."sales"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_accounts" ADD CONSTRAINT "stripe_accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_stripe_payout_key" ON "payouts" USING btree ("stripe_payout_id");--> statement-breakpoint
CREATE INDEX "payouts_created_idx" ON "payouts" USING btree ("stripe_created_at","id");--> statement-breakpoint
CREATE INDEX "payouts_tenant_created_idx" ON "payouts" USING btree ("tenant_id","stripe_created_at");--> statement-breakpoint
CREATE INDEX "payouts_status_idx" ON "payouts" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "revenue_share_requests_one_pending_key" ON "revenue_share_requests" USING btree ("tenant_id","currency") WHERE "revenue_share_requests"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "sale_adjustments_stripe_object_key" ON "sale_adjustments" USING btree ("stripe_object_id");--> statement-breakpoint
CREATE INDEX "sale_adjustments_sale_idx" ON "sale_adjustments" USING btree ("tenant_id","sale_id");--> statement-breakpoint
CREATE INDEX "sale_adjustments_source_idx" ON "sale_adjustments" USING btree ("account_transaction_source_id");--> statement-breakpoint
CREATE INDEX "sale_adjustments_fee_refund_idx" ON "sale_adjustments" USING btree ("fee_refund_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_checkout_session_key" ON "sales" USING btree ("checkout_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_charge_key" ON "sales" USING btree ("charge_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_destination_payment_key" ON "sales" USING btree ("destination_payment_id");--> statement-breakpoint
CREATE INDEX "sales_tenant_paid_idx" ON "sales" USING btree ("tenant_id","paid_at");--> statement-breakpoint
CREATE INDEX "sales_paid_idx" ON "sales" USING btree ("paid_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "stripe_accounts_account_key" ON "stripe_accounts" USING btree ("stripe_account_id");--> statement-breakpoint
CREATE INDEX "stripe_events_received_idx" ON "stripe_events" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "stripe_events_tenant_idx" ON "stripe_events" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE POLICY "payout_items_tenant_isolation" ON "payout_items" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "payouts_tenant_isolation" ON "payouts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "revenue_share_requests_tenant_isolation" ON "revenue_share_requests" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "sale_adjustments_tenant_isolation" ON "sale_adjustments" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "sales_tenant_isolation" ON "sales" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "stripe_accounts_tenant_isolation" ON "stripe_accounts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or coalesce(current_setting('app.all_tenants', true), '') = 'on');--> statement-breakpoint
CREATE POLICY "stripe_events_operator_only" ON "stripe_events" AS PERMISSIVE FOR ALL TO public USING (coalesce(current_setting('app.all_tenants', true), '') = 'on') WITH CHECK (coalesce(current_setting('app.all_tenants', true), '') = 'on');