import type { Analyzer } from '../analyzer';
import type { JsonPath } from '../yaml/nodeAt';
import type { Range } from '../text/lineIndex';
import { DocSpans } from '../yaml/spans';
import { isKubernetesObject, objectsOf, type Obj } from '../model/obj';

/** A file of the workspace (or a cluster file) as the simulator reads it. */
export interface ManifestFile {
  file: string;
  text: string;
}

/** One object of a manifest, with where it was written: every event and diagnostic points back here. */
export interface Manifest {
  object: Obj & { apiVersion: string; kind: string };
  file: string;
  /** The range of its `kind` value: where a whole-object finding goes. */
  range: Range;
  /** The range of a path of the object (its value if scalar, else its key), for precise findings. */
  locate(path: JsonPath): Range;
}

/**
 * The Kubernetes objects of files, in file then document order (List items flattened), using the
 * analyzer's per-document parse cache: re-simulating after an edit re-parses only the edited document.
 * Documents with YAML errors are left out (their errors are reported by the checks).
 */
export function manifestsOf(analyzer: Analyzer, files: ManifestFile[]): Manifest[] {
  const out: Manifest[] = [];
  for (const { file, text } of files) {
    const { chunks, lines } = analyzer.layout(text);
    for (const chunk of chunks) {
      if (!/kind\s*:/.test(chunk.text)) continue;
      const parsed = analyzer.parse(chunk.text);
      if (parsed.problems.length) continue;
      let spans: DocSpans | undefined;
      for (const { object, prefix } of objectsOf(parsed.value)) {
        if (!isKubernetesObject(object)) continue;
        const locate = (path: JsonPath): Range => {
          spans ??= new DocSpans(parsed.doc, chunk.text);
          const [start, end] = spans.value([...prefix, ...path]);
          return lines.range(chunk.start + start, chunk.start + end);
        };
        out.push({ object, file, range: locate(['kind']), locate });
      }
    }
  }
  return out;
}
