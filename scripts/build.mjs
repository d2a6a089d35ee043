#!/usr/bin/env node
// Type-checks the whole project, then bundles the three entry points with esbuild:
//   dist/extension.js (VS Code client), dist/server.js (language server, `--stdio`), dist/cli.js (kubeplan).
// `--no-check` skips the type check (used by the watch loop of a developer in a hurry, never by CI).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
if (!process.argv.includes('--no-check')) {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { stdio: 'inherit' });
}
rmSync('dist', { recursive: true, force: true });
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'linked', logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/core/index.ts'], outfile: 'dist/core.js' }),
]);
chmodSync('dist/cli.js', 0o755);
