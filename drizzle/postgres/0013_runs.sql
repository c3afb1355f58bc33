CREATE TABLE "runs" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"template_id" text COLLATE "C" NOT NULL,
	"created_by" text NOT NULL,
	"rows_json" jsonb NOT NULL,
	"batch_ids" jsonb NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deleted_generations" ADD COLUMN "template_id" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "template_id" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "run_id" text COLLATE "C";--> statement-breakpoint
CREATE INDEX "runs_created_by_id_idx" ON "runs" USING btree ("created_by","id");--> statement-breakpoint
CREATE INDEX "generations_template_id_id_idx" ON "generations" USING btree ("template_id","id");--> statement-breakpoint
CREATE INDEX "generations_run_id_id_idx" ON "generations" USING btree ("run_id","id");