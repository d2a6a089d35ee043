/**
 * Paths of workspace files, as the ecosystem's tools resolve them. A workspace names a file by a
 * `file:` URI (the language server) or by a path (the CLI); its *path* here is the URI's decoded path
 * or the path itself, with `/` separators. kustomize resolves the paths a kustomization lists against
 * the kustomization's directory.
 */

/** A workspace file name's path: the decoded path of a `file:` URI, else the name with `/` separators. */
export function pathOf(file: string): string {
  if (!file.startsWith('file:')) return file.replace(/\\/g, '/');
  const path = file.replace(/^file:\/\/[^/]*/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '.' : i === 0 ? '/' : path.slice(0, i);
}

export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `relative` resolved against `dir` (`.` and `..` removed; an absolute `relative` stands alone). */
export function resolvePath(dir: string, relative: string): string {
  const rel = relative.replace(/\\/g, '/');
  const joined = rel.startsWith('/') ? rel : `${dir}/${rel}`;
  const absolute = joined.startsWith('/');
  const out: string[] = [];
  for (const segment of joined.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (segment !== '..' || !absolute) out.push(segment);
  }
  const path = out.join('/');
  return absolute ? `/${path}` : path || '.';
}

/**
 * A remote resource kustomize fetches (a URL, a git repository), not a local path: kubeplan does not
 * check that it exists.
 */
export function isRemote(entry: string): boolean {
  return entry.includes('://') || entry.startsWith('github.com/') || entry.includes('?ref=') || entry.startsWith('git@') || entry.startsWith('git::');
}
