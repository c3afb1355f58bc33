CREATE TABLE "board_items" (
	"board_id" text COLLATE "C" NOT NULL,
	"generation_id" text COLLATE "C" NOT NULL,
	"added_at" bigint NOT NULL,
	CONSTRAINT "board_items_board_id_generation_id_pk" PRIMARY KEY("board_id","generation_id")
);
--> statement-breakpoint
CREATE TABLE "boards" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"visibility" text NOT NULL,
	"owner_id" text COLLATE "C" NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"token_hash" text COLLATE "C" NOT NULL,
	"generation_id" text COLLATE "C",
	"board_id" text COLLATE "C",
	"created_by" text COLLATE "C" NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint,
	CONSTRAINT "shares_one_target" CHECK (("shares"."generation_id" is null) <> ("shares"."board_id" is null))
);
--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "batch_id" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "board_items" ADD CONSTRAINT "board_items_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_items" ADD CONSTRAINT "board_items_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_items_generation_id_idx" ON "board_items" USING btree ("generation_id");--> statement-breakpoint
CREATE INDEX "boards_owner_id_idx" ON "boards" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shares_token_hash_idx" ON "shares" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "shares_created_by_idx" ON "shares" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "shares_generation_id_idx" ON "shares" USING btree ("generation_id");--> statement-breakpoint
CREATE INDEX "shares_board_id_idx" ON "shares" USING btree ("board_id");--> statement-breakpoint
CREATE INDEX "generations_batch_id_id_idx" ON "generations" USING btree ("batch_id","id");--> statement-breakpoint
-- Every row made so far was its own request: its batch is itself.
UPDATE "generations" SET "batch_id" = "id" WHERE "batch_id" IS NULL;
