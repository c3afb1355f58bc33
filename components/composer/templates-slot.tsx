"use client";
import { TemplatesMenu } from "@/components/templates/templates-menu";
import { useComposer } from "./composer-api";

/** The Templates menu and "Save as template", on the composer's state. */
export function TemplatesSlot() {
  return <TemplatesMenu composer={useComposer()} />;
}
