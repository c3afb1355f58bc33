// Bulk runs of a template from a table: the run dialog, its preview and its group in the gallery. Keys are mirrored in ../zh/runs.ts.
export const runs = {
  open: "Run from a table",

  // The run's header above the gallery while ?run= is set (components/gallery/run-chip.tsx).
  region: "Run",
  /** The template is gone, or the viewer may not see it. */
  untitled: "Run",
  by: "by {name}",
  rowsOne: "1 row",
  rowsMany: "{count} rows",
  // "31 of 40 done, 1 failed, 9 in progress": the parts joined by `separator`, a part at 0 left out.
  done: "{done} of {total} done",
  failed: "{failed} failed",
  active: "{active} in progress",
  separator: ", ",
  progressLabel: "Progress of the run",
  finished: "The run is finished: {progress}.",
  loading: "Reading the run…",
  notFound: "There is no such run: it may have been deleted, or the link is wrong.",
  failedToLoad: "The run could not be read: {message}",
  download: "Download ZIP",
  downloadLabel: "Download the run's finished pictures as a ZIP",
  downloading: "Preparing…",
  downloadFailed: "The ZIP could not be made: {message}",
  clear: "Leave the run and show the whole gallery",

  // The link in a batch's frame when its pictures are one row of a run.
  link: "Run",
  linkLabel: "Run: show the whole run this batch belongs to",
};
