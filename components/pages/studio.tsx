"use client";
import { ComposerProvider } from "@/components/composer/composer-context";
import { Composer } from "@/components/composer/composer";
import { Gallery } from "@/components/gallery/gallery";
import { SkipLink } from "@/components/gallery/skip-link";
import { StudioHeader } from "@/components/studio/studio-header";
import { StudioProvider, type StudioProviderProps } from "@/components/studio/studio-context";

/** The page a team opens all day: composer above (phone) or beside (desktop) the gallery. */
export function Studio(props: Omit<StudioProviderProps, "children" | "hasComposer" | "board">) {
  return (
    <StudioProvider {...props}>
      <ComposerProvider>
        <div className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-4 px-3 py-3 sm:px-5 sm:py-4">
          <SkipLink />
          <StudioHeader />
          <div className="flex flex-col gap-5 lg:flex-row lg:items-start">
            <aside className="w-full lg:sticky lg:top-4 lg:w-[400px] lg:shrink-0">
              <Composer />
            </aside>
            <main className="min-w-0 flex-1">
              <Gallery />
            </main>
          </div>
        </div>
      </ComposerProvider>
    </StudioProvider>
  );
}
