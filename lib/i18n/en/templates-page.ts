// The /templates page and Save as template from a picture. Keys are mirrored in ../zh/templates-page.ts.
export const templatesPage = {
  title: "Templates",
};
