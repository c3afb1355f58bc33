// The composer's inline blanks of a template and the `/` shortcut. Keys are mirrored in ../zh/template-blanks.ts.
export const templateBlanks = {
  blankLabel: "Blank “{name}”",
};
