ALTER TABLE `generations` ADD `result_seen_at` integer;--> statement-breakpoint
ALTER TABLE `generations` ADD `result_url` text;--> statement-breakpoint
ALTER TABLE `generations` ADD `saving_reason` text;