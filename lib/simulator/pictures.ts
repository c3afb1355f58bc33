import "server-only";
import { renderPicture } from "./render";
import type { Task } from "./tasks";

// Rendered results live in memory only, bounded like a CDN's short-lived
// objects: a picture evicted or past its TTL is gone for good, exactly as an
// expired upstream URL is, so clients that copy late are caught by tests.

export const MAX_PICTURES = 100;

export class PictureCache {
  // Map keeps insertion order: the first entry is the oldest render.
  private readonly held = new Map<string, Task>();
  // One render at a time: a 4K picture takes hundreds of MB while it is drawn,
  // and eight at once (the studio's poller finishing a burst of tasks) took a
  // demo server past 1 GB. The studio waits for the download either way.
  private renders: Promise<unknown> = Promise.resolve();

  constructor(private readonly max = MAX_PICTURES) {}

  /** The task's PNG, rendered on first use; undefined once the result is gone. */
  get(task: Task): Promise<Buffer> | undefined {
    if (task.pictureGone) return undefined;
    if (!task.picture) {
      const input = {
        model: task.model,
        size: task.size,
        aspectRatio: task.aspectRatio,
        prompt: task.prompt,
        references: task.references,
        variant: task.id,
      };
      const picture = this.renders.then(() => renderPicture(input));
      this.renders = picture.catch(() => undefined);
      // A render started by a poll may never be awaited; its error surfaces on download instead.
      picture.catch(() => undefined);
      task.picture = picture;
      task.references = []; // the thumbnails are drawn now; do not keep them twice
      this.held.set(task.id, task);
      this.evictBeyondMax();
    }
    return task.picture;
  }

  /** Marks the result gone (expired), freeing its bytes. */
  expire(task: Task): void {
    task.pictureGone = true;
    task.picture = undefined;
    this.held.delete(task.id);
  }

  forget(taskId: string): void {
    this.held.delete(taskId);
  }

  private evictBeyondMax(): void {
    for (const [id, task] of this.held) {
      if (this.held.size <= this.max) return;
      this.held.delete(id);
      task.pictureGone = true;
      task.picture = undefined;
    }
  }
}
