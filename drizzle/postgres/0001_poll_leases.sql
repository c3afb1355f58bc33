CREATE TABLE "poll_leases" (
	"generation_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"until" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "poll_leases" ADD CONSTRAINT "poll_leases_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;