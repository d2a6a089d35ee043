import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { DOCS_URL, type Finding } from '../core';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

/** The core reuses a document's findings while it does not move: so can the diagnostics. */
const converted = new WeakMap<Finding, Diagnostic>();

/** A core finding as an LSP diagnostic; its quick fixes travel in `data` for codeAction requests. */
export function toDiagnostic(f: Finding): Diagnostic {
  let d = converted.get(f);
  if (!d) {
    d = convert(f);
    converted.set(f, d);
  }
  return d;
}

function convert(f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: `${DOCS_URL}#${f.code.toLowerCase()}` },
    source: 'kubeplan',
    message: f.message,
  };
  if (f.fixes) d.data = { fixes: f.fixes };
  return d;
}
