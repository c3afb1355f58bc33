import "server-only";

export { zipDownload } from "./zip-download";
