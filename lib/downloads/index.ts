import "server-only";

export { zipDownload, type ZipDownload } from "./zip-download";
export { pictureFileName, promptStem, archiveFileName } from "./file-names";
