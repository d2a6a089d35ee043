/** The Kubernetes minors kubeplan targets (gvk-index.json covers 1.23–1.35), newest last. */
export const KUBERNETES_VERSIONS = Array.from({ length: 13 }, (_, i) => `1.${23 + i}`);
export const LATEST_KUBERNETES_VERSION = KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1];
