/**
 * Work that pauses (yields) between steps, so that the language server can answer requests between
 * them: run here to its end in one go (the CLI, tests, a request that needs the result now).
 */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
