import "server-only";

export type { BlobStore, ServedFile, StoredObject } from "./types";
export { closeStream } from "./close-stream";
export { createFsStore } from "./fs-store";
export { folderId } from "./folder-id";
export { createS3Store, checkS3Store } from "./s3-store";
export type { S3Store } from "./s3-store";
export { parseS3Settings, describeS3Settings, S3SettingsError } from "./storage-url";
export type { S3Settings } from "./storage-url";
