import { isAnalysable, type Analyzer, type AnalysisSettings } from '../analyzer';
import type { Finding } from '../finding';
import { RULES } from '../rules';
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
  /** The first error the checks report in its document: the API server refuses the object. */
  invalid?: Finding;
}

/** Errors that are not the API server's validation: admission outcomes the simulation replays itself. */
const ADMISSION_CODES = new Set([RULES.limitRangeViolation.code, RULES.quotaExceeded.code, RULES.quotaMustSpecify.code]);

/**
 * The Kubernetes objects of files, in file then document order (List items flattened), using the
 * analyzer's per-document parse cache: re-simulating after an edit re-parses only the edited document.
 * Documents with YAML errors are left out (their errors are reported by the checks). With `settings`,
 * each object carries the first validation error of its document (the checks' findings, cached per
 * document), and files over the size limit are left out.
 */
export function manifestsOf(analyzer: Analyzer, files: ManifestFile[], settings?: AnalysisSettings, onError?: (file: string, error: unknown) => void): Manifest[] {
  const out: Manifest[] = [];
  for (const file of files) {
    const before = out.length;
    try {
      manifestsOfFile(analyzer, file, settings, out);
    } catch (e) {
      // One file that kubeplan fails on is left out of the simulation; the others are simulated.
      out.length = before;
      onError?.(file.file, e);
    }
  }
  return out;
}

function manifestsOfFile(analyzer: Analyzer, { file, text }: ManifestFile, settings: AnalysisSettings | undefined, out: Manifest[]): void {
  if (settings && !isAnalysable(text, settings)) return;
  const { chunks, lines } = analyzer.layout(text);
  // The first error of each document, by document (findings come in document order).
  const errors = settings ? analyzer.analyzeFile(text, settings).filter((f) => f.severity === 'error' && !ADMISSION_CODES.has(f.code)).map((f) => ({ f, at: lines.offset(f.range.start) })) : [];
  errors.sort((a, b) => a.at - b.at);
  let e = 0;
  for (const chunk of chunks) {
    const end = chunk.start + chunk.text.length;
    while (e < errors.length && errors[e].at < chunk.start) e++;
    const invalid = e < errors.length && errors[e].at < end ? errors[e].f : undefined;
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
      out.push({ object, file, range: locate(['kind']), locate, ...(invalid ? { invalid } : {}) });
    }
  }
}
