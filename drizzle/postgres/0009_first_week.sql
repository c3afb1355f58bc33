-- Issue 26 (first week of a team): search index and queue. Placeholder until filled.
SELECT 1;
--> statement-breakpoint
-- Prompt search (issue 26): every word of q in any order, any script.
-- generation_search holds each generation's search key
-- (lib/db/shared/search-key.ts: folded, a-z and 0-9 as they are, other
-- characters as four base-36 digits, so pg_trgm indexes Chinese under any
-- locale), kept in step by triggers, with a pg_trgm GIN index on it. A table
-- of its own, not an index on generations: the poller's many updates of a
-- picture's status never touch it. It is derived: npm run migrate-data does
-- not copy it (the target's triggers fill it as the rows arrive).
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension (13+):
-- the database's owner may create it. Where it cannot be created, the
-- migration goes on without the index and search still answers rightly, by
-- reading every key; CREATE EXTENSION pg_trgm and the CREATE INDEX below,
-- run by hand later, make it fast (README, "Search").
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'prompt search runs without its index: pg_trgm could not be created (%)', SQLERRM;
END $$;
--> statement-breakpoint
-- Lower case as the adapter's search folds it: ICU's root locale where the
-- server has it (as JavaScript's toLowerCase, whatever the database's
-- locale), else the database's own (lib/db/postgres/open.ts decides the same).
DO $$
DECLARE
  folded text := 'lower(prompt)';
BEGIN
  IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu' AND collprovider = 'i')
     AND pg_encoding_to_char((SELECT encoding FROM pg_database WHERE datname = current_database())) = 'UTF8' THEN
    folded := 'lower(prompt COLLATE "und-x-icu")';
  END IF;
  EXECUTE replace($create$
    CREATE FUNCTION studio_search_key(prompt text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $body$
    DECLARE
      folded text := FOLDED;
      key text := '';
      c text;
      code int;
      digits constant text := '0123456789abcdefghijklmnopqrstuvwxyz';
    BEGIN
      IF folded !~ '[^\x01-\x7f]' THEN
        RETURN regexp_replace(folded, '[^a-z0-9]', ' ', 'g');
      END IF;
      FOREACH c IN ARRAY string_to_array(folded, NULL) LOOP
        code := ascii(c);
        IF code < 128 THEN
          key := key || CASE WHEN code BETWEEN 97 AND 122 OR code BETWEEN 48 AND 57 THEN c ELSE ' ' END;
        ELSIF code <> 775 THEN
          key := key || substr(digits, mod(code / 46656, 36) + 1, 1) || substr(digits, mod(code / 1296, 36) + 1, 1)
                     || substr(digits, mod(code / 36, 36) + 1, 1) || substr(digits, mod(code, 36) + 1, 1);
        END IF;
      END LOOP;
      RETURN key;
    END
    $body$
  $create$, 'FOLDED', folded);
END $$;
--> statement-breakpoint
CREATE TABLE "generation_search" (
	"generation_id" text COLLATE "C" PRIMARY KEY NOT NULL REFERENCES "generations"("id") ON DELETE CASCADE,
	"search_key" text NOT NULL
);
--> statement-breakpoint
INSERT INTO "generation_search" ("generation_id", "search_key") SELECT "id", studio_search_key("prompt") FROM "generations";
--> statement-breakpoint
CREATE FUNCTION studio_generation_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO generation_search (generation_id, search_key) SELECT id, studio_search_key(prompt) FROM inserted;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "generation_search_insert" AFTER INSERT ON "generations"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION studio_generation_search_insert();
--> statement-breakpoint
CREATE FUNCTION studio_generation_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE generation_search SET search_key = studio_search_key(NEW.prompt) WHERE generation_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "generation_search_update" AFTER UPDATE OF "prompt" ON "generations"
  FOR EACH ROW WHEN (OLD.prompt IS DISTINCT FROM NEW.prompt) EXECUTE FUNCTION studio_generation_search_update();
--> statement-breakpoint
DO $$
DECLARE
  trgm_schema text;
BEGIN
  SELECT n.nspname INTO trgm_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  IF trgm_schema IS NOT NULL THEN
    EXECUTE format('CREATE INDEX "generation_search_key_idx" ON "generation_search" USING gin ("search_key" %I.gin_trgm_ops)', trgm_schema);
  END IF;
END $$;
