-- Adds a batch's consent statistics (aggregated by appendToLedger: one array element per rollup
-- cell, one per subject and document kind) to the rollups. A function so that PostgreSQL plans its
-- statements once per connection: planned with every append, they cost more than running them
-- (bench:ingest). SECURITY INVOKER: the caller's grants and row-level security apply.
CREATE OR REPLACE FUNCTION consent_stats_add(
  p_tenant uuid[], p_kind text[], p_day date[], p_version text[], p_purpose text[], p_decision text[], p_n int[],
  c_tenant uuid[], c_kind text[], c_day date[], c_country text[], c_purpose text[], c_decision text[], c_n int[],
  a_tenant uuid[], a_kind text[], a_day date[], a_country text[], a_action text[], a_n int[],
  l_tenant uuid[], l_subject text[], l_kind text[], l_version text[], l_received timestamptz[], l_seq bigint[]
) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO consent_stats_purpose_daily AS s (tenant_id, policy_kind, day, policy_version, purpose, decision, n)
  SELECT * FROM unnest(p_tenant, p_kind, p_day, p_version, p_purpose, p_decision, p_n)
  ON CONFLICT (tenant_id, policy_kind, day, policy_version, purpose, decision) DO UPDATE SET n = s.n + excluded.n;

  INSERT INTO consent_stats_country_daily AS s (tenant_id, policy_kind, day, country, purpose, decision, n)
  SELECT * FROM unnest(c_tenant, c_kind, c_day, c_country, c_purpose, c_decision, c_n)
  ON CONFLICT (tenant_id, policy_kind, day, country, purpose, decision) DO UPDATE SET n = s.n + excluded.n;

  INSERT INTO consent_stats_action_daily AS s (tenant_id, policy_kind, day, country, action, n)
  SELECT * FROM unnest(a_tenant, a_kind, a_day, a_country, a_action, a_n)
  ON CONFLICT (tenant_id, policy_kind, day, country, action) DO UPDATE SET n = s.n + excluded.n;

  -- Each subject's latest choice moves forward only (a higher seq); the coverage cell it leaves
  -- loses the subject, the one it joins gains it. Every CTE reads the snapshot the statement
  -- started with, so `before` holds the rows as they were before the upsert.
  WITH latest_in AS (
    SELECT * FROM unnest(l_tenant, l_subject, l_kind, l_version, l_received, l_seq)
      AS v(tenant_id, subject_digest, policy_kind, policy_version, received_at, seq)
  ), before AS (
    SELECT s.tenant_id, s.subject_digest, s.policy_kind, s.policy_version, s.received_at
    FROM consent_stats_subjects s JOIN latest_in i USING (tenant_id, subject_digest, policy_kind)
  ), latest AS (
    INSERT INTO consent_stats_subjects AS s (tenant_id, subject_digest, policy_kind, policy_version, received_at, seq)
    SELECT * FROM latest_in
    ON CONFLICT (tenant_id, subject_digest, policy_kind) DO UPDATE
      SET policy_version = excluded.policy_version, received_at = excluded.received_at, seq = excluded.seq
      WHERE excluded.seq > s.seq
    RETURNING s.tenant_id, s.subject_digest, s.policy_kind, s.policy_version, s.received_at
  ), moves AS (
    SELECT tenant_id, policy_kind, policy_version, received_at, 1 AS subjects FROM latest
    UNION ALL
    SELECT b.tenant_id, b.policy_kind, b.policy_version, b.received_at, -1
    FROM before b JOIN latest l USING (tenant_id, subject_digest, policy_kind)
  ), cells AS (
    SELECT tenant_id, policy_kind, policy_version, date_trunc('month', received_at AT TIME ZONE 'UTC')::date AS month,
      sum(subjects)::int AS subjects
    FROM moves GROUP BY 1, 2, 3, 4
  ), lost AS (
    -- Cells losing subjects exist (those subjects are counted there) and are updated apart from the
    -- ones gaining: a CHECK applies to the proposed row even when it then conflicts. The two sets
    -- are disjoint, so no row changes twice.
    UPDATE consent_stats_coverage s SET subjects = s.subjects + c.subjects
    FROM cells c
    WHERE c.subjects < 0 AND s.tenant_id = c.tenant_id AND s.policy_kind = c.policy_kind
      AND s.policy_version = c.policy_version AND s.month = c.month
  )
  INSERT INTO consent_stats_coverage AS s (tenant_id, policy_kind, policy_version, month, subjects)
  SELECT * FROM cells WHERE subjects > 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (tenant_id, policy_kind, policy_version, month) DO UPDATE SET subjects = s.subjects + excluded.subjects;
END
$$;
