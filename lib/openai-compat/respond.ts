import "server-only";
import type { Readable } from "node:stream";
import type { z } from "zod";
import type { openAiImagesResponseSchema } from "@/lib/contract";
import { openImage } from "@/lib/generations";
import type { ServiceDeps } from "@/lib/core/deps";
import { logger } from "@/lib/log";
import { closeStream } from "@/lib/storage";
import { signedImageUrl } from "@/lib/server/signed-links";

// The answer to /v1/images/*: `{ created, data: [...] }`, one entry per
// completed picture, in the order they were asked for.

export type OpenAiImagesResponse = z.infer<typeof openAiImagesResponseSchema>;

const HEADERS = { "content-type": "application/json", "cache-control": "no-store" };

/** `url`: signed links that work for an hour without a cookie. */
export async function urlResponse(input: { deps: ServiceDeps; request: Request; ids: string[]; created: number }): Promise<Response> {
  const data = [];
  for (const id of input.ids) data.push({ url: await signedImageUrl({ request: input.request, db: input.deps.db, id }) });
  const body: OpenAiImagesResponse = { created: input.created, data };
  return new Response(JSON.stringify(body), { status: 200, headers: HEADERS });
}

/**
 * `b64_json`: the stored pictures base64-encoded as the answer is sent, one
 * picture after the other, a chunk at a time as the client reads. The
 * request never holds a whole picture, let alone its base64 or the JSON around it.
 */
export function b64Response(input: { deps: ServiceDeps; ids: string[]; created: number }): Response {
  const encoder = new TextEncoder();
  const parts = b64Json(input);
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await parts.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          logger.error({ err: error }, "an image answer broke off while it was being sent");
          controller.error(error);
        }
      },
      async cancel() {
        // The client went away: close the picture being read.
        await parts.return(undefined);
      },
    },
    // One chunk ahead is enough: the next is made when the client has taken this one.
    { highWaterMark: 1 },
  );
  return new Response(body, { status: 200, headers: HEADERS });
}

async function* b64Json(input: { deps: ServiceDeps; ids: string[]; created: number }): AsyncGenerator<string, void, undefined> {
  yield `{"created":${input.created},"data":[`;
  let first = true;
  for (const id of input.ids) {
    let stream: Readable;
    try {
      stream = (await openImage(input.deps, { id, variant: "full" })).stream;
    } catch (err) {
      // Completed but not readable now (storage trouble): the others still go.
      logger.error({ err, generation: id }, "a completed picture could not be read for an image answer");
      continue;
    }
    // Closed here too: a client gone while the prefix waits to be read ends
    // this generator before base64Of (which closes it when it ends) starts.
    try {
      yield `${first ? "" : ","}{"b64_json":"`;
      first = false;
      yield* base64Of(stream);
    } finally {
      await closeStream(stream);
    }
    yield `"}`;
  }
  yield "]}";
}

/** Base64 of a stream in pieces: every piece but the last a whole number of 3-byte groups, so the pieces join up. */
async function* base64Of(stream: Readable): AsyncGenerator<string, void, undefined> {
  let carry: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const whole = bytes.length - (bytes.length % 3);
      if (whole > 0) yield bytes.subarray(0, whole).toString("base64");
      carry = Buffer.from(bytes.subarray(whole));
    }
    if (carry.length) yield carry.toString("base64");
  } finally {
    stream.destroy();
  }
}
