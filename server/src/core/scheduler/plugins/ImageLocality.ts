import { idiv, MAX_NODE_SCORE, type Plugin } from '../framework';

/**
 * pkg/scheduler/framework/plugins/imagelocality/image_locality.go: favours nodes that already have
 * the pod's images, each weighted by how many nodes share it (to avoid piling onto one node).
 */
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** An image without a tag is pulled as `:latest`; a digest or tag is kept as written. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

interface State {
  /** Normalized image name → share of nodes having it (the spread). */
  images: Array<{ name: string; spread: number }>;
  containers: number;
}

export const ImageLocality: Plugin = {
  name: 'ImageLocality',
  preScore(state) {
    const total = state.snapshot.nodes.length;
    const images = state.pod.images.map(normalizedImageName).map((name) => ({ name, spread: (state.snapshot.imageNumNodes.get(name) ?? 0) / total }));
    const spec = state.pod.spec;
    const containers = (Array.isArray(spec.containers) ? spec.containers.length : 0) + (Array.isArray(spec.initContainers) ? spec.initContainers.length : 0);
    state.data.set('ImageLocality', { images, containers } satisfies State);
    return true;
  },
  score(state, node) {
    const s = state.data.get('ImageLocality') as State;
    let sum = 0;
    for (const { name, spread } of s.images) {
      const size = node.images.get(name);
      if (size !== undefined) sum += Math.trunc(size * spread);
    }
    const max = MAX_CONTAINER_THRESHOLD * s.containers;
    const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
    return max <= MIN_THRESHOLD ? 0 : idiv(MAX_NODE_SCORE * (clamped - MIN_THRESHOLD), max - MIN_THRESHOLD);
  },
};
