import type { JsonPath } from '../yaml/nodeAt';

/** An API server rejection: the HTTP status reason and the Status message, as kubectl prints them. */
export interface ApiError {
  status: 'NotFound' | 'Forbidden' | 'Invalid' | 'BadRequest';
  message: string;
  /** The admission plugin or registry step that rejected it. */
  by: string;
  /** The field at fault, when one can be named (for the diagnostic's range). */
  path?: JsonPath;
  /** A pod template's fault the resources checks report on the field already (KP142, KP144). */
  reportedByChecks?: boolean;
  /** An Invalid error's field errors (its StatusDetails causes), which kubectl prints on their own. */
  causes?: string[];
}

/**
 * What `kubectl apply` prints for one object the API server finds Invalid (checkErr in
 * kubectl/pkg/cmd/util/helpers.go): the causes, without the group, one per line when several.
 */
export function kubectlInvalid(kind: string, name: string, causes: string[]): string {
  const head = `The ${kind} "${name}" is invalid: `;
  return causes.length === 1 ? head + causes[0] : `${head}\n${causes.map((c) => `* ${c}`).join('\n')}`;
}

/** The lower-case plural resource of a kind, as in `pods "x" is forbidden`. */
export function resourceOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('s') || lower.endsWith('x') || lower.endsWith('ch')) return `${lower}es`;
  if (lower.endsWith('y') && !/[aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** `deployment.apps/web`: how kubectl names an object in `kubectl apply` output. */
export function kubectlName(apiVersion: string, kind: string, name: string): string {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return `${kind.toLowerCase()}${group ? `.${group}` : ''}/${name}`;
}

/** What `kubectl apply -f FILE` prints for a rejected object. */
export const kubectlError = (file: string, error: ApiError, verb: 'creating' | 'patching' = 'creating'): string => `Error from server (${error.status}): error when ${verb} "${file}": ${error.message}`;
