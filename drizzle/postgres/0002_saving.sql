ALTER TABLE "generations" ADD COLUMN "result_seen_at" bigint;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "result_url" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "saving_reason" text;