CREATE TABLE `template_references` (
	`template_id` text NOT NULL,
	`reference_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`template_id`, `position`),
	FOREIGN KEY (`template_id`) REFERENCES `templates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reference_id`) REFERENCES `reference_images`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `template_references_reference_id_idx` ON `template_references` (`reference_id`);--> statement-breakpoint
CREATE TABLE `templates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`prompt` text NOT NULL,
	`model` text NOT NULL,
	`aspect_ratio` text NOT NULL,
	`image_size` text,
	`count` integer NOT NULL,
	`visibility` text NOT NULL,
	`owner_id` text NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `templates_owner_id_idx` ON `templates` (`owner_id`);