import { zipDownload } from "@/lib/downloads";
import { readDownloadIds } from "@/lib/server/download-ids";
import { apiRoute } from "@/lib/server/route";
import { getDeps } from "@/lib/wiring";

// POST /api/downloads: a ZIP of the chosen pictures, streamed as it is written.
// Its body is at most 200 ids, some 9 KB as a form, 7 KB as JSON.
export const POST = apiRoute(async ({ request, viewer }) => {
  const download = await zipDownload(await getDeps(), { ...(await readDownloadIds(request)), viewer });
  const ascii = download.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  return new Response(download.body, {
    status: 200,
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}, { maxBodyBytes: 32 * 1024 });
