/**
 * An image reference split by docker/distribution's grammar: the repository, and the tag after the
 * last `:` of the last path component (`registry:5000/app` has none). `digest` when pinned by one
 * (`@sha256:…`): the runtime then pulls that digest, whatever the tag says.
 */
export function parseImage(image: string): { repository: string; tag: string | undefined; digest: boolean } {
  const at = image.indexOf('@');
  const named = at === -1 ? image : image.slice(0, at);
  const slash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const tagged = colon > slash;
  return { repository: tagged ? named.slice(0, colon) : named, tag: tagged ? named.slice(colon + 1) : undefined, digest: at !== -1 };
}

/**
 * Characters an image reference can hold. Anything else (`<YOUR-IMAGE>`, `${IMAGE}`, `$(TAG)`) is a
 * placeholder that a person or a pipeline (envsubst, a Makefile) replaces: not a reference.
 */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/;

/**
 * KP170: why an image is not pinned — no tag (the runtime pulls `:latest`) or the tag `latest` —
 * or undefined. Which build runs then depends on when each node pulled it: replicas can differ,
 * and a rollback brings back nothing old.
 */
export function unpinnedImage(image: string): string | undefined {
  if (!REFERENCE.test(image)) return undefined;
  const { repository, tag, digest } = parseImage(image);
  if (digest || (tag !== undefined && tag !== 'latest')) return undefined;
  const what = tag === undefined ? `has no tag, so the runtime pulls ${repository}:latest` : 'is tagged latest';
  return `image "${image}" ${what}: which build runs depends on when each node pulled it, so replicas can differ and a rollback restores nothing; pin a version tag or a digest`;
}
