/**
 * A capability as the runtime reads it: containerd and CRI-O accept `SYS_ADMIN`, `CAP_SYS_ADMIN` and
 * any case, so names are compared without the prefix, upper-cased.
 */
export const capabilityName = (c: unknown): string => (typeof c === 'string' ? c.toUpperCase().replace(/^CAP_/, '') : '');

/** The names in a securityContext's `capabilities.add` or `.drop`. */
export function capabilityList(capabilities: unknown, which: 'add' | 'drop'): string[] {
  const list = capabilities && typeof capabilities === 'object' ? (capabilities as Record<string, unknown>)[which] : undefined;
  return Array.isArray(list) ? list.map(capabilityName) : [];
}
