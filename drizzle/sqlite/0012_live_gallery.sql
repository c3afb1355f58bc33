CREATE INDEX `deleted_generations_deleted_at_idx` ON `deleted_generations` (`deleted_at`);--> statement-breakpoint
CREATE INDEX `generations_updated_at_idx` ON `generations` (`updated_at`);