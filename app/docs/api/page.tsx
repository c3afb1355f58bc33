import type { Metadata } from "next";
import { headers } from "next/headers";
import { preload } from "react-dom";
import { PageHeader } from "@/components/account/page-header";
import { ApiReference } from "@/components/api-docs/api-reference";
import { OperationIndex } from "@/components/api-docs/operation-index";
import { dictionaries } from "@/lib/i18n";
import { identifyOrUndefined } from "@/lib/server/page-person";
import { requestLocale } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API · Nano Studio", description: "The studio's HTTP API: OpenAPI 3.1 at /api/openapi.json" };

const DOCUMENT = "/api/openapi.json";
const link = "font-medium underline underline-offset-2 hover:text-zinc-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:hover:text-white";

/**
 * The API reference: public like the document it shows. The server draws the
 * head (the way back, as on the other pages), how to call the API and every
 * operation, so the page is useful from its first paint; the interactive
 * reference (in English, the document's words) replaces the list once its
 * renderer has loaded.
 */
export default async function ApiDocsPage() {
  const t = dictionaries[await requestLocale()];
  const viewer = await identifyOrUndefined(new Request("http://studio.local/docs/api", { headers: await headers() }));
  // Fetched while the renderer's chunk loads, not after it (the renderer's own fetch finds it).
  preload(DOCUMENT, { as: "fetch", crossOrigin: "anonymous" });
  return (
    <div className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-5 px-3 py-3 sm:px-5 sm:py-4">
      <PageHeader t={t} title={t.docs.title} intro={t.docs.intro} current="docs" isAdmin={viewer?.role === "admin"} signedIn={viewer !== undefined} />
      <main className="flex flex-col gap-4">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {t.docs.howToCall}{" "}
          <a href={viewer ? "/tokens" : "/sign-in?returnTo=%2Ftokens"} className={link}>
            {viewer ? t.docs.makeToken : t.docs.signIn}
          </a>
          {" · "}
          <a href={DOCUMENT} className={link}>
            {t.docs.document}
          </a>
        </p>
        <ApiReference url={DOCUMENT} loadingLabel={t.docs.loading} failedLabel={t.docs.failed}>
          <OperationIndex heading={t.docs.operations} />
        </ApiReference>
      </main>
    </div>
  );
}
