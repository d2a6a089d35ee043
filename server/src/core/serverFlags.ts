/**
 * The V8 flags of the process that hosts the analysis: the VS Code client starts the language server
 * with them (other editors should too: README, "In VS Code"), and `npm run bench` measures with them.
 *
 * A larger young generation. Re-simulating a workspace of 100 workloads allocates about 16 MB of
 * short-lived objects; with V8's default 16 MB semi-space the scavenger then runs during nearly every
 * simulation and copies everything the simulation still holds. At 32 MB it runs about half as often:
 * GC per re-simulation went from about 10 ms to about 6 ms (bench/schedule-edit.mjs).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
