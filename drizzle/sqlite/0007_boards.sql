CREATE TABLE `board_items` (
	`board_id` text NOT NULL,
	`generation_id` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`board_id`, `generation_id`),
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`generation_id`) REFERENCES `generations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `board_items_generation_id_idx` ON `board_items` (`generation_id`);--> statement-breakpoint
CREATE TABLE `boards` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`visibility` text NOT NULL,
	`owner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `boards_owner_id_idx` ON `boards` (`owner_id`);--> statement-breakpoint
CREATE TABLE `shares` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`generation_id` text,
	`board_id` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	FOREIGN KEY (`generation_id`) REFERENCES `generations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "shares_one_target" CHECK(("shares"."generation_id" is null) <> ("shares"."board_id" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shares_token_hash_idx` ON `shares` (`token_hash`);--> statement-breakpoint
CREATE INDEX `shares_created_by_idx` ON `shares` (`created_by`);--> statement-breakpoint
CREATE INDEX `shares_generation_id_idx` ON `shares` (`generation_id`);--> statement-breakpoint
CREATE INDEX `shares_board_id_idx` ON `shares` (`board_id`);--> statement-breakpoint
ALTER TABLE `generations` ADD `batch_id` text;--> statement-breakpoint
CREATE INDEX `generations_batch_id_id_idx` ON `generations` (`batch_id`,`id`);--> statement-breakpoint
-- Every row made so far was its own request: its batch is itself.
UPDATE `generations` SET `batch_id` = `id` WHERE `batch_id` IS NULL;
