import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { DOCS_URL, type Finding } from '../core';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

/** Related locations shown per diagnostic. */
export const MAX_RELATED = 50;

/** The core reuses a document's findings while it does not move: so can the diagnostics. */
const converted = new WeakMap<Finding, Diagnostic>();

/** A core finding as an LSP diagnostic (its quick fixes stay on the server: lsp/codeActions). */
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
  // One finding per cause: the other places it affects (the workspace names files by uri), the first
  // MAX_RELATED of them: a list of hundreds helps nobody and weighs on every publication of the file.
  if (f.related) {
    const shown = f.related.slice(0, MAX_RELATED).map((r) => ({ location: { uri: r.file, range: r.range }, message: r.message }));
    const more = f.related.length - shown.length;
    if (more > 0) shown[shown.length - 1] = { ...shown[shown.length - 1], message: `${shown[shown.length - 1].message} (and ${more} more)` };
    d.relatedInformation = shown;
  }
  return d;
}
