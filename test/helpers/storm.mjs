// A seeded edit storm on a running language server, as a fast and careless user makes one: bursts of
// incremental edits (several changes per message, in the middle of words, lines and surrogate pairs),
// whole documents pasted over, files closed and opened again, settings flipped, and requests of
// every kind, some of them cancelled at once. test/lsp/storm.test.mjs runs a short one; scripts/storm.mjs
// runs one for as long as asked and prints the server's memory over time.
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { mutate, rng } from '../fuzz/mutate.mjs';

/** A text's line starts, for LSP positions (UTF-16 units, as JavaScript strings count). */
function positionOf(text, offset) {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

const SNIPPETS = ['x', ' ', '\n', ': ', '- ', '  ', '---\n', '"', "'", '{', '}', '[', ']', '#', '\t', '&a ', '*a', 'é', '😀', '\ud83d', 'replicas: 3\n', 'kind: Pod\n', 'apiVersion: v1\n', 'cpu: 2\n'];

const REQUESTS = ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/codeLens', 'kubeplan/simulate', 'kubeplan/explainScheduling', 'kubeplan/nodes'];

const SETTINGS = [
  {},
  { kubernetesVersion: '1.24' },
  { validation: { schema: false } },
  { severity: { KP120: 'warning', KP145: 'off', KP153: 'off' } },
  { defaultNamespace: 'shop' },
  { maxFileSizeMB: 0.5 },
];

/**
 * Runs `steps` storm steps on `client` over the documents `uris` (opened with `seeds` texts first).
 * Returns the final text and version of every open document, the settings in force, and what
 * happened to the requests: each one sent must end answered (a result, or RequestCancelled for a
 * cancelled one), never left pending.
 */
export async function editStorm(client, { seed, steps, uris, seeds, hostile = [], pauseEvery = 40, onStep = () => {} }) {
  const r = rng(seed);
  const open = new Map(); // uri → { text, version }
  const pending = new Set();
  const outcome = { sent: 0, answered: 0, cancelled: 0, failed: [], changes: 0, messages: 0 };
  const setText = (uri, text, version = 1) => open.set(uri, { text, version });

  for (const uri of uris) {
    const text = r.pick(seeds);
    setText(uri, text);
    client.didOpen(uri, text);
  }

  const request = (method, params) => {
    const source = new CancellationTokenSource();
    outcome.sent++;
    const p = client.connection.sendRequest(method, params, source.token).then(
      () => outcome.answered++,
      (e) => {
        if (e?.code === -32800) outcome.cancelled++;
        else outcome.failed.push(`${method}: ${e?.message ?? e}`);
      },
    );
    pending.add(p);
    p.finally(() => pending.delete(p));
    if (r.chance(0.2)) source.cancel();
  };

  for (let step = 0; step < steps; step++) {
    const kind = r.next();
    const uri = r.pick(uris);
    const doc = open.get(uri);
    if (kind < 0.55 && doc) {
      // A message of one to four changes.
      const changes = [];
      let text = doc.text;
      for (let i = 1 + r.int(4); i > 0; i--) {
        const start = r.int(text.length + 1);
        const end = r.chance(0.3) ? Math.min(text.length, start + r.int(20)) : start;
        const insert = r.chance(0.8) ? r.pick(SNIPPETS) : '';
        changes.push({ range: { start: positionOf(text, start), end: positionOf(text, end) }, text: insert });
        text = text.slice(0, start) + insert + text.slice(end);
      }
      doc.version++;
      doc.text = text;
      outcome.changes += changes.length;
      outcome.messages++;
      client.didChange(uri, doc.version, changes);
    } else if (kind < 0.62 && doc) {
      // A whole document pasted over: a seed, or a mutation of one.
      doc.version++;
      doc.text = r.chance(0.5) ? r.pick(seeds) : mutate(r.pick(seeds), r);
      outcome.messages++;
      client.didChange(uri, doc.version, [{ text: doc.text }]);
    } else if (kind < 0.66) {
      if (doc) {
        client.didClose(uri);
        open.delete(uri);
      } else {
        const text = r.pick([...seeds, ...hostile]);
        setText(uri, text);
        client.didOpen(uri, text);
      }
    } else if (kind < 0.68) {
      client.settings = { kubeplan: { ...r.pick(SETTINGS) } };
      client.didChangeConfiguration();
    } else if (doc) {
      const method = r.pick(REQUESTS);
      const position = positionOf(doc.text, r.int(doc.text.length + 1));
      const textDocument = { uri };
      const params =
        method === 'textDocument/codeAction'
          ? { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }
          : method.startsWith('kubeplan/')
            ? { uri, position }
            : { textDocument, position };
      request(method, params);
    }
    onStep(step);
    if (step % pauseEvery === pauseEvery - 1) await new Promise((resolve) => setTimeout(resolve, r.int(60)));
  }
  const settled = Promise.allSettled([...pending]);
  return { open, settings: client.settings, outcome, settled };
}

/**
 * Resolves once the server is quiet: every open document's final version is analysed, and nothing
 * was published nor simulated for `quietMs` (longer than any of the server's delays: 300 ms before a
 * simulation or a dependent re-analysis, at most 250 ms of debounce). Returns the last diagnostics
 * published for each open document.
 */
export async function settle(client, open, quietMs = 1_500, timeoutMs = 120_000) {
  for (const [uri, { version }] of open) await client.waitForDiagnostics(uri, version, timeoutMs);
  const started = Date.now();
  let lastCount = -1;
  for (;;) {
    const count = [...client.published.values()].reduce((n, list) => n + list.length, 0) + client.simulations.length;
    if (count === lastCount) break;
    lastCount = count;
    if (Date.now() - started > timeoutMs) throw new Error('the server did not settle');
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
  const diagnostics = {};
  for (const uri of [...open.keys()].sort()) diagnostics[uri] = client.diagnosticsHistory(uri).at(-1)?.diagnostics ?? null;
  return diagnostics;
}
