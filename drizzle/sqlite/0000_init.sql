CREATE TABLE `generation_references` (
	`generation_id` text NOT NULL,
	`reference_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`generation_id`, `position`),
	FOREIGN KEY (`generation_id`) REFERENCES `generations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reference_id`) REFERENCES `reference_images`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `generation_references_reference_id_idx` ON `generation_references` (`reference_id`);--> statement-breakpoint
CREATE TABLE `generations` (
	`id` text PRIMARY KEY NOT NULL,
	`upstream_id` text,
	`model` text NOT NULL,
	`prompt` text NOT NULL,
	`aspect_ratio` text NOT NULL,
	`image_size` text,
	`references_json` text DEFAULT '[]' NOT NULL,
	`status` text NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`error_code` text,
	`error_message` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`completed_at` integer,
	`last_polled_at` integer,
	`image_key` text,
	`thumb_key` text,
	`image_width` integer,
	`image_height` integer,
	`image_bytes` integer,
	`image_content_type` text,
	`thumb_bytes` integer,
	`favorite` integer DEFAULT false NOT NULL,
	`created_by` text NOT NULL,
	`idempotency_key` text,
	`not_found_count` integer DEFAULT 0 NOT NULL,
	`download_attempts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `generations_status_id_idx` ON `generations` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `generations_created_by_id_idx` ON `generations` (`created_by`,`id`);--> statement-breakpoint
CREATE INDEX `generations_model_id_idx` ON `generations` (`model`,`id`);--> statement-breakpoint
CREATE INDEX `generations_favorite_id_idx` ON `generations` (`favorite`,`id`);--> statement-breakpoint
CREATE INDEX `generations_created_by_status_id_idx` ON `generations` (`created_by`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `generations_created_by_favorite_id_idx` ON `generations` (`created_by`,`favorite`,`id`);--> statement-breakpoint
CREATE INDEX `generations_created_by_created_at_idx` ON `generations` (`created_by`,`created_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`generation_ids` text NOT NULL,
	PRIMARY KEY(`key`, `created_by`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_at_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `reference_images` (
	`id` text PRIMARY KEY NOT NULL,
	`storage_key` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL
);
