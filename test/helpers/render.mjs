/** Findings as one readable line each (1-based positions), the form fixture expectations use. */
export function renderFindings(findings) {
  const pos = (p) => `${p.line + 1}:${p.character + 1}`;
  const lines = [];
  for (const f of findings) {
    lines.push(`${pos(f.range.start)}-${pos(f.range.end)} ${f.severity} ${f.code} ${f.message}`);
    for (const r of f.related ?? []) lines.push(`    related ${r.file}:${pos(r.range.start)}-${pos(r.range.end)} ${r.message}`);
    for (const fix of f.fixes ?? []) {
      const edits = fix.edits.map((e) => `${pos(e.range.start)}-${pos(e.range.end)} ${JSON.stringify(e.newText)}`).join(', ');
      lines.push(`    fix ${JSON.stringify(fix.title)}: ${edits}${fix.disabled ? ` (disabled: ${fix.disabled})` : ""}`);
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}
