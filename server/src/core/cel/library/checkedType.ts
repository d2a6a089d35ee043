/**
 * cel-js's checked types (its TypeDeclaration) as the macros see them, and cel-go's text for a
 * type in "found no matching overload for '…' applied to '(…)'" (list(int), map(string, int)).
 */
export interface CheckedType {
  kind: string;
  name: string;
  keyType?: CheckedType;
  valueType?: CheckedType;
  /** A type parameter (`T` of an empty list literal's list(T)), bound by whatever it meets. */
  hasPlaceholderType?: boolean;
}

export function goTypeText(t: CheckedType): string {
  if (t.kind === 'list') return `list(${goTypeText(t.valueType!)})`;
  if (t.kind === 'map') return `map(${goTypeText(t.keyType!)}, ${goTypeText(t.valueType!)})`;
  if (t.kind === 'dyn') return 'dyn';
  if (t.kind === 'optional') return `optional_type(${goTypeText(t.valueType!)})`;
  return t.name === 'null' ? 'null_type' : t.name;
}
