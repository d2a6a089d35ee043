// YAML the tests share. Each builder writes the text the tests spelled out before, so the positions
// they assert (ranges of diagnostics, lenses, hovers) are positions in this text.

/**
 * A Deployment `name`, its selector and pod labels `app: <name>`, with `replicas`; `podSpec` is the
 * pod spec as YAML lines indented under `spec.template.spec` (six spaces), with its final newline. The
 * pod spec starts on the tenth line (0-based line 9).
 */
export function deployment(name, replicas, podSpec) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${podSpec}`;
}
