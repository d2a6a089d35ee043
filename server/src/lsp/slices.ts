/** Longest a piece of the server's work runs before letting other requests through. */
export const SLICE_MS = 10;

/** The next turn of the event loop: requests read meanwhile are answered first. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs `steps` to their end in slices of SLICE_MS that let other requests through; a failure goes to `failed`. */
export async function runInSlices(steps: Generator<void>, failed: (e: unknown) => void): Promise<void> {
  let sliceStart = performance.now();
  try {
    while (!steps.next().done) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
  } catch (e) {
    failed(e);
  }
}
