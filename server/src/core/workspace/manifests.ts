import { decodes } from '../yaml/parseChunk';
import type { Analyzer } from '../analyzer';
import type { Finding } from '../finding';
import { RULES } from '../rules';
import type { JsonPath } from '../yaml/nodeAt';
import type { Range } from '../text/lineIndex';
import { DocSpans } from '../yaml/spans';
import { isKubernetesObject, objectsOf } from '../model/obj';
import type { Manifest, ManifestFile } from '../cluster/manifests';

/** A `kind` key somewhere, quoted or not (`"kind": …` in JSON and in YAML): a document worth reading as objects (cheap text test). */
export const KIND_KEY = /kind["']?\s*:/;

/** Errors that are not the API server's validation: admission outcomes the simulation replays itself. */
const ADMISSION_CODES = new Set([RULES.limitRangeViolation.code, RULES.quotaExceeded.code, RULES.quotaMustSpecify.code]);

/**
 * The Kubernetes objects of files, in file then document order (List items flattened), using the
 * analyzer's per-document parse cache: re-simulating after an edit re-parses only the edited document.
 * Documents with YAML errors are left out (their errors are reported by the checks). With
 * `findingsOf`, each object carries the first validation error of its document (the API server
 * refuses it). A file that kubeplan fails on is left out (`onError`); the others are read.
 */
export function manifestsOf(analyzer: Analyzer, files: ManifestFile[], findingsOf?: (file: ManifestFile) => Finding[], onError?: (file: string, error: unknown) => void): Manifest[] {
  const out: Manifest[] = [];
  for (const file of files) {
    const before = out.length;
    try {
      manifestsOfFile(analyzer, file, findingsOf?.(file) ?? [], out);
    } catch (e) {
      out.length = before;
      onError?.(file.file, e);
    }
  }
  return out;
}

function manifestsOfFile(analyzer: Analyzer, { file, text }: ManifestFile, findings: Finding[], out: Manifest[]): void {
  const { chunks, lines } = analyzer.layout(text);
  // The first error of each document, by document (findings come in document order).
  const errors = findings.filter((f) => f.severity === 'error' && !ADMISSION_CODES.has(f.code)).map((f) => ({ f, at: lines.offset(f.range.start) }));
  errors.sort((a, b) => a.at - b.at);
  let e = 0;
  for (const chunk of chunks) {
    const end = chunk.start + chunk.text.length;
    while (e < errors.length && errors[e].at < chunk.start) e++;
    const invalid = e < errors.length && errors[e].at < end ? errors[e].f : undefined;
    if (!KIND_KEY.test(chunk.text)) continue;
    const parsed = analyzer.parse(chunk.text);
    if (!decodes(parsed)) continue;
    let spans: DocSpans | undefined;
    for (const { object, prefix } of objectsOf(parsed.value)) {
      if (!isKubernetesObject(object)) continue;
      const locate = (path: JsonPath): Range => {
        spans ??= new DocSpans(parsed.doc, chunk.text);
        const [start, end] = spans.value([...prefix, ...path]);
        return lines.range(chunk.start + start, chunk.start + end);
      };
      out.push({ object, file, range: locate(['kind']), locate, ...(invalid ? { invalid } : {}) });
    }
  }
}
