import "server-only";
import type { StudioDatabase, TemplateRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import type { Person } from "@/lib/core/person";

// Who may do what with a template, as with boards. A team template is the
// team's: everyone sees, uses and copies it; its owner or an admin changes or
// deletes it. A private template is its owner's alone (admins too see
// nothing of it).

export const maySeeTemplate = (person: Pick<Person, "id">, template: Pick<TemplateRow, "visibility" | "ownerId">) =>
  template.visibility === "team" || template.ownerId === person.id;

export const mayManageTemplate = (person: Pick<Person, "id" | "role">, template: Pick<TemplateRow, "visibility" | "ownerId">) =>
  template.ownerId === person.id || (template.visibility === "team" && person.role === "admin");

/** The template, if this person may see it; someone else's private one answers like a missing one (404). */
export async function mustSeeTemplate(db: StudioDatabase, input: { id: string; person: Pick<Person, "id"> }) {
  const template = await db.getTemplate(input.id);
  if (!template || !maySeeTemplate(input.person, template)) throw new StudioError("not_found", "There is no template with this id");
  return template;
}

/** The template, if this person may change or delete it (403 when they only see it). */
export async function mustManageTemplate(db: StudioDatabase, input: { id: string; person: Pick<Person, "id" | "role"> }) {
  const template = await mustSeeTemplate(db, input);
  if (!mayManageTemplate(input.person, template)) throw new StudioError("forbidden", "Only the template's owner or an admin can do this");
  return template;
}
