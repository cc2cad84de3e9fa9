-- Invitations. A membership a service admin adds is pending until the person accepts it. A
-- pending row is never active (active = FALSE), so every check that reads `active`, an old
-- node's during a rolling deploy included, already gives it no access.
ALTER TABLE memberships ADD COLUMN pending BOOLEAN NOT NULL DEFAULT FALSE;

-- A person's own events (sign-ins, sign-outs, tokens, password) belong to their account and
-- the platform log, not to every service they ever joined. Until now each was written once
-- per membership, and once more to the platform log for a super-admin: the copies written
-- by one call share actor, action, target, address and details, and lie within a few
-- milliseconds. Keep the earliest copy of each (the later ones, a super-admin's platform copy
-- included, go), moved to the platform log (tenant 0).
DELETE later
  FROM audit_events later
  JOIN audit_events earlier
    ON earlier.actor = later.actor AND earlier.action = later.action
   AND earlier.target_type = later.target_type AND earlier.target_id <=> later.target_id
   AND earlier.client_address <=> later.client_address
   AND COALESCE(CAST(earlier.details AS CHAR), '') = COALESCE(CAST(later.details AS CHAR), '')
   AND earlier.tenant_id <> later.tenant_id
   AND earlier.occurred_at >= later.occurred_at - INTERVAL 2 SECOND
   -- Earlier by time; ids break a tie only (two ids of one millisecond are in random order).
   AND (earlier.occurred_at < later.occurred_at OR (earlier.occurred_at = later.occurred_at AND earlier.id < later.id))
 WHERE later.target_type = 'user'
   AND later.action IN ('login.succeeded', 'login.failed', 'login.refused', 'logout', 'token.created',
                        'token.revoked', 'password.changed', 'password.change.failed', 'password.change.locked');

UPDATE audit_events SET tenant_id = 0
 WHERE tenant_id <> 0 AND target_type = 'user'
   AND action IN ('login.succeeded', 'login.failed', 'login.refused', 'logout', 'token.created',
                  'token.revoked', 'password.changed', 'password.change.failed', 'password.change.locked');
