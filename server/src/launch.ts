/**
 * dist/cli.js and dist/server.js: each starts its bundle (dist/cli.bundle.js, dist/server.bundle.js,
 * named by scripts/build.mjs) from V8's code cache (codeCache.ts).
 */
import { join } from 'node:path';
import { loadCached } from './codeCache';

declare const KUBEPLAN_BUNDLE: string;

loadCached(join(__dirname, KUBEPLAN_BUNDLE));
