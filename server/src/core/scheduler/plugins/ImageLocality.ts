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

export const ImageLocality: Plugin = {
  name: 'ImageLocality',
  score(state, node) {
    const total = state.snapshot.nodes.length;
    let sum = 0;
    for (const image of state.pod.images) {
      const name = normalizedImageName(image);
      const size = node.images.get(name);
      if (size === undefined) continue;
      sum += Math.trunc(size * ((state.snapshot.imageNumNodes.get(name) ?? 0) / total));
    }
    const spec = state.pod.spec;
    const containers = (Array.isArray(spec.containers) ? spec.containers.length : 0) + (Array.isArray(spec.initContainers) ? spec.initContainers.length : 0);
    const max = MAX_CONTAINER_THRESHOLD * containers;
    const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
    return max <= MIN_THRESHOLD ? 0 : idiv(MAX_NODE_SCORE * (clamped - MIN_THRESHOLD), max - MIN_THRESHOLD);
  },
};
