-- A retention purge also removes the statistics' memory of a subject whose latest choice it purged
-- (consent_stats_subjects holds the subject's digest), and takes that subject out of re-consent
-- coverage. The app role may delete those rows; the daily counts keep no subject and stay.
GRANT DELETE ON consent_stats_subjects TO console_app;
