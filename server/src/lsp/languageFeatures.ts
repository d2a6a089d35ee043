import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type DocumentSymbol,
  type Hover,
} from 'vscode-languageserver';
import type { CompletionItem as CoreCompletion, DocumentSymbol as CoreSymbol, Hover as CoreHover } from '../core';

const KIND = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  type: CompletionItemKind.Class,
} as const;

export function toHover(h: CoreHover): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: h.range };
}

export function toCompletionItem(c: CoreCompletion): CompletionItem {
  const item: CompletionItem = {
    label: c.label,
    kind: KIND[c.kind],
    sortText: c.sortText,
    filterText: c.kind === 'snippet' ? c.label.split(' ')[0] : c.label,
    textEdit: { range: c.range, newText: c.insertText },
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.detail) item.detail = c.detail;
  if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
  return item;
}

export function toDocumentSymbol(s: CoreSymbol): DocumentSymbol {
  return { name: s.name, detail: s.detail, kind: SymbolKind.Class, range: s.range, selectionRange: s.selectionRange };
}
