import "server-only";

export { zipDownload, type ZipDownload } from "./zip-download";
export { readDownloadIds } from "./request";
export { pictureFileName, promptStem, archiveFileName } from "./file-names";
