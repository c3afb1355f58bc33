ALTER TABLE "deleted_generations" ADD COLUMN "parent_id" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "deleted_generations" ADD COLUMN "root_id" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "parent_id" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "root_id" text COLLATE "C";--> statement-breakpoint
CREATE INDEX "deleted_generations_root_id_idx" ON "deleted_generations" USING btree ("root_id");--> statement-breakpoint
CREATE INDEX "generations_root_id_id_idx" ON "generations" USING btree ("root_id","id");--> statement-breakpoint
-- Every picture made before edit threads is an original: the root of its own tree.
UPDATE "generations" SET "root_id" = "id" WHERE "root_id" IS NULL;
