"use client";
import type { Board } from "@/lib/contract";
import { ComposerProvider } from "@/components/composer/composer-context";
import { Gallery } from "@/components/gallery/gallery";
import { SkipLink } from "@/components/gallery/skip-link";
import { StudioHeader } from "@/components/studio/studio-header";
import { StudioProvider, type StudioProviderProps } from "@/components/studio/studio-context";
import { BoardHeader } from "@/components/boards/board-header";

/**
 * A board's page: the studio's header and gallery, filtered to the board,
 * with the board's name and its management above. No composer here: the
 * lightbox leaves out Remix and Use as reference (ComposerProvider is only
 * there because the lightbox asks for it).
 */
export function BoardStudio(props: Omit<StudioProviderProps, "children" | "hasComposer"> & { board: Board }) {
  return (
    <StudioProvider {...props} hasComposer={false}>
      <ComposerProvider>
        <div className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-4 px-3 py-3 sm:px-5 sm:py-4">
          <SkipLink />
          <StudioHeader />
          <main className="flex min-w-0 flex-col gap-4">
            <BoardHeader />
            <Gallery />
          </main>
        </div>
      </ComposerProvider>
    </StudioProvider>
  );
}
