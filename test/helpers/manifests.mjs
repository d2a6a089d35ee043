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

/**
 * A CustomResourceDefinition of `Gadget` (example.com/v1) of about `kb` kilobytes, like the large
 * operator CRDs of real projects: many nested properties, each with a description. The schema's root
 * description is on line 16 (0-based 15), after `description: ` (column 8 + 13).
 */
export function largeCrd(kb) {
  const property = (i) => `              field${i}:
                description: ${'Describes what this field of the gadget does and how it combines with the others. '.repeat(3)}
                type: object
                properties:
                  name: {type: string, description: the name of item ${i}}
                  count: {type: integer, minimum: 0, description: how many of item ${i}}
                  mode: {type: string, enum: [Fast, Slow], description: the mode of item ${i}}
`;
  let properties = '';
  for (let i = 0; properties.length < kb * 1024; i++) properties += property(i);
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  names: {kind: Gadget, plural: gadgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: Gadget is a large custom resource.
        properties:
          spec:
            type: object
            properties:
${properties}`;
}

/** A Gadget whose spec.field0.count is a string: one KP122 against largeCrd's schema. */
export const GADGET = 'apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n  field0:\n    count: many\n';
