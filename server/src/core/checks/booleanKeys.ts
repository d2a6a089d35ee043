import { isPair, isScalar, Scalar, visit, type Document } from 'yaml';
import { RULES } from '../rules';
import { docFinding, type DocFinding } from '../model/docFinding';

/** A line whose key is a YAML 1.1 boolean word (`on:`, `- n:`): the cheap test before walking the tree. */
const BOOLEAN_KEY_LINE = /^[ \t]*(?:-[ \t]+)*(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)[ \t]*:/m;

/**
 * Keys like `on:` or `n:` are booleans in YAML 1.1; sigs.k8s.io/yaml then turns them into the strings
 * "true"/"false", so `on: x` in a ConfigMap silently becomes the key "true".
 */
export function booleanKeys(doc: Document, text: string): DocFinding[] {
  if (!BOOLEAN_KEY_LINE.test(text)) return [];
  const findings: DocFinding[] = [];
  visit(doc, {
    Pair(_k, pair) {
      const key = isPair(pair) ? pair.key : undefined;
      if (isScalar(key) && key.type === Scalar.PLAIN && typeof key.value === 'boolean' && key.range && key.source && !/^(true|false)$/i.test(key.source)) {
        const span: [number, number] = [key.range[0], key.range[1]];
        findings.push(
          docFinding(RULES.booleanKey, `key ${key.source} is a YAML 1.1 boolean: Kubernetes reads it as the key "${String(key.value)}"; quote it: "${key.source}"`, span, [
            { title: `Quote ${key.source}`, edits: [{ start: span[0], end: span[1], newText: JSON.stringify(key.source) }] },
          ]),
        );
      }
    },
  });
  return findings;
}
