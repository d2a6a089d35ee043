/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource/quantity.go).
 * This file checks the serialization grammar with upstream's error strings; arithmetic comes later.
 */
export const ErrFormatWrong =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ErrSuffix = "unable to parse quantity's suffix";

const NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)/;
const SUFFIX_CHARS = /^[eEinumkKMGTP]*[-+]?[0-9]*$/;
const SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
const EXPONENT = /^[eE][+-]?[0-9]+$/;

/** Returns undefined when `text` is a valid quantity, else upstream's error message. */
export function quantityError(text: string): string | undefined {
  const number = NUMBER.exec(text);
  if (!number) return ErrFormatWrong;
  const suffix = text.slice(number[0].length);
  if (SUFFIXES.has(suffix) || EXPONENT.test(suffix)) return undefined;
  return SUFFIX_CHARS.test(suffix) ? ErrSuffix : ErrFormatWrong;
}
