import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Analyzer } from '../analyzer';
import type { Range } from '../text/lineIndex';
import { parseChunk } from '../yaml/parseChunk';
import type { JsonPath } from '../yaml/nodeAt';
import { documentAt, identify } from './documentContext';
import { SNIPPETS } from './snippets';
import type { FileRole } from '../ecosystem/fileRoles';

export interface CompletionItem {
  label: string;
  kind: 'property' | 'value' | 'snippet' | 'type';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces `range`; LSP snippet syntax when `snippet` is true. */
  insertText: string;
  snippet: boolean;
  range: Range;
  sortText: string;
}

const SENTINEL = '__kubeplan_cursor__';
const WORD_BEFORE = /[\w.\-/]*$/;
const WORD_AFTER = /^[\w.\-/]*/;

/**
 * Completion at an offset: the keys valid at the cursor (required first, present ones left out),
 * enum values, apiVersion/kind pairs served by the target version, snippets for new objects. Works
 * in block and flow style: the word at the cursor is replaced by a marker and the document re-parsed
 * to learn where the cursor is in the object. A kustomization (`role`) completes kustomize's fields.
 */
export function complete(analyzer: Analyzer, text: string, offset: number, kubernetesVersion: string, role: FileRole = 'manifest'): CompletionItem[] {
  return candidates(analyzer, text, offset, kubernetesVersion, role).sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
}

function candidates(analyzer: Analyzer, text: string, offset: number, kubernetesVersion: string, role: FileRole): CompletionItem[] {
  const lines = analyzer.layout(text).lines;
  const pos = lines.position(offset);
  const lineStart = offset - pos.character;
  const lineText = lines.lineText(pos.line);
  const before = lineText.slice(0, pos.character);
  const after = lineText.slice(pos.character);
  const wordStart = offset - WORD_BEFORE.exec(before)![0].length;
  const wordEnd = offset + WORD_AFTER.exec(after)![0].length;
  const range = lines.range(wordStart, wordEnd);
  const head = text.slice(lineStart, wordStart);
  const tail = text.slice(wordEnd, lineStart + lineText.length);

  const keyPosition = /^\s*(-\s+)*$/.test(head) || /[{,]\s*$/.test(head);
  const valuePosition = /:\s+$/.test(head) || /:\s*$/.test(head) && /[{,]/.test(head);
  if (!keyPosition && !valuePosition) return [];

  const ctx = documentAt(analyzer, text, offset, role);
  const local = (o: number) => o - ctx.chunk.start;
  const marker = keyPosition && !tail.trimStart().startsWith(':') ? `${SENTINEL}: 0` : SENTINEL;
  const probeText = ctx.chunk.text.slice(0, local(wordStart)) + marker + ctx.chunk.text.slice(local(wordEnd));
  const probe = parseChunk(probeText);
  const found = findSentinel(probe.doc.contents as Node);
  const identity = identify(analyzer, probe.value, role);

  if (keyPosition) {
    if (!found || !found.onKey) return [];
    const parentPath = found.path.slice(0, -1);
    if (parentPath.length === 0 && !identity.root) return [...typeItems(analyzer, kubernetesVersion, range), ...snippetItems(range, found.siblings.length === 0)];
    if (!identity.root) return [];
    const present = new Set(found.siblings);
    return analyzer.fields
      .properties(identity.root, parentPath)
      .filter((p) => !present.has(p.name))
      .map((p) => ({
        label: p.name,
        kind: 'property' as const,
        detail: p.type + (p.required ? ' (required)' : ''),
        documentation: p.description,
        insertText: marker === SENTINEL ? p.name : `${p.name}: `,
        snippet: false,
        range,
        sortText: `${p.required ? '0' : '1'}${p.name}`,
      }));
  }

  if (!found || found.onKey) return [];
  const path = found.path;
  // The served Kubernetes kinds, not kustomize's (its schema's enum lists those).
  if (!identity.kustomization && path.length === 1 && path[0] === 'apiVersion') return apiVersionItems(analyzer, kubernetesVersion, identity.kind, range);
  if (!identity.kustomization && path.length === 1 && path[0] === 'kind') return kindItems(analyzer, kubernetesVersion, identity.apiVersion, range);
  if (!identity.root) return [];
  const field = analyzer.fields.field(identity.root, path);
  const values = field?.enum ?? (field?.type === 'boolean' ? [true, false] : []);
  return values.map((v, i) => ({
    label: String(v),
    kind: 'value' as const,
    detail: field!.type,
    insertText: String(v),
    snippet: false,
    range,
    sortText: String(i).padStart(3, '0'),
  }));
}

interface SentinelHit {
  path: JsonPath;
  onKey: boolean;
  /** Keys beside the marker, when it is a key. */
  siblings: string[];
}

function findSentinel(root: Node | null): SentinelHit | undefined {
  const stack: Array<[unknown, JsonPath]> = [[root, []]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (isMap(node)) {
      const pairs = (node.items as Pair[]).filter(isPair);
      for (const pair of pairs) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (key === SENTINEL) {
          const siblings = pairs.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter((k) => k !== SENTINEL);
          return { path: [...path, key], onKey: true, siblings };
        }
        stack.push([pair.value, [...path, key]]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push([item, [...path, i]]));
    } else if (isScalar(node) && node.value === SENTINEL) {
      return { path, onKey: false, siblings: [] };
    }
  }
  return undefined;
}

function typeItems(analyzer: Analyzer, target: string, range: Range): CompletionItem[] {
  const kinds = analyzer.lifecycle.kindsServedBy(target);
  return kinds.map((k) => ({
    label: `${k.apiVersion} ${k.kind}`,
    kind: 'type' as const,
    detail: `apiVersion and kind (Kubernetes ${target})`,
    insertText: `apiVersion: ${k.apiVersion}\nkind: ${k.kind}\n`,
    snippet: false,
    range,
    sortText: `2${k.kind}/${k.apiVersion}`,
  }));
}

function snippetItems(range: Range, emptyDocument: boolean): CompletionItem[] {
  return SNIPPETS.map((s, i) => ({
    label: `${s.label} (new object)`,
    kind: 'snippet' as const,
    detail: s.description,
    documentation: '```yaml\n' + s.body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1') + '```',
    insertText: s.body,
    snippet: true,
    range,
    sortText: `${emptyDocument ? '0' : '3'}${i}`,
  }));
}

function apiVersionItems(analyzer: Analyzer, target: string, kind: string | undefined, range: Range): CompletionItem[] {
  const served = analyzer.lifecycle.kindsServedBy(target).filter((k) => !kind || k.kind === kind);
  const versions = [...new Set(served.map((k) => k.apiVersion))].sort();
  return versions.map((v, i) => ({ label: v, kind: 'value' as const, detail: kind ? `serves ${kind}` : 'apiVersion', insertText: v, snippet: false, range, sortText: String(i).padStart(3, '0') }));
}

function kindItems(analyzer: Analyzer, target: string, apiVersion: string | undefined, range: Range): CompletionItem[] {
  const served = analyzer.lifecycle.kindsServedBy(target).filter((k) => !apiVersion || k.apiVersion === apiVersion);
  const kinds = [...new Set(served.map((k) => k.kind))].sort();
  return kinds.map((k, i) => ({ label: k, kind: 'value' as const, detail: apiVersion ?? 'kind', insertText: k, snippet: false, range, sortText: String(i).padStart(3, '0') }));
}
