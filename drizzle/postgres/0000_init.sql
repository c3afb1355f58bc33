CREATE TABLE "generation_references" (
	"generation_id" text COLLATE "C" NOT NULL,
	"reference_id" text COLLATE "C" NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "generation_references_generation_id_position_pk" PRIMARY KEY("generation_id","position")
);
--> statement-breakpoint
CREATE TABLE "generations" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"upstream_id" text,
	"model" text NOT NULL,
	"prompt" text NOT NULL,
	"aspect_ratio" text NOT NULL,
	"image_size" text,
	"references_json" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"error_code" text,
	"error_message" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"submitted_at" bigint,
	"completed_at" bigint,
	"last_polled_at" bigint,
	"image_key" text,
	"thumb_key" text,
	"image_width" integer,
	"image_height" integer,
	"image_bytes" bigint,
	"image_content_type" text,
	"thumb_bytes" bigint,
	"favorite" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"idempotency_key" text,
	"not_found_count" integer DEFAULT 0 NOT NULL,
	"download_attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"generation_ids" jsonb NOT NULL,
	CONSTRAINT "idempotency_keys_key_created_by_pk" PRIMARY KEY("key","created_by")
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "login_failures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"address" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_images" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" bigint NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "generation_references" ADD CONSTRAINT "generation_references_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_references" ADD CONSTRAINT "generation_references_reference_id_reference_images_id_fk" FOREIGN KEY ("reference_id") REFERENCES "public"."reference_images"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generation_references_reference_id_idx" ON "generation_references" USING btree ("reference_id");--> statement-breakpoint
CREATE INDEX "generations_status_id_idx" ON "generations" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "generations_created_by_id_idx" ON "generations" USING btree ("created_by","id");--> statement-breakpoint
CREATE INDEX "generations_model_id_idx" ON "generations" USING btree ("model","id");--> statement-breakpoint
CREATE INDEX "generations_favorite_id_idx" ON "generations" USING btree ("favorite","id");--> statement-breakpoint
CREATE INDEX "generations_created_by_status_id_idx" ON "generations" USING btree ("created_by","status","id");--> statement-breakpoint
CREATE INDEX "generations_created_by_favorite_id_idx" ON "generations" USING btree ("created_by","favorite","id");--> statement-breakpoint
CREATE INDEX "generations_created_by_created_at_idx" ON "generations" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "login_failures_address_at_idx" ON "login_failures" USING btree ("address","at");