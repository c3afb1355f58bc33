import "server-only";

export type { BlobStore, StoredObject } from "./types";
export { createFsStore } from "./fs-store";
export type { FsStoreOptions } from "./fs-store";
