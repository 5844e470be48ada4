-- Operator templates: row-level security binds the owner too, so only operator scope writes them.
ALTER TABLE policy_versions FORCE ROW LEVEL SECURITY;
