import type { Analyzer } from '../analyzer';
import type { Range } from '../text/lineIndex';
import { DocSpans } from '../yaml/spans';
import { isKubernetesObject, objectsOf, type Obj } from '../model/obj';

export interface DocumentSymbol {
  /** `Kind namespace/name`, or `Kind name` without a namespace. */
  name: string;
  /** apiVersion. */
  detail: string;
  range: Range;
  selectionRange: Range;
}


/** The outline: one entry per Kubernetes document (and per item of a List). */
export function documentSymbols(analyzer: Analyzer, text: string): DocumentSymbol[] {
  const { lines, chunks } = analyzer.layout(text);
  const symbols: DocumentSymbol[] = [];
  for (const chunk of chunks) {
    const parsed = analyzer.parse(chunk.text);
    const value = parsed.value as Obj | undefined;
    if (!value || typeof value !== 'object') continue;
    const spans = new DocSpans(parsed.doc, chunk.text);
    for (const { object: obj, prefix } of objectsOf(value)) {
      if (!isKubernetesObject(obj)) continue;
      const meta = (obj.metadata ?? {}) as Obj;
      const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? `${meta.generateName}…` : '(no name)';
      const ns = typeof meta.namespace === 'string' ? `${meta.namespace}/` : '';
      const content = chunk.text.replace(/\s+$/, '');
      const whole: [number, number] = prefix.length ? spans.key(prefix) : [content.startsWith('---') ? content.indexOf('\n') + 1 : 0, content.length];
      const select = spans.value([...prefix, 'kind']);
      symbols.push({
        name: `${obj.kind} ${ns}${name}`,
        detail: obj.apiVersion,
        range: lines.range(chunk.start + Math.min(whole[0], select[0]), chunk.start + Math.max(whole[1], select[1])),
        selectionRange: lines.range(chunk.start + select[0], chunk.start + select[1]),
      });
    }
  }
  return symbols;
}
