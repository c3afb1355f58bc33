// English strings of the gallery. Keys are mirrored in ../zh/gallery.ts (type-checked).
export const gallery = {
  heading: "Gallery",
  listLabel: "Gallery",
  activeCount: "{count} in progress",

  toolbar: {
    label: "Filter the gallery",
    searchLabel: "Search prompts",
    searchPlaceholder: "Search prompts…",
    modelLabel: "Model",
    allModels: "All models",
    favorites: "Favorites",
    mine: "Mine",
    statusLabel: "Status",
    statusAll: "All statuses",
    statusCompleted: "Completed",
    statusFailed: "Failed",
    statusActive: "In progress",
    /** A toggle: every version of every picture, not only each one's newest. */
    everyVersion: "Every version",
  },

  card: {
    open: 'Open "{prompt}"',
    favorite: 'Favorite "{prompt}"',
    progressLabel: "Progress",
    elapsedLabel: "Elapsed",
    submitting: "Sending…",
    queued: "Waiting in the queue",
    /** Waiting on the studio's side for one of the person's slots, nothing sent yet. */
    waitingNext: "Waiting · next",
    waitingAhead: "Waiting · {count} ahead of you",
    waitingFree: "Not sent yet: cancelling is free.",
    processing: "Drawing… {progress}%",
    failedTitle: "This one didn't work out",
    failedFallback: "The picture could not be made.",
    cancelledTitle: "Cancelled",
    cancelledActive: "Cancelled — the gateway may still finish it; it is billed either way.",
    arrivedAfterCancel: "Arrived after it was cancelled.",
    retry: "Retry",
    retrying: "Retrying…",
    retryNamed: 'Retry "{prompt}"',
    saving: "Saving…",
    savingReason: "Saving… ({reason})",
    unanswered: "Gateway not answering since {since}; the studio keeps asking.",
    cancel: 'Cancel "{prompt}"',
    delete: 'Delete "{prompt}"',
    cancelShort: "Cancel",
    deleteShort: "Delete",
    /** A picture that was edited: how many versions its thread has (always more than one). */
    versions: "{count} versions",
    edit: 'Edit "{prompt}"',
    editShort: "Edit",
  },

  // A refusal for content, the keyboard's and screen readers' words.
  refused: {
    editPrompt: "Edit prompt",
    editPromptNamed: 'Edit the prompt of "{prompt}"',
    hint: "The same prompt would be refused again: change it, then generate.",
  },
  keyboard: {
    skipToPictures: "Skip to pictures",
    /** The checkbox of a picture's card: the first words of its prompt. */
    select: "Select “{prompt}”",
    /** Read once when the gallery takes focus: how to move in it. */
    hint: "Arrow keys move between pictures; Tab reaches the picture's buttons; E edits the picture.",
  },
  announce: {
    finishedOne: "Finished: {prompt}",
    finishedMany: "Finished {count} pictures: {prompt}",
    failedOne: "Failed: {prompt}: {reason}",
    failedMany: "{count} pictures failed: {prompt}: {reason}",
    finishedSome: "Finished {done} of {count} pictures, {failed} failed: {prompt}: {reason}",
  },

  list: {
    loading: "Loading your gallery…",
    loadMore: "Load more",
    loadingMore: "Loading more…",
    end: "That's everything so far",
    loadMoreFailed: "More pictures could not be loaded.",
    holdToSelect: "Press and hold a picture to select several.",
  },

  empty: {
    title: "Your gallery is waiting",
    body: "Describe a picture in the prompt box — a scene, a mood, a style — and press Generate. Every picture you and your team make lands here, newest first.",
    hint: "Tip: add reference images to steer the look.",
  },
  noResults: {
    title: "Nothing matches these filters",
    body: "Try another word, another model, or show everything again.",
    clear: "Clear filters",
  },
  error: {
    title: "The gallery could not be loaded",
    retry: "Try again",
  },

  lightbox: {
    // /p/<id> naming no picture the person may see: the same words whether it never was, was deleted or is not theirs to see.
    notFound: "This picture is not here. It may have been deleted, or the link is incomplete.",
    dismissNotFound: "Dismiss",
    close: "Close",
    previous: "Previous picture",
    next: "Next picture",
    position: "{index} of {total}",
    prompt: "Prompt",
    details: "Details",
    model: "Model",
    size: "Size",
    aspectRatio: "Aspect ratio",
    dimensions: "Dimensions",
    fileSize: "File size",
    created: "Created",
    createdBy: "Made by",
    you: "{name} (you)",
    references: "References",
    reference: "Reference {index}",
    download: "Download",
    copyPrompt: "Copy prompt",
    copied: "Copied",
    copyFailed: "Could not copy — select the prompt and copy it by hand.",
    favorite: "Favorite",
    unfavorite: "Unfavorite",
    remix: "Remix",
    useAsReference: "Use as reference",
    delete: "Delete",
    actionFailed: "That did not work: {message}",
  },

  confirmDelete: {
    title: "Delete this picture?",
    body: "It disappears from the gallery for the whole team, and its file is removed from the server. This cannot be undone.",
    confirm: "Delete",
    cancel: "Cancel",
    deleting: "Deleting…",
  },

  confirmDeleteUnfinished: {
    title: "Delete this generation?",
    bodyFailed: "It disappears from the gallery for the whole team. This cannot be undone.",
    bodyActive:
      "The studio stops waiting for it and it disappears from the gallery for the whole team. The gateway has no cancel, so the task may still finish and be billed, and it still counts among your pictures in progress until it would have timed out.",
    bodyWaiting: "It has not been sent yet: it disappears from the gallery for the whole team and nothing is billed.",
  },

  confirmCancel: {
    title: "Cancel this picture?",
    body: "The gateway has no cancel: the task keeps running and is billed either way. If the picture still arrives, it is kept.",
    bodyWaiting: "It is still waiting its turn and has not been sent: cancelling it is free, nothing is billed.",
    confirm: "Cancel picture",
    keep: "Keep waiting",
    cancelling: "Cancelling…",
  },

  confirmRetry: {
    title: "Retry a picture that may already exist?",
    body: "The studio lost track of this task, so it may already have been made and billed. Retrying starts a new task that is billed again. Check the gateway's task list first{task}.",
    task: " (task {id})",
    confirm: "Retry anyway",
    cancel: "Don't retry",
  },

  units: {
    kb: "{value} KB",
    mb: "{value} MB",
  },
};
