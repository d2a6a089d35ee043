import { DOCS_URL, RULES, type Range } from '../../core';
import type { FileFindings } from './fileFindings';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF 2.1.0 for GitHub code scanning: one run, every rule described, 1-based regions. */
export function formatSarif(results: FileFindings[], version: string): string {
  const rules = Object.values(RULES).map((r) => ({
    id: r.code,
    name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: `${r.title}.` },
    helpUri: `${DOCS_URL}#${r.code.toLowerCase()}`,
    defaultConfiguration: { level: LEVEL[r.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      ruleId: f.code,
      ruleIndex: index.get(f.code),
      level: LEVEL[f.severity],
      message: { text: f.message.endsWith('.') ? f.message : `${f.message}.` },
      locations: [{ physicalLocation: physicalLocation(file, f.range) }],
      ...(f.related ? { relatedLocations: f.related.map((r, id) => ({ id, physicalLocation: physicalLocation(r.file, r.range), message: { text: r.message } })) } : {}),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kubeplan', version, semanticVersion: version, informationUri: DOCS_URL, rules } },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function physicalLocation(file: string, range: Range) {
  return {
    artifactLocation: { uri: toUri(file) },
    region: {
      startLine: range.start.line + 1,
      startColumn: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.line === range.start.line && range.end.character <= range.start.character ? range.start.character + 2 : range.end.character + 1,
    },
  };
}

function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
