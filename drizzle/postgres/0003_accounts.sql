CREATE TABLE "sessions" (
	"id_hash" text COLLATE "C" PRIMARY KEY NOT NULL,
	"user_id" text COLLATE "C" NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"password_hash" text,
	"role" text DEFAULT 'member' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"daily_limit" integer,
	"max_active" integer,
	"monthly_budget" double precision,
	"created_at" bigint NOT NULL,
	"last_seen_at" bigint
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_name_idx" ON "users" USING btree ("name");--> statement-breakpoint
-- Everyone who already made something gets an account (no password yet: an
-- admin sets one or invites them), so limits and usage have a row per person.
INSERT INTO "users" ("id", "name", "role", "disabled", "created_at")
SELECT 'usr_' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 26)), "name", 'member', false, min("at")
FROM (
	SELECT "created_by" AS "name", "created_at" AS "at" FROM "generations"
	UNION ALL
	SELECT "created_by", "created_at" FROM "reference_images"
) AS "people"
GROUP BY "name";
