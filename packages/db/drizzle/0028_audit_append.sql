-- Appends one event to the admin audit trail's hash chain in one statement (it took four round
-- trips: lock the head, draw the id, insert, move the head). The caller computes the event's
-- canonical JSON (RFC 8785, packages/shared/src/audit/chain.ts); the hash needs the previous
-- event's hash, known only under the head's row lock, so it is computed here, exactly as
-- auditChainHash does: sha256 over the UTF-8 bytes of prev_hash, a newline and the canonical JSON,
-- as lowercase hex. The caller checks the answer against its own computation.
-- SECURITY INVOKER: the caller's grants and row-level security apply (the insert policy checks the
-- event's tenant). The id is drawn rather than read back with RETURNING, which would need the new
-- row to pass the SELECT policy: an event without a tenant is not readable by the partner who wrote it.
CREATE OR REPLACE FUNCTION audit_append(
  p_tenant_id uuid, p_actor_user_id uuid, p_actor_label text, p_action text, p_target_type text, p_target_id text,
  p_before jsonb, p_after jsonb, p_request_id text, p_ip text, p_created_at timestamptz, p_canonical text
) RETURNS TABLE (event_id bigint, linked_hash text, event_hash text)
LANGUAGE plpgsql AS $$
DECLARE
  v_prev text;
  v_id bigint;
  v_hash text;
BEGIN
  -- The head's row lock orders concurrent appends: each links to the one committed before it.
  SELECT h.last_hash INTO v_prev FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_head is missing: the migrations were not applied';
  END IF;
  v_hash := encode(sha256(convert_to(v_prev || E'\n' || p_canonical, 'UTF8')), 'hex');
  v_id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  INSERT INTO audit_events (id, tenant_id, actor_user_id, actor_label, action, target_type, target_id, before, after,
    request_id, ip, created_at, prev_hash, hash)
  VALUES (v_id, p_tenant_id, p_actor_user_id, p_actor_label, p_action, p_target_type, p_target_id, p_before, p_after,
    p_request_id, p_ip, p_created_at, v_prev, v_hash);
  UPDATE audit_chain_head h SET last_event_id = v_id, last_hash = v_hash WHERE h.id = 1;
  RETURN QUERY SELECT v_id, v_prev, v_hash;
END
$$;
