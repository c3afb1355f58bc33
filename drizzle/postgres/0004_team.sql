CREATE TABLE "deleted_generations" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"created_by" text NOT NULL,
	"model" text NOT NULL,
	"image_size" text,
	"status" text NOT NULL,
	"created_at" bigint NOT NULL,
	"deleted_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "favorites" (
	"user_id" text COLLATE "C" NOT NULL,
	"generation_id" text COLLATE "C" NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "favorites_user_id_generation_id_pk" PRIMARY KEY("user_id","generation_id")
);
--> statement-breakpoint
CREATE TABLE "invites" (
	"id_hash" text COLLATE "C" PRIMARY KEY NOT NULL,
	"user_id" text COLLATE "C" NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint
);
--> statement-breakpoint
CREATE TABLE "prices" (
	"key" text PRIMARY KEY NOT NULL,
	"price" double precision NOT NULL,
	"updated_at" bigint NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "favorites" ADD CONSTRAINT "favorites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorites" ADD CONSTRAINT "favorites_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deleted_generations_created_by_created_at_idx" ON "deleted_generations" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "deleted_generations_created_at_idx" ON "deleted_generations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "favorites_generation_id_idx" ON "favorites" USING btree ("generation_id");--> statement-breakpoint
CREATE INDEX "invites_user_id_idx" ON "invites" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "generations_created_at_idx" ON "generations" USING btree ("created_at");--> statement-breakpoint
-- Stars were shared; from now on they are per person. Each existing star
-- becomes the picture's creator's (every creator has an account since 0003).
INSERT INTO "favorites" ("user_id", "generation_id", "created_at")
SELECT "users"."id", "generations"."id", "generations"."updated_at"
FROM "generations" INNER JOIN "users" ON "users"."name" = "generations"."created_by"
WHERE "generations"."favorite" = true;
