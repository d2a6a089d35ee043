import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../core';

/**
 * Quick fixes are computed with the findings, and kept on the server: a diagnostic the client sends
 * back is matched to the finding last published for the document (same code, range and message). A
 * diagnostic of an older version matches nothing and offers no fix. Not carrying the fixes in each
 * diagnostic's `data` keeps every publication of a file smaller (a fix per container adds up).
 */
export function quickFixes(params: CodeActionParams, published: Finding[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'kubeplan') continue;
    const fixes = published.find((f) => sameFinding(f, diagnostic))?.fixes ?? [];
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(fix.disabled ? { disabled: { reason: fix.disabled } } : { isPreferred: fixes.length === 1 }),
        edit: { changes: { [params.textDocument.uri]: fix.edits } },
      });
    }
  }
  return actions;
}

function sameFinding(f: Finding, d: Diagnostic): boolean {
  const a = f.range;
  const b = d.range;
  return f.code === d.code && f.message === d.message && a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
