// Preloaded into the CLI by test/cli/plan.test.mjs (NODE_OPTIONS=--require): reports on stderr, at
// exit, how each worker thread that read a cluster state ended (server/src/cli/stateReader.ts's
// control word: status 1 read, 2 failed; flags 1 compacted JSON, 2 not ASCII).
const threads = require('node:worker_threads');
const Original = threads.Worker;
const controls = [];
threads.Worker = class extends Original {
  constructor(code, options) {
    super(code, options);
    if (options?.workerData?.control) controls.push(new Int32Array(options.workerData.control));
  }
};
process.on('exit', () => {
  for (const c of controls) process.stderr.write(`state worker: status ${Atomics.load(c, 0)}, flags ${c[2]}\n`);
});
