// The bulk-run dialog: a template run from a pasted or dropped table, its preview and confirmation. Keys are mirrored in ../zh/run-dialog.ts.
export const runDialog = {
  title: "Run “{name}” from a table",
};
