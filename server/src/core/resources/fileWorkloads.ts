import type { Analyzer } from '../analyzer';
import type { Range } from '../text/lineIndex';
import { DocSpans } from '../yaml/spans';
import { workloadOf } from './workloads';
import { workloadResources, type WorkloadResources } from './workloadResources';

type Obj = Record<string, unknown>;

/** A workload found in a file, where its kind is, and what its pods need. */
export interface FileWorkload {
  resources: WorkloadResources;
  /** The `kind` value: where the lens goes. */
  kindRange: Range;
}

/** Every workload of a file (documents and List items), with its computed resources. */
export function fileWorkloads(analyzer: Analyzer, text: string, defaultNamespace = 'default'): FileWorkload[] {
  const { chunks, lines } = analyzer.layout(text);
  const found: FileWorkload[] = [];
  for (const chunk of chunks) {
    const parsed = analyzer.parse(chunk.text);
    const value = parsed.value as Obj | undefined;
    if (!value || typeof value !== 'object' || parsed.problems.length) continue;
    const objects: Array<[unknown, Array<string | number>]> =
      typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items) ? value.items.map((item, i) => [item, ['items', i]]) : [[value, []]];
    for (const [object, prefix] of objects) {
      const o = object as Obj | undefined;
      if (!o || typeof o.apiVersion !== 'string' || !analyzer.catalog.kind(o.apiVersion, String(o.kind))) continue;
      const workload = workloadOf(o, defaultNamespace);
      if (!workload) continue;
      const span = new DocSpans(parsed.doc, chunk.text).value([...prefix, 'kind']);
      found.push({ resources: workloadResources(workload, analyzer.policies), kindRange: lines.range(chunk.start + span[0], chunk.start + span[1]) });
    }
  }
  return found;
}
