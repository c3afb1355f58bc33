// Help with the words in the composer: Improve the prompt, Describe a reference. Mirrored in ../zh/prompt-help.ts.
export const promptHelp = {
  improve: "Improve",
  improving: "Improving…",
  improveHint: "Suggest a clearer prompt; you choose what to keep",
  describe: "Describe reference {n} as a prompt",
  describing: "Describing…",
  suggestionTitle: "Suggested prompt",
  describedTitle: "Prompt from the reference",
  diffLegend: "Added words are underlined, removed words struck through.",
  accept: "Accept",
  edit: "Edit",
  discard: "Discard",
  off: "Prompt help is not configured on this studio.",
  failed: "No suggestion: {message}",
  unchanged: "Your prompt is unchanged.",
};
