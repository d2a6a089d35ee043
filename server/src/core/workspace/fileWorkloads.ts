import { decodes } from '../yaml/parseChunk';
import type { Analyzer } from '../analyzer';
import type { Range } from '../text/lineIndex';
import { DocSpans } from '../yaml/spans';
import { workloadOf } from '../resources/workloads';
import { isKubernetesObject, objectsOf } from '../model/obj';
import { workloadResources, type WorkloadResources } from '../resources/workloadResources';


/** A workload found in a file, where its kind is, and what its pods need. */
export interface FileWorkload {
  resources: WorkloadResources;
  /** The `kind` value: where the lens goes. */
  kindRange: Range;
}

/** A document's workloads with their kind spans relative to the document: what is cached. */
interface DocumentWorkloads {
  key: string;
  workloads: Array<{ resources: WorkloadResources; kindSpan: [number, number] }>;
}

/**
 * Every workload of a file (documents and List items), with its computed resources. Cached per
 * document text and namespace policies, so a lens request after a keystroke recomputes one document.
 */
export function fileWorkloads(analyzer: Analyzer, text: string, defaultNamespace = 'default', kubernetesVersion?: string): FileWorkload[] {
  const { chunks, lines } = analyzer.layout(text);
  const found: FileWorkload[] = [];
  for (const chunk of chunks) {
    const parsed = analyzer.parse(chunk.text);
    if (!decodes(parsed)) continue;
    const objects = objectsOf(parsed.value).filter(({ object }) => isKubernetesObject(object) && analyzer.catalog.kind(object.apiVersion, object.kind));
    const workloads = objects.map(({ object, prefix }) => ({ workload: workloadOf(object, defaultNamespace), prefix })).filter((w) => w.workload);
    if (workloads.length === 0) continue;
    const key = `${defaultNamespace}|${kubernetesVersion}|${workloads.map((w) => analyzer.policies.fingerprint(w.workload!.namespace)).join(',')}`;
    const document = analyzer.document(chunk.text);
    let entry = document.derived.get('workloads') as DocumentWorkloads | undefined;
    if (entry?.key !== key) {
      const spans = new DocSpans(parsed.doc, chunk.text);
      entry = { key, workloads: workloads.map(({ workload, prefix }) => ({ resources: workloadResources(workload!, analyzer.policies, kubernetesVersion), kindSpan: spans.value([...prefix, 'kind']) })) };
      document.derived.set('workloads', entry);
    }
    for (const w of entry.workloads) found.push({ resources: w.resources, kindRange: lines.range(chunk.start + w.kindSpan[0], chunk.start + w.kindSpan[1]) });
  }
  return found;
}
