import type { Range } from './text/lineIndex';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A quick fix the editor can offer: replace `range` with `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Why the fix is not offered as is (shown greyed out with this reason). */
  disabled?: string;
}

/** One finding about a file: what LSP publishes as a diagnostic and the CLI prints. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
}
