import { isObj, type Obj } from '../model/obj';
import type { JsonPath } from '../yaml/nodeAt';
import type { FileRole } from './fileRoles';
import { isRemote } from './paths';

/** What a kustomization lists a path for. */
export type KustomizeUse = 'resource' | 'component' | 'patch' | 'config' | 'generatorInput' | 'helmValues';

/** A local path a kustomization lists, relative to its directory. */
export interface KustomizeReference {
  path: string;
  use: KustomizeUse;
  /** Where the entry is in the kustomization. */
  at: JsonPath;
  /** kustomize fails when it is missing (resources, components, bases, patches). */
  required: boolean;
}

/** The role a file gets from being listed (resources and components keep their own). */
export const ROLE_OF_USE: Record<KustomizeUse, FileRole | undefined> = {
  resource: undefined,
  component: undefined,
  patch: 'patch',
  config: 'kustomizeConfig',
  generatorInput: 'kustomizeConfig',
  helmValues: 'helmValues',
};

/**
 * The local paths a kustomization (kustomize's types.Kustomization, decoded) lists. Remote entries
 * (URLs, git repositories) and inline ones (a patch or a plugin config written in place, over
 * several lines) are left out: they name no local file.
 */
export function kustomizeReferences(k: Obj): KustomizeReference[] {
  const out: KustomizeReference[] = [];
  const add = (value: unknown, use: KustomizeUse, at: JsonPath, required: boolean): void => {
    if (typeof value === 'string' && value !== '' && !value.includes('\n') && !isRemote(value)) out.push({ path: value, use, at, required });
  };
  const list = (field: string, use: KustomizeUse, required: boolean): void => {
    const v = k[field];
    if (Array.isArray(v)) v.forEach((entry, i) => add(entry, use, [field, i], required));
  };
  const eachItem = (field: string, visit: (item: Obj, at: JsonPath) => void): void => {
    const v = k[field];
    if (Array.isArray(v)) v.forEach((item, i) => isObj(item) && visit(item, [field, i]));
  };

  list('resources', 'resource', true);
  list('bases', 'resource', true);
  list('components', 'component', true);
  list('patchesStrategicMerge', 'patch', true);
  eachItem('patches', (p, at) => add(p.path, 'patch', [...at, 'path'], true));
  // kustomize before v3 took a list of paths here: the files are patches still (the entries are wrong types).
  list('patches', 'patch', false);
  eachItem('patchesJson6902', (p, at) => add(p.path, 'patch', [...at, 'path'], true));
  for (const field of ['generators', 'transformers', 'validators', 'configurations']) list(field, 'config', false);
  eachItem('replacements', (r, at) => add(r.path, 'config', [...at, 'path'], false));
  for (const generator of ['configMapGenerator', 'secretGenerator']) {
    eachItem(generator, (g, at) => {
      // `files` entries are `[key=]path`.
      if (Array.isArray(g.files)) g.files.forEach((f, i) => add(typeof f === 'string' ? f.slice(f.indexOf('=') + 1) : f, 'generatorInput', [...at, 'files', i], false));
      if (Array.isArray(g.envs)) g.envs.forEach((f, i) => add(f, 'generatorInput', [...at, 'envs', i], false));
      add(g.env, 'generatorInput', [...at, 'env'], false);
    });
  }
  eachItem('helmCharts', (h, at) => {
    add(h.valuesFile, 'helmValues', [...at, 'valuesFile'], false);
    if (Array.isArray(h.additionalValuesFiles)) h.additionalValuesFiles.forEach((f, i) => add(f, 'helmValues', [...at, 'additionalValuesFiles', i], false));
  });
  return out;
}
