// Bulk runs of a template from a table: the run dialog, its preview and its group in the gallery. Keys are mirrored in ../zh/runs.ts.
export const runs = {
  open: "Run from a table",
};
