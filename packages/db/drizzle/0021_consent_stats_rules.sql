-- Consent statistics' rules and backfill. The app reads the rollups and keeps them current as it
-- appends records (INSERT ... ON CONFLICT DO UPDATE), never deletes them; only the owner rebuilds
-- them (rebuildConsentStats). Forced RLS like every consent table.
GRANT SELECT, INSERT, UPDATE ON consent_stats_purpose_daily TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON consent_stats_country_daily TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON consent_stats_action_daily TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON consent_stats_subjects TO console_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON consent_stats_coverage TO console_app;--> statement-breakpoint
ALTER TABLE consent_stats_purpose_daily FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_stats_country_daily FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_stats_action_daily FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_stats_subjects FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consent_stats_coverage FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Backfill from the ledger recorded so far. The migrator runs in one transaction; forced RLS binds
-- the owner too, so operator scope is switched on for it (set_config local) and off again after.
SELECT set_config('app.all_tenants', 'on', true);--> statement-breakpoint
INSERT INTO consent_stats_purpose_daily (tenant_id, policy_kind, day, policy_version, purpose, decision, n)
SELECT r.tenant_id, r.policy_kind, (r.received_at AT TIME ZONE 'UTC')::date, r.policy_version, p.purpose, p.decision, count(*)
FROM consent_records r CROSS JOIN LATERAL jsonb_each_text(r.purposes) AS p(purpose, decision)
GROUP BY 1, 2, 3, 4, 5, 6;--> statement-breakpoint
INSERT INTO consent_stats_country_daily (tenant_id, policy_kind, day, country, purpose, decision, n)
SELECT r.tenant_id, r.policy_kind, (r.received_at AT TIME ZONE 'UTC')::date, coalesce(r.country, ''), p.purpose, p.decision, count(*)
FROM consent_records r CROSS JOIN LATERAL jsonb_each_text(r.purposes) AS p(purpose, decision)
GROUP BY 1, 2, 3, 4, 5, 6;--> statement-breakpoint
INSERT INTO consent_stats_action_daily (tenant_id, policy_kind, day, country, action, n)
SELECT tenant_id, policy_kind, (received_at AT TIME ZONE 'UTC')::date, coalesce(country, ''), action, count(*)
FROM consent_records
GROUP BY 1, 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO consent_stats_subjects (tenant_id, subject_digest, policy_kind, policy_version, received_at, seq)
SELECT DISTINCT ON (tenant_id, subject_digest, policy_kind) tenant_id, subject_digest, policy_kind, policy_version, received_at, seq
FROM consent_records
ORDER BY tenant_id, subject_digest, policy_kind, seq DESC;--> statement-breakpoint
INSERT INTO consent_stats_coverage (tenant_id, policy_kind, policy_version, month, subjects)
SELECT tenant_id, policy_kind, policy_version, date_trunc('month', received_at AT TIME ZONE 'UTC')::date, count(*)
FROM consent_stats_subjects
GROUP BY 1, 2, 3, 4;--> statement-breakpoint
SELECT set_config('app.all_tenants', 'off', true);
