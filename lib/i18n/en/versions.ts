// Edit threads in the viewer: the versions of a picture, editing it in words, comparing two versions.
export const versions = {
  compare: {
    open: "Compare",
    title: "Compare versions",
    before: "Before",
    after: "After",
    sideBySide: "Side by side",
    slider: "Slider",
    slide: "Before and after: {percent}% of the after picture shown",
    slideHint: "Drag, or use the arrow keys",
    instructions: "Changes between them",
    noInstructions: "No changes between these two versions.",
    original: "Original",
    version: "Version {n}",
    deleted: "(deleted)",
    close: "Close",
  },
};
