/**
 * The V8 flags of the process that hosts the analysis: the VS Code client starts the language server
 * with them (other editors should too: README, "In VS Code"), and `npm run bench` measures with them.
 *
 * None today: V8's defaults. A 32 MB semi-space (`--max-semi-space-size=32`) was used to make the
 * scavenger run less often during re-simulations. Measured again in turns with the defaults (#19), it
 * no longer gained time (re-scheduling after an edit of 100 workloads, the 2,000-document file's open
 * to settled, a 20,000-document workspace's first simulation: the same within the runs' noise) and it
 * cost memory: 45 MiB more peak RSS after 40 edits of a 1 MB file, 25 MiB more on the 20,000 documents.
 */
export const SERVER_NODE_FLAGS: string[] = [];
