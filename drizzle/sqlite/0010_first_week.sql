-- Issue 26 (first week of a team): search index and queue. Placeholder until filled.
SELECT 1;
