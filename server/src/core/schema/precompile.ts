import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { _ } from 'ajv/dist/compile/codegen';
import type { SchemaCatalog } from './catalog';
import { AJV_OPTIONS, convertedDefinitions, DEFINITIONS_ID } from './validator';
import { AJV_FORMATS } from './formats';

/**
 * JavaScript source of validators for every built-in kind, compiled ahead of time (scripts/build.mjs
 * bundles it into dist/validators.js): the first Deployment of a session then costs a module load
 * (~60 ms) instead of an ajv compile (~300 ms). `formatsModule` is the path the source requires for
 * the formats (formats.ts).
 */
export function precompiledSource(catalog: SchemaCatalog, formatsModule: string): string {
  const ajv = new Ajv({
    ...AJV_OPTIONS,
    code: { source: true, optimize: false, formats: _`require(${formatsModule}).AJV_FORMATS` },
  });
  for (const [name, f] of Object.entries(AJV_FORMATS)) ajv.addFormat(name, f);
  ajv.addSchema({ $id: DEFINITIONS_ID, definitions: convertedDefinitions(catalog) });
  const refs: Record<string, string> = {};
  for (const k of catalog.kinds()) refs[k.definition] = `${DEFINITIONS_ID}#/definitions/${k.definition}`;
  return standaloneCode(ajv, refs);
}
