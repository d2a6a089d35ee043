import { isUtf8 } from 'node:buffer';
import { Worker } from 'node:worker_threads';
import type { StateSource } from '../core';

/** The control word's states: the worker runs, it read the file, it could not (then the file is read again here). */
const STARTED = 3;
const DONE = 1;
const FAILED = 2;
/** How long the worker may take to start, then to read, before the main thread reads the file itself. */
const START_MS = 10_000;
const READ_MS = 60_000;
/** Set in the control word when the bytes were JSON and lost their indentation. */
const COMPACTED = 1;
/** Set when a byte is not ASCII (then decoded as UTF-8, and validated). */
const NOT_ASCII = 2;

/**
 * The worker: reads the file into the shared buffer and, when it is JSON (its first character, after a
 * BOM and whitespace, is `{` or `[`), drops each newline and the spaces after it where one side is
 * punctuation (`{}[],:`) and outside strings. Tokens stay the same tokens, so JSON.parse reads the
 * same value, or fails as on the original; kubectl's 4-space indentation is half of an export.
 */
const WORKER = `
const { workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const out = new Uint8Array(workerData.data);
const control = new Int32Array(workerData.control);
Atomics.store(control, 0, ${STARTED});
Atomics.notify(control, 0);
let status = ${FAILED};
try {
  const fd = openSync(workerData.file, 'r');
  let n = 0;
  try {
    for (let r; n < out.length && (r = readSync(fd, out, n, out.length - n, null)) > 0; ) n += r;
    // A file that grew since it was measured is read again the usual way.
    if (readSync(fd, new Uint8Array(1), 0, 1, null) > 0) throw new Error('changed');
  } finally {
    closeSync(fd);
  }
  let i = out[0] === 0xef && out[1] === 0xbb && out[2] === 0xbf ? 3 : 0;
  while (i < n && (out[i] === 32 || out[i] === 9 || out[i] === 10 || out[i] === 13)) i++;
  const json = out[i] === 123 || out[i] === 91;
  let high = 0;
  let w = 0;
  if (!json) {
    for (let k = 0; k < n; k++) high |= out[k];
    w = n;
  } else {
    const punct = (b) => b === 123 || b === 125 || b === 91 || b === 93 || b === 44 || b === 58;
    let inString = false;
    let escaped = false;
    let last = 0;
    for (let k = 0; k < n; k++) {
      const b = out[k];
      high |= b;
      if (inString) {
        out[w++] = b;
        if (escaped) escaped = false;
        else if (b === 92) escaped = true;
        else if (b === 34) inString = false;
        continue;
      }
      if (b === 10) {
        let j = k + 1;
        while (j < n && out[j] === 32) j++;
        if (punct(last) || (j < n && punct(out[j]))) {
          k = j - 1;
          continue;
        }
      }
      out[w++] = b;
      if (b === 34) inString = true;
      if (b !== 32 && b !== 9 && b !== 10 && b !== 13) last = b;
    }
  }
  control[1] = w;
  control[2] = (json ? ${COMPACTED} : 0) | (high & 0x80 ? ${NOT_ASCII} : 0);
  status = ${DONE};
} catch {}
Atomics.store(control, 0, status);
Atomics.notify(control, 0);
`;

/**
 * `--cluster-state FILE`, read in a worker thread while the main thread analyses the files: a real
 * cluster's export is tens of megabytes, and reading it was a tenth of a plan on the main thread. The
 * main thread waits for it (Atomics.wait) when the model first needs the state. A JSON state comes
 * back as its value; any other text as its text. Whatever the worker cannot settle (the file changed,
 * it is not UTF-8, the JSON does not parse) is read again by `fallback`, the way every input is read,
 * so that messages and positions are those of the original.
 */
export function readStateInWorker(file: string, size: number, fallback: () => string): StateSource {
  let data: SharedArrayBuffer | undefined = new SharedArrayBuffer(size);
  const controlBuffer = new SharedArrayBuffer(12);
  const control = new Int32Array(controlBuffer);
  let worker: Worker;
  try {
    worker = new Worker(WORKER, { eval: true, workerData: { file, data, control: controlBuffer } });
  } catch {
    return () => ({ text: fallback() });
  }
  worker.unref();
  // A worker that dies before it reports leaves the state to the fallback.
  worker.on('error', () => {
    Atomics.compareExchange(control, 0, 0, FAILED);
    Atomics.compareExchange(control, 0, STARTED, FAILED);
    Atomics.notify(control, 0);
  });
  return () => {
    // Bounded: a worker that could not start never reports (its error event waits for this thread).
    Atomics.wait(control, 0, 0, START_MS);
    if (Atomics.load(control, 0) === STARTED) Atomics.wait(control, 0, STARTED, READ_MS);
    const shared = data;
    // Read once: the workspace keeps what it makes of it, and tens of megabytes are let go.
    data = undefined;
    if (Atomics.load(control, 0) !== DONE || !shared) return { text: fallback() };
    const bytes = Buffer.from(shared, 0, control[1]);
    const flags = control[2];
    if (flags & NOT_ASCII && !isUtf8(bytes)) return { text: fallback() };
    const text = flags & NOT_ASCII ? bytes.toString('utf8').replace(/^\uFEFF/, '') : bytes.toString('latin1');
    if (!(flags & COMPACTED)) return { text };
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { text: fallback() };
    }
  };
}
