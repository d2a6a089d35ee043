/** Longest a piece of the server's work runs before letting other requests through. */
export const SLICE_MS = 10;

/** The next turn of the event loop: requests read meanwhile are answered first. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `steps` to their end in slices of SLICE_MS that let other requests through: their result, or
 * undefined when `abandoned()` says so at a pause (a newer change came; the steps are left there).
 * A step's failure rejects.
 */
export async function inSlices<T>(steps: Generator<unknown, T>, abandoned: () => boolean = () => false): Promise<{ value: T } | undefined> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value };
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      if (abandoned()) return undefined;
      sliceStart = performance.now();
    }
  }
}
