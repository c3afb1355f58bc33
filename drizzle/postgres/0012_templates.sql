CREATE TABLE "template_references" (
	"template_id" text COLLATE "C" NOT NULL,
	"reference_id" text COLLATE "C" NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "template_references_template_id_position_pk" PRIMARY KEY("template_id","position")
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prompt" text NOT NULL,
	"model" text NOT NULL,
	"aspect_ratio" text NOT NULL,
	"image_size" text,
	"count" integer NOT NULL,
	"visibility" text NOT NULL,
	"owner_id" text COLLATE "C" NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "template_references" ADD CONSTRAINT "template_references_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_references" ADD CONSTRAINT "template_references_reference_id_reference_images_id_fk" FOREIGN KEY ("reference_id") REFERENCES "public"."reference_images"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "template_references_reference_id_idx" ON "template_references" USING btree ("reference_id");--> statement-breakpoint
CREATE INDEX "templates_owner_id_idx" ON "templates" USING btree ("owner_id");