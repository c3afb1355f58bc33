CREATE TABLE "rate_counters" (
	"key" text NOT NULL,
	"window_start" bigint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_counters_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "upload_days" (
	"created_by" text NOT NULL,
	"day" bigint NOT NULL,
	"bytes" bigint NOT NULL,
	CONSTRAINT "upload_days_created_by_day_pk" PRIMARY KEY("created_by","day")
);
--> statement-breakpoint
ALTER TABLE "deleted_generations" ADD COLUMN "upstream_id" text;--> statement-breakpoint
ALTER TABLE "deleted_generations" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "cancelled_at" bigint;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "unanswered_since" bigint;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "staged_by" text;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "login_failures" ADD COLUMN "account" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "credential" text;--> statement-breakpoint
CREATE INDEX "rate_counters_window_start_idx" ON "rate_counters" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "login_failures_account_address_at_idx" ON "login_failures" USING btree ("account","address","at");--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "admin_by_list" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "users" SET "admin_by_list" = true WHERE "role" = 'admin';