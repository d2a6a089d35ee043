#!/usr/bin/env node
// Type-checks the whole project, then bundles the three entry points with esbuild:
//   dist/extension.js (VS Code client), dist/server.js (language server, `--stdio`), dist/cli.js (kubeplan).
// dist/server.js and dist/cli.js are launchers (server/src/launch.ts): each starts its bundle
// (dist/server.bundle.js, dist/cli.bundle.js) from the V8 code cache made at the end of this script.
// `--no-check` skips the type check (used by the watch loop of a developer in a hurry, never by CI).
import { build } from 'esbuild';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { rmSync, chmodSync, readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
if (!process.argv.includes('--no-check')) {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { stdio: 'inherit' });
}
rmSync('dist', { recursive: true, force: true });

// The yaml library reads process.env.LOG_TOKENS / LOG_STREAM (debug switches) once per token; an
// environment read costs ~300 ns in Node, about a tenth of the parse. Bundle them as constants.
const yamlDebugSwitchesOff = {
  name: 'yaml-debug-switches-off',
  setup(b) {
    b.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const patched = source.replace(/node_process\.env\.LOG_(TOKENS|STREAM)/g, 'false');
      if (patched === source) throw new Error(`yaml-debug-switches-off: nothing to patch in ${args.path}`);
      return { contents: patched, loader: 'js' };
    });
  },
};
// kubectl reads YAML with go-yaml v2, a port of libyaml, which does not check the indentation of a
// quoted scalar's continuation lines (only a document marker ends one): a multi-line '…' whose last
// line sits at its key's indentation is valid to kubectl. The yaml library ends the scalar there
// ("Missing closing 'quote"); its lexer is taught libyaml's rule.
const quotedScalarsAsLibyaml = {
  name: 'quoted-scalars-as-libyaml',
  setup(b) {
    b.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/]parse[\\/]lexer\.js$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const from = 'const cs = this.continueScalar(nl + 1);';
      if (!source.includes(from)) throw new Error(`quoted-scalars-as-libyaml: nothing to patch in ${args.path}`);
      const patched = source.replace(from, 'const cs = this.quotedScalarContinues(nl + 1);').replace(
        '    continueScalar(offset) {',
        `    quotedScalarContinues(offset) {
        const dt = this.buffer.substr(offset, 3);
        return (dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]) ? -1 : offset;
    }
    continueScalar(offset) {`,
      );
      return { contents: patched, loader: 'js' };
    });
  },
};
// cel-go's ext.Strings (code points rather than UTF-16 units, ASCII-only case mapping, Go's white
// space, cel-go's errors, the API server's call costs) is registered by
// server/src/core/cel/library/strings.ts; cel-js's own overloads of those functions are dropped.
const CEL_GO_STRINGS = [
  'string.lowerAscii(): string', 'string.upperAscii(): string', 'string.trim(): string',
  'string.indexOf(string): int', 'string.indexOf(string, int): int',
  'string.lastIndexOf(string): int', 'string.lastIndexOf(string, int): int',
  'string.substring(int): string', 'string.substring(int, int): string',
  'string.split(string): list<string>', 'string.split(string, int): list<string>',
  'list<string>.join(): string', 'list<string>.join(string): string',
];
/** Removes the `functionOverload('<signature>', …)` statement (quote-aware parenthesis matching). */
function dropOverload(source, signature) {
  const start = source.indexOf(`  functionOverload('${signature}',`);
  if (start < 0) throw new Error(`cel-go-strings: no overload '${signature}' in cel-js`);
  return dropOverloadAt(source, start);
}
/** Removes the call statement starting at `start`, through the end of its line. */
function dropOverloadAt(source, start) {
  let depth = 0;
  let quote = '';
  let i = source.indexOf('(', start);
  for (; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) break;
  }
  return source.slice(0, start) + source.slice(source.indexOf('\n', i) + 1);
}
// cel-js's standard macros are replaced by cel-go's expansions (server/src/core/cel/library/macros.ts:
// cel-go's results, errors and cost): their registrations are dropped.
const CEL_GO_MACROS = [
  'list.all(ast, ast): bool', 'list.exists(ast, ast): bool', 'list.exists_one(ast, ast): bool',
  'list.map(ast, ast): list<dyn>', 'list.map(ast, ast, ast): list<dyn>', 'list.filter(ast, ast): list<dyn>',
  'CelNamespace.bind(ast, dyn, ast): dyn',
];
/** Removes the `functionOverload(…'<signature>'…)` call whose first argument is that signature. */
function dropMacro(source, signature) {
  const at = source.indexOf(`'${signature}'`);
  const start = at < 0 ? -1 : source.lastIndexOf('functionOverload(', at);
  if (start < 0 || !/^functionOverload\(\s*$/.test(source.slice(start, at))) throw new Error(`cel-go-macros: no macro '${signature}' in cel-js`);
  return dropOverloadAt(source, source.lastIndexOf('\n', start) + 1);
}
// Changes to @marcbachmann/cel-js, made in the bundled copy (none can be registered):
// - CEL's `matches` is RE2 (cel-go calls regexp.MatchString); the library uses JavaScript's RegExp,
//   which rejects `(?i)` and accepts lookbehind. It calls the core's RE2 matcher instead.
// - The API server limits what a rule may cost (cel-go's runtime cost): every evaluation step,
//   the root included, goes through the core's cost tracker, which charges what cel-go's planner
//   and tracker would (plan.ts, cost.ts); a cost cancellation is not a CEL error that `||`, `&&`
//   or a comprehension could swallow.
//   Both live in server/src/core/cel/ (re2.ts, cost.ts, plan.ts).
// - its string functions are dropped for cel-go's (server/src/core/cel/library/strings.ts, see above),
//   and its comprehension macros and cel.bind for cel-go's (library/macros.ts);
// - has(e.f) takes any expression e, as cel-go does (`has(self[0].matches)`, in Gateway API's CRDs);
//   the library wants a chain of fields from a variable.
// - duration("0") (and "+0", "-0") is zero, as Go's time.ParseDuration has it.
const celPatches = {
  name: 'cel-patches',
  setup(b) {
    // Each file once: its replacements all must apply, a [pattern, text] or a function of the source.
    const patch = (file, replacements, imports = '') => {
      b.onLoad({ filter: new RegExp(`[\\\\/]@marcbachmann[\\\\/]cel-js[\\\\/]lib[\\\\/]${file}\\.js$`) }, async (args) => {
        let source = readFileSync(args.path, 'utf8');
        for (const r of replacements) {
          if (typeof r === 'function') {
            source = r(source);
            continue;
          }
          const [from, to] = r;
          if (!from.test(source)) throw new Error(`cel-patches: nothing to patch in ${args.path} (${from})`);
          source = source.replace(from, to);
        }
        return { contents: imports + source, loader: 'js', resolveDir: dirname(args.path) };
      });
    };
    const core = (f) => JSON.stringify(resolve('server/src/core/cel', f));
    patch(
      'functions',
      [
        (source) => CEL_GO_STRINGS.reduce(dropOverload, source),
        [/functionOverload\('string\.matches\(string\): bool', \(a, b\) => \{[\s\S]*?\n  \}\)\n/, "functionOverload('string.matches(string): bool', (a, b) => kubeplanRe2Matches(a, b))\n"],
        [/(\n(\s*)if \(string\[0\] === '-' \|\| string\[0\] === '\+'\) string = string\.slice\(1\)\n)/, "$1$2if (string === '0') return new Duration(0n, 0)\n"],
      ],
      `import { re2Matches as kubeplanRe2Matches } from ${core('re2.ts')};\n`,
    );
    patch(
      'evaluator',
      [
        [/\n  run\(ast, ctx\) \{\n    return ast\.evaluate\(this, ast, ctx\)\n  \}/, '\n  run(ast, ctx) {\n    return kubeplanCelRun(this, ast, ctx)\n  }'],
        // The root step too (the library evaluates the root without run), planned first.
        [/return ast\.evaluate\(this\.#evaluator, ast, ctx\)/, 'return kubeplanCelRoot(this.#evaluator, ast, ctx)'],
        [/return ast\.evaluate\(this\.#evaluator, ast, new RootContext/, 'return kubeplanCelRoot(this.#evaluator, ast, new RootContext'],
        [/\} catch \(err\) \{\n      return err\n    \}/, '} catch (err) {\n      if (kubeplanCelCancelled(err)) throw err\n      return err\n    }'],
      ],
      `import { run as kubeplanCelRun, isCancellation as kubeplanCelCancelled } from ${core('cost.ts')};\nimport { root as kubeplanCelRoot } from ${core('plan.ts')};\n`,
    );
    patch(
      'operators',
      [
        // The checker's words for a call no overload takes (cel-go checker/errors.go).
        [/`found no matching overload for '\$\{functionName\}\(\$\{chk\.formatTypeList\(argTypes\)\}\)'`/, 'kubeplanNoOverload(chk.registry, functionName, null, argTypes)'],
        [/`found no matching overload for '\$\{receiverType\.type\}\.\$\{methodName\}\(\$\{chk\.formatTypeList\(\s*argTypes\s*\)\}\)'`/, 'kubeplanNoOverload(chk.registry, methodName, receiverType, argTypes)'],
        // cel-go dispatches a call at run time on its arguments' kinds, not their element types
        // (`dyn([1, 2]).flatten()` runs list_flatten): a list that no overload takes as list(int)
        // is offered as list(dyn).
        [/(\n  const receiverType = ev\.debugRuntimeType\(args\[0\], receiverAst\.checkedType\)\n  const decl = ast\.candidates\.findFunction\(types, receiverType\))/, '$1 ?? (Array.isArray(args[0]) ? ast.candidates.findFunction(types, ev.debugRuntimeType([], receiverAst.checkedType)) : null)'],
      ],
      `import { noMatchingOverload as kubeplanNoOverload } from ${core('issues.ts')};\n`,
    );
    // …and checks the selected field as cel-go does (`has(self.a.z)`: undefined field 'z').
    // A duplicate operator overload is found in a set, not by a scan of every overload of the
    // operator: a CRD schema declares a type per object node, each with its equality operators, and
    // the scan made declaring a large CRD's types quadratic (550 ms of the corpus's check).
    patch('registry', [
      [/\n  #hasOverload\(d\) \{\n    for \(const o of this\.operatorCandidates\(d\.operator\)\) if \(d\.equals\(o\)\) return true\n    return false\n  \}/,
        '\n  #kubeplanOverloads = null\n  #hasOverload(d) {\n    this.#kubeplanOverloads ??= new Set(this.#getOperators().map(kubeplanOverloadKey))\n    return this.#kubeplanOverloads.has(kubeplanOverloadKey(d))\n  }'],
      [/\n  #pushOperator\(decl\) \{\n/, '\n  #pushOperator(decl) {\n    this.#kubeplanOverloads?.add(kubeplanOverloadKey(decl))\n'],
      // registerType declares type(T) for its new type: no earlier overload can overlap a type
      // that did not exist (registerType refuses a name in use), so the scan of every type()
      // overload, quadratic in the number of types, is skipped for it.
      [/\n    this\.registerFunctionOverload\(`type\(\$\{name\}\): type`, \(\) => decl\.typeType, \{async: false\}\)\n/,
        '\n    this.#kubeplanNewType = true\n    try {\n      this.registerFunctionOverload(`type(${name}): type`, () => decl.typeType, {async: false})\n    } finally {\n      this.#kubeplanNewType = false\n    }\n'],
      [/\n  #checkOverlappingSignatures\(newDec\) \{\n/, '\n  #kubeplanNewType = false\n  #checkOverlappingSignatures(newDec) {\n    if (this.#kubeplanNewType) return\n'],
      [/\nclass Candidates \{/, '\n/** OperatorDeclaration.equals as a key: the operator and its operand types (interned per registry). */\nconst kubeplanTypeIds = new WeakMap()\nlet kubeplanTypeCount = 0\nconst kubeplanTypeId = (t) => { if (!t) return 0; let id = kubeplanTypeIds.get(t); if (id === undefined) kubeplanTypeIds.set(t, (id = ++kubeplanTypeCount)); return id }\nconst kubeplanOverloadKey = (d) => `${d.operator} ${kubeplanTypeId(d.leftType)} ${kubeplanTypeId(d.rightType)}`\n\nclass Candidates {'],
    ]);
    patch('macros', [
      [/\n(\s*)if \(node\.op !== 'id'\) throw checker\.createError\('invalid_macro_argument', invalidHasArgument, node\)\n\s*checker\.check\(node, ctx\)\n/, '\n$1checker.check(macro.args[0], ctx)\n'],
      (source) => CEL_GO_MACROS.reduce(dropMacro, source),
    ]);
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  // Whitespace and syntax only (names stay, for stack traces and profiles): a third less for node to
  // read and compile at every start of the server and the CLI.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [yamlDebugSwitchesOff, quotedScalarsAsLibyaml, celPatches],
};
// The files server/src/codeCache.ts loads are written as the function node wraps a CommonJS module
// in: compiled as they are, without a wrapped copy of a 2 MB text.
const wrapped = { banner: { js: '(function (exports, require, module, __filename, __dirname) {' }, footer: { js: '})' } };
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, ...wrapped, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.bundle.js' }),
  build({ ...common, ...wrapped, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.bundle.js' }),
  build({ ...common, entryPoints: ['server/src/launch.ts'], outfile: 'dist/server.js', define: { KUBEPLAN_BUNDLE: '"server.bundle.js"' } }),
  build({ ...common, entryPoints: ['server/src/launch.ts'], outfile: 'dist/cli.js', define: { KUBEPLAN_BUNDLE: '"cli.bundle.js"' }, banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/core/index.ts'], outfile: 'dist/core.js' }),
  build({ ...common, entryPoints: ['server/src/kustomize/index.ts'], outfile: 'dist/kustomize.js' }),
]);
chmodSync('dist/cli.js', 0o755);

// Validators of every built-in kind, compiled ahead of time from schemas/ with the core's own
// conversion, then bundled with the ajv runtime helpers and formats they require.
const core = require(resolve('dist/core.js'));
const generated = join(mkdtempSync(join(tmpdir(), 'kubeplan-build-')), 'validators.js');
const formats = resolve('server/src/core/schema/formats.ts');
writeFileSync(generated, core.precompiledSource(new core.SchemaCatalog(resolve('schemas')), formats));
await build({ ...common, ...wrapped, entryPoints: [generated], outfile: 'dist/validators.js', sourcemap: false, nodePaths: [resolve('node_modules')] });

// V8 code caches of the bundles (server/src/codeCache.ts): each front end run once on the bundled
// example, writing at exit the code of every function the run compiled.
const cacheEnv = { ...process.env, KUBEPLAN_WRITE_CODE_CACHE: '1' };
const check = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples', '--format', 'json'], { env: cacheEnv, encoding: 'utf8' });
if (check.status !== 0 && check.status !== 1) throw new Error(`code cache: kubeplan check examples failed: ${check.stderr}`);
await serverSessionOnce(cacheEnv);

/**
 * The language server started on the examples (every file open), until its simulation is in; then a
 * Service hover and the node's kube-proxy rules (what a user's first session runs), and shut down.
 */
async function serverSessionOnce(env) {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
  const proc = spawn(process.execPath, ['dist/server.js', '--stdio'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((done) => proc.on('exit', done));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const simulated = new Promise((done) => conn.onNotification('kubeplan/simulationComplete', done));
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings: {} } });
  conn.sendNotification('initialized', {});
  const files = readdirSync('examples', { recursive: true }).filter((f) => f.endsWith('.yaml')).sort().map((f) => resolve('examples', f));
  const service = files.find((f) => f.endsWith(join('shop', 'service.yaml')));
  for (const file of files) conn.sendNotification('textDocument/didOpen', { textDocument: { uri: `file://${file}`, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') } });
  await simulated;
  await conn.sendRequest('textDocument/hover', { textDocument: { uri: `file://${service}` }, position: { line: 1, character: 7 } });
  await conn.sendRequest('kubeplan/proxyRules', {});
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  if ((await exited) !== 0) throw new Error('code cache: the language server did not exit cleanly');
  conn.dispose();
}
