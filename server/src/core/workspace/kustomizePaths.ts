import { RULES } from '../rules';
import { isObj } from '../model/obj';
import { decodes } from '../yaml/parseChunk';
import { DocSpans } from '../yaml/spans';
import { formatPath } from '../model/paths';
import type { Analyzer } from '../analyzer';
import type { SimulationFinding } from '../cluster/findings/types';
import { kustomizeReferences, type KustomizeReference } from '../ecosystem/kustomizeReferences';
import { dirOf, pathOf, resolvePath } from '../ecosystem/paths';
import type { EcosystemIndex } from './ecosystemIndex';

/**
 * KP201: the paths a kustomization lists that kustomize could not read — a resource, component or
 * base that is neither a file nor a directory with a kustomization, a patch that is no file. Each at
 * its list entry. `file` is the kustomization's workspace name, `name` how findings name it. A
 * kustomization in a Helm chart's folder post-renders the chart (`helm template … > all.yaml`, then
 * kustomize, as Argo CD's kustomized-helm): its resources are the rendered output, not in the repository.
 */
export function kustomizePathFindings(analyzer: Analyzer, file: string, name: string, text: string, index: EcosystemIndex): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  const dir = dirOf(pathOf(file));
  const rendersChart = index.isChart(dir);
  const { chunks, lines } = analyzer.layout(text);
  for (const chunk of chunks) {
    const parsed = analyzer.parse(chunk.text);
    if (!decodes(parsed) || !isObj(parsed.value)) continue;
    let spans: DocSpans | undefined;
    for (const ref of kustomizeReferences(parsed.value)) {
      if (!ref.required || (rendersChart && ref.use === 'resource')) continue;
      const problem = pathProblem(ref, resolvePath(dir, ref.path), index);
      if (!problem) continue;
      spans ??= new DocSpans(parsed.doc, chunk.text);
      const [start, end] = spans.value(ref.at);
      const range = lines.range(chunk.start + start, chunk.start + end);
      out.push({ file: name, range, code: RULES.kustomizePathNotFound.code, severity: RULES.kustomizePathNotFound.severity, message: `${formatPath(ref.at)}: ${problem}` });
    }
  }
  // In the file's order (references come field by field).
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** What kustomize would say of a listed path, if it could not read it. */
function pathProblem(ref: KustomizeReference, target: string, index: EcosystemIndex): string | undefined {
  const kind = index.kind(target);
  const listed = JSON.stringify(ref.path);
  if (ref.use === 'patch') {
    if (kind === 'file') return undefined;
    return kind === 'directory' ? `${listed} is a directory: a patch is a file` : `${listed} not found: no file ${target}`;
  }
  if (kind === 'file') return undefined;
  if (kind === 'directory') return index.hasKustomization(target) ? undefined : `${listed} is a directory without a kustomization.yaml: kustomize reads a directory through its kustomization`;
  return `${listed} not found: no file or directory ${target}`;
}
