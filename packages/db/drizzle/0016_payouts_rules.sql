-- Payouts' rules, enforced by the database. The app may add and update money rows but never
-- delete them; a sale's price, split and currency never change once written; a payout's amount
-- and currency never change; payout items and adjustments' amounts are fixed. Webhook events are
-- kept (no DELETE). Forced RLS on every table.
GRANT SELECT, INSERT, UPDATE ON stripe_accounts TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON sales TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON sale_adjustments TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON payouts TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT ON payout_items TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON stripe_events TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON revenue_share_requests TO console_app;--> statement-breakpoint
ALTER TABLE stripe_accounts FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE sales FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE sale_adjustments FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE payouts FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE payout_items FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE stripe_events FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE revenue_share_requests FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE OR REPLACE FUNCTION payouts_refuse_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are money records and are never removed (% refused)', TG_TABLE_NAME, TG_OP;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION sales_fixed_amounts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tenant_id <> OLD.tenant_id OR NEW.currency <> OLD.currency OR NEW.gross <> OLD.gross
     OR NEW.platform_fee <> OLD.platform_fee OR NEW.partner_share <> OLD.partner_share
     OR NEW.price_book_version_id <> OLD.price_book_version_id OR NEW.revenue_share_bps <> OLD.revenue_share_bps
     OR NEW.checkout_session_id <> OLD.checkout_session_id THEN
    RAISE EXCEPTION 'a sale''s price, split and currency never change (UPDATE refused)';
  END IF;
  IF NEW.amount_refunded < OLD.amount_refunded OR NEW.partner_reversed < OLD.partner_reversed
     OR NEW.platform_fee_refunded < OLD.platform_fee_refunded THEN
    RAISE EXCEPTION 'refunded amounts only grow (UPDATE refused)';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER sales_fixed_amounts BEFORE UPDATE ON sales FOR EACH ROW EXECUTE FUNCTION sales_fixed_amounts();--> statement-breakpoint
CREATE TRIGGER sales_never_deleted BEFORE DELETE ON sales FOR EACH ROW EXECUTE FUNCTION payouts_refuse_delete();--> statement-breakpoint
CREATE OR REPLACE FUNCTION sale_adjustments_fixed_amounts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tenant_id <> OLD.tenant_id OR NEW.sale_id <> OLD.sale_id OR NEW.kind <> OLD.kind OR NEW.currency <> OLD.currency
     OR NEW.amount <> OLD.amount OR NEW.partner_amount <> OLD.partner_amount OR NEW.platform_amount <> OLD.platform_amount
     OR NEW.stripe_object_id <> OLD.stripe_object_id THEN
    RAISE EXCEPTION 'an adjustment''s amounts never change (UPDATE refused)';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER sale_adjustments_fixed_amounts BEFORE UPDATE ON sale_adjustments FOR EACH ROW EXECUTE FUNCTION sale_adjustments_fixed_amounts();--> statement-breakpoint
CREATE TRIGGER sale_adjustments_never_deleted BEFORE DELETE ON sale_adjustments FOR EACH ROW EXECUTE FUNCTION payouts_refuse_delete();--> statement-breakpoint
CREATE OR REPLACE FUNCTION payouts_fixed_amount() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tenant_id <> OLD.tenant_id OR NEW.amount <> OLD.amount OR NEW.currency <> OLD.currency
     OR NEW.stripe_payout_id <> OLD.stripe_payout_id THEN
    RAISE EXCEPTION 'a payout''s amount and currency never change (UPDATE refused)';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER payouts_fixed_amount BEFORE UPDATE ON payouts FOR EACH ROW EXECUTE FUNCTION payouts_fixed_amount();--> statement-breakpoint
CREATE TRIGGER payouts_never_deleted BEFORE DELETE ON payouts FOR EACH ROW EXECUTE FUNCTION payouts_refuse_delete();--> statement-breakpoint
CREATE TRIGGER payout_items_never_deleted BEFORE DELETE ON payout_items FOR EACH ROW EXECUTE FUNCTION payouts_refuse_delete();--> statement-breakpoint
CREATE TRIGGER stripe_events_never_deleted BEFORE DELETE ON stripe_events FOR EACH ROW EXECUTE FUNCTION payouts_refuse_delete();
