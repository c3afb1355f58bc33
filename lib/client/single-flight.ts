/**
 * One piece of work at a time: a call while one runs is dropped (answers
 * undefined), not queued. Kept in a plain object, not React state, so that
 * two submits in the same tick (a double click, Enter pressed twice before a
 * re-render) cannot both start a request.
 */
export function singleFlight() {
  let running = false;
  return {
    get running() {
      return running;
    },
    async run<T>(work: () => Promise<T>): Promise<T | undefined> {
      if (running) return undefined;
      running = true;
      try {
        return await work();
      } finally {
        running = false;
      }
    },
  };
}
