/** The Kubernetes minors kubeplan targets (gvk-index.json covers 1.23–1.35), newest last. */
export const KUBERNETES_VERSIONS = Array.from({ length: 13 }, (_, i) => `1.${23 + i}`);
export const LATEST_KUBERNETES_VERSION = KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1];

const minors = new Map<string, number>();
/**
 * `1.33` → 33: the minor of a target version, which decides what the API server, CEL and the
 * scheduler do; asked in hot loops (per pod, per schema node), so remembered. An unreadable version
 * is the latest.
 */
export function minorOf(version: string): number {
  let m = minors.get(version);
  if (m === undefined) minors.set(version, (m = Number(version.split('.')[1]) || Number(LATEST_KUBERNETES_VERSION.split('.')[1])));
  return m;
}
