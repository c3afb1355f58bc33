// The composer's inline blanks of a template and the `/` shortcut. Keys are mirrored in ../zh/template-blanks.ts.
export const templateBlanks = {
  heading: "Template “{name}”",
  fillIn: "Fill in the blanks; Tab moves to the next one.",
  noBlanks: "This template has no blanks.",
  blankPlaceholder: "Words for {name}…",
  leave: "Use as plain text",
  leaveHint: "Keep the prompt with the words filled in, and stop using the template",
  fillBlank: "Fill in the blank “{name}” first.",
  slashHint: "Type / to pick a template",
  referenceName: "{name}, reference {n}",
  referencesFailed: "{n} of the template's reference images could not be loaded (only their uploader can use them until a picture is made with them)",
  fromAddressMissing: "The template in the address is not one you can use (it was deleted, or it is private).",
};
