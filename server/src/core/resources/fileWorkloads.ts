import type { Analyzer } from '../analyzer';
import type { Range } from '../text/lineIndex';
import { DocSpans } from '../yaml/spans';
import { workloadOf } from './workloads';
import { isKubernetesObject, objectsOf } from '../model/obj';
import { workloadResources, type WorkloadResources } from './workloadResources';


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
    if (parsed.problems.length) continue;
    const spans = new DocSpans(parsed.doc, chunk.text);
    for (const { object, prefix } of objectsOf(parsed.value)) {
      if (!isKubernetesObject(object) || !analyzer.catalog.kind(object.apiVersion, object.kind)) continue;
      const workload = workloadOf(object, defaultNamespace);
      if (!workload) continue;
      const span = spans.value([...prefix, 'kind']);
      found.push({ resources: workloadResources(workload, analyzer.policies), kindRange: lines.range(chunk.start + span[0], chunk.start + span[1]) });
    }
  }
  return found;
}
