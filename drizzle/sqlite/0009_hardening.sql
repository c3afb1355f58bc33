CREATE TABLE `rate_counters` (
	`key` text NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`key`, `window_start`)
);
--> statement-breakpoint
CREATE INDEX `rate_counters_window_start_idx` ON `rate_counters` (`window_start`);--> statement-breakpoint
CREATE TABLE `upload_days` (
	`created_by` text NOT NULL,
	`day` integer NOT NULL,
	`bytes` integer NOT NULL,
	PRIMARY KEY(`created_by`, `day`)
);
--> statement-breakpoint
ALTER TABLE `deleted_generations` ADD `upstream_id` text;--> statement-breakpoint
ALTER TABLE `deleted_generations` ADD `error_code` text;--> statement-breakpoint
ALTER TABLE `generations` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `generations` ADD `unanswered_since` integer;--> statement-breakpoint
ALTER TABLE `generations` ADD `staged_by` text;--> statement-breakpoint
ALTER TABLE `idempotency_keys` ADD `request_hash` text;--> statement-breakpoint
ALTER TABLE `login_failures` ADD `account` text;--> statement-breakpoint
CREATE INDEX `login_failures_account_address_at_idx` ON `login_failures` (`account`,`address`,`at`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `credential` text;--> statement-breakpoint
ALTER TABLE `users` ADD `admin_by_list` integer DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE `users` SET `admin_by_list` = 1 WHERE `role` = 'admin';