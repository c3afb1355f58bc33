ALTER TABLE `deleted_generations` ADD `parent_id` text;--> statement-breakpoint
ALTER TABLE `deleted_generations` ADD `root_id` text;--> statement-breakpoint
CREATE INDEX `deleted_generations_root_id_idx` ON `deleted_generations` (`root_id`);--> statement-breakpoint
ALTER TABLE `generations` ADD `parent_id` text;--> statement-breakpoint
ALTER TABLE `generations` ADD `root_id` text;--> statement-breakpoint
CREATE INDEX `generations_root_id_id_idx` ON `generations` (`root_id`,`id`);--> statement-breakpoint
-- Every picture made before edit threads is an original: the root of its own tree.
UPDATE `generations` SET `root_id` = `id` WHERE `root_id` IS NULL;
