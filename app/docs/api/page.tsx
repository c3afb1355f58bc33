import type { Metadata } from "next";
import { ApiReference } from "@/components/api-docs/api-reference";
import { requestLocale } from "@/lib/server/preferences";

export const metadata: Metadata = { title: "API · Nano Studio", description: "The studio's HTTP API: OpenAPI 3.1 at /api/openapi.json" };

// The reference itself is in English (the document's words); only these two lines follow the browser.
const LABELS = {
  en: { loading: "Loading the API reference…", failed: "The API reference could not be shown. The document itself is at /api/openapi.json." },
  zh: { loading: "正在加载 API 参考…", failed: "无法显示 API 参考。文档本身位于 /api/openapi.json。" },
};

/** The API reference: public like the document it shows (/api/openapi.json). */
export default async function ApiDocsPage() {
  const labels = LABELS[await requestLocale()];
  return (
    <main>
      <ApiReference url="/api/openapi.json" loadingLabel={labels.loading} failedLabel={labels.failed} />
    </main>
  );
}
