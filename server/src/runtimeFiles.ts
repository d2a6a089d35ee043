import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { PrecompiledValidators } from './core';

/** Files beside the bundles in dist/: the schemas (../schemas) and the precompiled validators. */
export const schemasDir = process.env.KUBEPLAN_SCHEMAS ?? join(__dirname, '..', 'schemas');

/** dist/validators.js, built by scripts/build.mjs; absent when running from sources. */
export function loadPrecompiledValidators(): PrecompiledValidators | undefined {
  try {
    return createRequire(__filename)(join(__dirname, 'validators.js')) as PrecompiledValidators;
  } catch {
    return undefined;
  }
}
