-- Issue 26 (first week of a team): search index and queue. Placeholder until filled.
SELECT 1;
--> statement-breakpoint
-- Prompt search (issue 26): every word of q in any order, any script.
-- generations_search is an FTS5 index (trigram tokenizer) of each prompt's
-- search key (lib/db/shared/search-key.ts: folded, a-z and 0-9 as they are,
-- other characters as four base-36 digits), under the generation's rowid.
-- Contentless: it keeps the index only. studio_search_key() is registered by
-- the adapter on every connection (lib/db/sqlite/casefold.ts); the triggers
-- below call it, so only the studio's own connections may write generations.
-- A later migration that rebuilds `generations` drops these triggers: the
-- adapter puts them back and refills the index when it opens
-- (lib/db/sqlite/search-index.ts). The index is derived: npm run migrate-data
-- does not copy it (the target fills its own).
CREATE VIRTUAL TABLE `generations_search` USING fts5(`search_key`, content='', contentless_delete=1, tokenize='trigram');
--> statement-breakpoint
INSERT INTO `generations_search` (rowid, `search_key`) SELECT rowid, studio_search_key(`prompt`) FROM `generations`;
--> statement-breakpoint
CREATE TRIGGER `generations_search_insert` AFTER INSERT ON `generations` BEGIN
  INSERT INTO `generations_search` (rowid, `search_key`) VALUES (new.rowid, studio_search_key(new.`prompt`));
END;
--> statement-breakpoint
CREATE TRIGGER `generations_search_delete` AFTER DELETE ON `generations` BEGIN
  DELETE FROM `generations_search` WHERE rowid = old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `generations_search_update` AFTER UPDATE OF `prompt` ON `generations` BEGIN
  DELETE FROM `generations_search` WHERE rowid = old.rowid;
  INSERT INTO `generations_search` (rowid, `search_key`) VALUES (new.rowid, studio_search_key(new.`prompt`));
END;
