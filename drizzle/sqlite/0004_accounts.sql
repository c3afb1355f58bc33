CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_id_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`password_hash` text,
	`role` text DEFAULT 'member' NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`daily_limit` integer,
	`max_active` integer,
	`monthly_budget` real,
	`created_at` integer NOT NULL,
	`last_seen_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_name_idx` ON `users` (`name`);--> statement-breakpoint
-- Everyone who already made something gets an account (no password yet: an
-- admin sets one or invites them), so limits and usage have a row per person.
INSERT INTO `users` (`id`, `name`, `role`, `disabled`, `created_at`)
SELECT 'usr_' || upper(substr(hex(randomblob(16)), 1, 26)), `name`, 'member', 0, min(`at`)
FROM (
	SELECT `created_by` AS `name`, `created_at` AS `at` FROM `generations`
	UNION ALL
	SELECT `created_by`, `created_at` FROM `reference_images`
)
GROUP BY `name`;
