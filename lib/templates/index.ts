import "server-only";
export { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from "./templates";
