import "server-only";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";

// Templates (a prompt with {blanks} and the settings it runs with, the team's
// or one person's): their rows and the store both engines implement. Times
// are Unix milliseconds.

export type TemplateVisibility = "team" | "private";

export type TemplateRow = {
  id: string;
  /** 1 to 100 characters; not unique. */
  name: string;
  prompt: string;
  model: ModelId;
  aspectRatio: AspectRatio;
  imageSize: ImageSize | null;
  count: number;
  visibility: TemplateVisibility;
  /** users.id of the person who made it. */
  ownerId: string;
  /** How often it was used (countTemplateUse). */
  uses: number;
  createdAt: number;
  updatedAt: number;
  /** Ids of stored references (reference_images), in order. */
  references: string[];
};

/** A template as a list shows it: with its owner's name. */
export type TemplateSummary = TemplateRow & { ownerName: string };

export interface TemplatesStore {
  /** Inserts the template and links its references (each must exist: a foreign key). */
  insertTemplate(row: TemplateRow): Promise<void>;
  getTemplate(id: string): Promise<TemplateSummary | undefined>;
  /** Every team template and the viewer's private ones, by name (case-insensitive), then id. */
  listTemplates(input: { viewerId: string }): Promise<TemplateSummary[]>;
  /** Changes what the patch gives (`references` replaces the list); false when there is no such template. */
  updateTemplate(input: {
    id: string;
    patch: Partial<Pick<TemplateRow, "name" | "prompt" | "model" | "aspectRatio" | "imageSize" | "count" | "visibility" | "references" | "updatedAt">>;
  }): Promise<boolean>;
  /** Deletes the template and its reference links (the references stay, for the pruner). True when it existed. */
  deleteTemplate(id: string): Promise<boolean>;
  /** Counts one use of the template (one statement); false when there is no such template. */
  countTemplateUse(id: string): Promise<boolean>;
  /** Whether a template the viewer may see (team, or their own) uses this stored reference: a copy may carry it. */
  referenceInVisibleTemplate(input: { referenceId: string; viewerId: string }): Promise<boolean>;
}
