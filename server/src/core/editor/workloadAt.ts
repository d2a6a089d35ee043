import { decodes } from '../yaml/parseChunk';
import type { Node } from 'yaml';
import type { Analyzer } from '../analyzer';
import { objectsOf } from '../model/obj';
import { nodeAt } from '../yaml/nodeAt';
import { workloadOf } from '../resources/workloads';
import { documentAt } from './documentContext';

/**
 * `Kind/namespace/name` of the workload (an object that makes pods) at an offset of a file: the
 * document's object, or the List item the offset is in. Undefined when it is not a workload.
 */
export function workloadAt(analyzer: Analyzer, text: string, offset: number, defaultNamespace = 'default'): string | undefined {
  const ctx = documentAt(analyzer, text, offset);
  if (!decodes(ctx.parsed)) return undefined;
  const objects = objectsOf(ctx.parsed.value);
  const inside = objects.find(({ prefix }) => {
    if (prefix.length === 0) return true;
    const range = (nodeAt(ctx.parsed.doc, prefix).value as Node | undefined)?.range;
    return !!range && range[0] <= ctx.offset && ctx.offset <= range[2];
  });
  const w = inside && workloadOf(inside.object, defaultNamespace);
  return w ? `${w.kind}/${w.namespace}/${w.name}` : undefined;
}
