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

/** Another place one finding's cause affects (LSP relatedInformation, SARIF relatedLocations). */
export interface RelatedLocation {
  /** The file, named as the workspace names it (a uri in the language server, a path in the CLI). */
  file: string;
  range: Range;
  message: string;
}

/** One finding about a file: what LSP publishes as a diagnostic and the CLI prints. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  /** One finding per cause: the other places the same cause affects. */
  related?: RelatedLocation[];
}
