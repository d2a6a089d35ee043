import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { Fix } from '../core';

/** Quick fixes are computed with the diagnostics; here they only become code actions. */
export function quickFixes(params: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'kubeplan') continue;
    const fixes = (diagnostic.data as { fixes?: Fix[] } | undefined)?.fixes ?? [];
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
