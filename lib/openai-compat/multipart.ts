import "server-only";
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import busboy from "busboy";
import { invalidParam, OpenAiError } from "./errors";

// A multipart/form-data body read as a stream (busboy), with bounds checked
// as the bytes arrive: a file past its size, one file too many, a field too
// long or a body past its total stops the reading there, and the rest is
// never read. Files are kept in memory only (no temporary file to clean up),
// each with its SHA-256 computed on the way in.

export type MultipartLimits = {
  /** Largest file, in bytes. */
  fileBytes: number;
  /** Most files in one body (a backstop: `checkFile` usually refuses first, with a better message). */
  files: number;
  /** Longest text field, in bytes. */
  fieldBytes: number;
  /** Most text fields. */
  fields: number;
  /** The whole body, framing included. */
  totalBytes: number;
};

export type ReceivedFile = { field: string; index: number; bytes: Buffer; sha256: string };
export type MultipartForm<T> = { fields: [name: string, value: string][]; files: T[] };

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const tooLarge = (param: string | null, message: string) =>
  new OpenAiError(413, message, { type: "invalid_request_error", code: "request_too_large", param });

/**
 * Reads the body of a multipart request. `checkFile` is called as each file
 * part starts, before any of its bytes are read, with the field name and how
 * many files came before it; it throws to refuse the request there. `keep`
 * turns each whole file into what the caller keeps of it, as soon as it has
 * arrived (so its bytes need not outlive it); it may throw to refuse it.
 * `label` names a file in messages (e.g. "image 2").
 */
export async function readMultipart<T>(input: {
  request: Request;
  limits: MultipartLimits;
  checkFile(field: string, before: number): void;
  keep(file: ReceivedFile): T;
  label(field: string, index: number): string;
}): Promise<MultipartForm<T>> {
  const { request, limits } = input;
  const contentType = request.headers.get("content-type") ?? "";
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limits.totalBytes) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge("image", `The request body is larger than ${megabytes(limits.totalBytes)}`);
  }

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: {
        fileSize: limits.fileBytes,
        files: limits.files,
        fieldSize: limits.fieldBytes,
        fields: limits.fields,
        parts: limits.files + limits.fields,
        fieldNameSize: 100,
        headerPairs: 20,
      },
    });
  } catch {
    await request.body?.cancel().catch(() => {});
    throw invalidParam("image", "The multipart body could not be read (no boundary in Content-Type)");
  }

  // The first problem wins; reading stops at the next chunk boundary.
  let failure: Error | undefined;
  const wake = new Set<() => void>();
  const fail = (error: Error) => {
    failure ??= error;
    for (const resume of wake) resume();
  };
  const fields: [string, string][] = [];
  // In the order the parts came: a slot is taken as a file starts and filled when it ends.
  const files: ({ kept: T } | undefined)[] = [];

  parser.on("field", (name, value, info) => {
    if (info.nameTruncated) return fail(invalidParam(null, "A form field's name is longer than 100 bytes"));
    if (info.valueTruncated) return fail(tooLarge(name, `${name} is longer than ${Math.round(limits.fieldBytes / 1024)} KB`));
    fields.push([name, value]);
  });
  parser.on("file", (field: string, stream: Readable & { truncated?: boolean }, _info: busboy.FileInfo) => {
    stream.on("error", () => {});
    const index = files.length;
    try {
      input.checkFile(field, index);
    } catch (error) {
      stream.resume();
      return fail(error as Error);
    }
    files.push(undefined);
    const chunks: Buffer[] = [];
    const hash = createHash("sha256");
    stream.on("data", (chunk: Buffer) => {
      if (failure) return;
      chunks.push(chunk);
      hash.update(chunk);
    });
    stream.on("limit", () => {
      chunks.length = 0;
      fail(tooLarge(field.replace(/\[\]$/, ""), `${input.label(field, index)}: larger than ${megabytes(limits.fileBytes)}`));
    });
    stream.on("end", () => {
      if (failure || stream.truncated) return;
      const bytes = Buffer.concat(chunks);
      chunks.length = 0;
      try {
        files[index] = { kept: input.keep({ field, index, bytes, sha256: hash.digest("hex") }) };
      } catch (error) {
        fail(error as Error);
      }
    });
  });
  parser.on("filesLimit", () => fail(invalidParam("image", `At most ${limits.files} files may be sent`)));
  parser.on("fieldsLimit", () => fail(invalidParam(null, `At most ${limits.fields} form fields may be sent`)));
  parser.on("partsLimit", () => fail(invalidParam(null, "The form has too many parts")));
  const finished = new Promise<void>((resolve) => {
    parser.on("close", resolve);
    parser.on("error", () => {
      fail(invalidParam("image", "The multipart body could not be read"));
      resolve();
    });
  });

  const reader = request.body?.getReader();
  let total = 0;
  try {
    while (reader && !failure) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        // The client went away or the connection broke: nothing to answer, nothing kept.
        fail(invalidParam("image", "The upload broke off before the request was complete"));
        break;
      }
      const { done, value } = next;
      if (done) break;
      total += value.byteLength;
      if (total > limits.totalBytes) {
        fail(tooLarge("image", `The request body is larger than ${megabytes(limits.totalBytes)}`));
        break;
      }
      if (!parser.write(value)) await drained(parser, wake);
    }
  } finally {
    if (failure) {
      await reader?.cancel().catch(() => {});
      parser.destroy();
    }
  }
  if (failure) throw failure;
  parser.end();
  await finished;
  if (failure) throw failure;
  return { fields, files: files.filter((file) => file !== undefined).map((file) => file.kept) };
}

/** Until the parser takes more, or a failure ends the reading. */
function drained(parser: busboy.Busboy, wake: Set<() => void>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off("drain", done);
      wake.delete(done);
      resolve();
    };
    parser.once("drain", done);
    wake.add(done);
  });
}
