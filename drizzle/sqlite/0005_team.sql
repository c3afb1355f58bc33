CREATE TABLE `deleted_generations` (
	`id` text PRIMARY KEY NOT NULL,
	`created_by` text NOT NULL,
	`model` text NOT NULL,
	`image_size` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `deleted_generations_created_by_created_at_idx` ON `deleted_generations` (`created_by`,`created_at`);--> statement-breakpoint
CREATE INDEX `deleted_generations_created_at_idx` ON `deleted_generations` (`created_at`);--> statement-breakpoint
CREATE TABLE `favorites` (
	`user_id` text NOT NULL,
	`generation_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `generation_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`generation_id`) REFERENCES `generations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `favorites_generation_id_idx` ON `favorites` (`generation_id`);--> statement-breakpoint
CREATE TABLE `invites` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `invites_user_id_idx` ON `invites` (`user_id`);--> statement-breakpoint
CREATE TABLE `prices` (
	`key` text PRIMARY KEY NOT NULL,
	`price` real NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `generations_created_at_idx` ON `generations` (`created_at`);--> statement-breakpoint
-- Stars were shared; from now on they are per person. Each existing star
-- becomes the picture's creator's (every creator has an account since 0004).
INSERT INTO `favorites` (`user_id`, `generation_id`, `created_at`)
SELECT `users`.`id`, `generations`.`id`, `generations`.`updated_at`
FROM `generations` INNER JOIN `users` ON `users`.`name` = `generations`.`created_by`
WHERE `generations`.`favorite` = 1;
