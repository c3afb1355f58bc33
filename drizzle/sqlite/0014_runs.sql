CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`template_id` text NOT NULL,
	`created_by` text NOT NULL,
	`rows_json` text NOT NULL,
	`batch_ids` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `runs_created_by_id_idx` ON `runs` (`created_by`,`id`);--> statement-breakpoint
ALTER TABLE `deleted_generations` ADD `template_id` text;--> statement-breakpoint
ALTER TABLE `generations` ADD `template_id` text;--> statement-breakpoint
ALTER TABLE `generations` ADD `run_id` text;--> statement-breakpoint
CREATE INDEX `generations_template_id_id_idx` ON `generations` (`template_id`,`id`);--> statement-breakpoint
CREATE INDEX `generations_run_id_id_idx` ON `generations` (`run_id`,`id`);