import type { K8sSchema } from '../schema/catalog';

/**
 * kustomize's Kustomization (and Component) file, as kustomize v5 decodes it
 * (sigs.k8s.io/kustomize/api/types.Kustomization and the types it holds): unknown fields are errors,
 * as kustomize decodes with DisallowUnknownFields. Written in the Kubernetes OpenAPI flavor that the
 * validator (toAjvSchema, structural) and the hovers (FieldSchemas) read. Descriptions are kubeplan's.
 */

const string = (description: string): K8sSchema => ({ type: 'string', description });
const boolean = (description: string): K8sSchema => ({ type: 'boolean', description });
const strings = (description: string): K8sSchema => ({ type: 'array', items: { type: 'string' }, description });
const stringMap = (description: string): K8sSchema => ({ type: 'object', additionalProperties: { type: 'string' }, description });
const object = (description: string, properties: Record<string, K8sSchema>): K8sSchema => ({ type: 'object', description, properties });
const list = (description: string, item: K8sSchema): K8sSchema => ({ type: 'array', items: item, description });
const freeForm = (description: string): K8sSchema => ({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true, description });

/** resid.Gvk, inlined in selectors and field specs. */
const gvk = {
  group: string('API group of the objects (empty for the core group).'),
  version: string('API version of the objects.'),
  kind: string('Kind of the objects.'),
};

/** types.Selector: which objects a patch, a replacement or a transformer applies to. */
const selector = (description: string): K8sSchema =>
  object(description, {
    ...gvk,
    name: string('Name of the objects (a regular expression).'),
    namespace: string('Namespace of the objects (a regular expression).'),
    labelSelector: string('Label selector the objects match, as kubectl -l takes it.'),
    annotationSelector: string('Annotation selector the objects match.'),
  });

/** types.FieldSpec: a field of some kinds. */
const fieldSpec = object('A field of the objects of a kind.', {
  ...gvk,
  path: string('Slash-separated path of the field, e.g. spec/selector/matchLabels.'),
  create: boolean('Create the field when the object lacks it.'),
});

const generatorOptions = object('Options of the ConfigMap and Secret generators.', {
  labels: stringMap('Labels added to the generated objects.'),
  annotations: stringMap('Annotations added to the generated objects.'),
  disableNameSuffixHash: boolean('Leave out the content hash kustomize appends to generated names.'),
  immutable: boolean('Generate immutable ConfigMaps and Secrets.'),
});

/** types.GeneratorArgs with its inlined KvPairSources. */
const generatorArgs = {
  name: string('Name of the generated object (before prefix, suffix and hash).'),
  namespace: string('Namespace of the generated object.'),
  behavior: string('create (the default) a new object, or replace or merge into one of the same name from a base.'),
  literals: strings('Key-value pairs, `KEY=value`.'),
  files: strings('Files whose contents become values, `[key=]path` (the key defaults to the file name).'),
  envs: strings('Env files (`KEY=value` lines) whose pairs become keys.'),
  env: string('An env file (deprecated: use envs).'),
  options: generatorOptions,
};

const patch = object('A patch: a file (path) or inline text (patch), strategic merge or JSON 6902, applied to target.', {
  path: string('File holding the patch, relative to the kustomization.'),
  patch: string('The patch itself, inline.'),
  target: selector('The objects the patch applies to (default: the object the patch names).'),
  options: object('What the patch may change.', {
    allowNameChange: boolean('Let the patch change the object name.'),
    allowKindChange: boolean('Let the patch change the object kind.'),
  }),
});

const fieldOptions = object('How a replacement reads or writes the field.', {
  delimiter: string('Split the value on this delimiter.'),
  index: { type: 'integer', description: 'Which part of the split value.' },
  encoding: string('Encoding of the value (base64).'),
  create: boolean('Create the target field when missing.'),
});

const replacement = object('Copies a field of one object into fields of others; or names a file of replacements (path).', {
  path: string('File holding replacements, relative to the kustomization.'),
  source: object('The field the value comes from.', {
    ...gvk,
    name: string('Name of the source object.'),
    namespace: string('Namespace of the source object.'),
    fieldPath: string('Dot-separated path of the source field (default metadata.name).'),
    options: fieldOptions,
  }),
  sourceValue: string('A literal value instead of a source field.'),
  targets: list(
    'Where the value goes.',
    object('The objects and fields the value goes to.', {
      select: selector('The objects to change.'),
      reject: list('Objects left alone.', selector('Objects left alone.')),
      fieldPaths: strings('Dot-separated paths of the fields to set.'),
      options: fieldOptions,
    }),
  ),
});

const helmChart = object('A Helm chart kustomize renders with helm template (kustomize build --enable-helm).', {
  name: string('Chart name.'),
  version: string('Chart version.'),
  repo: string('Chart repository URL.'),
  releaseName: string('Release name.'),
  namespace: string('Release namespace.'),
  valuesFile: string('Values file.'),
  additionalValuesFiles: strings('More values files.'),
  valuesInline: freeForm('Values, inline.'),
  valuesMerge: { type: 'string', enum: ['merge', 'override', 'replace'], description: 'How valuesInline combines with valuesFile.' },
  includeCRDs: boolean('Render the chart CRDs too.'),
  skipHooks: boolean('Leave out the chart hooks.'),
  apiVersions: strings('API versions for the Capabilities.APIVersions of the templates.'),
  kubeVersion: string('Kubernetes version for the Capabilities.KubeVersion of the templates.'),
  nameTemplate: string('Template of the release name.'),
  skipTests: boolean('Leave out the chart tests.'),
  debug: boolean('Run helm with --debug.'),
  devel: boolean('Accept development chart versions.'),
});

const helmChartArgs = object('A Helm chart (deprecated: use helmCharts and helmGlobals).', {
  chartName: string('Chart name.'),
  chartVersion: string('Chart version.'),
  chartRepoUrl: string('Chart repository URL.'),
  chartHome: string('Where charts are kept.'),
  chartRepoName: string('Chart repository name.'),
  helmBin: string('The helm binary.'),
  helmHome: string('Helm home directory.'),
  values: string('Values file.'),
  valuesLocal: freeForm('Values, inline.'),
  valuesMerge: string('How valuesLocal combines with values.'),
  releaseName: string('Release name.'),
  releaseNamespace: string('Release namespace.'),
  extraArgs: strings('More helm arguments.'),
});

const image = object('An image and what replaces it.', {
  name: string('The image name as written in the containers (without tag).'),
  newName: string('The name it becomes.'),
  newTag: string('The tag it gets (quote a numeric tag: "1.2").'),
  tagSuffix: string('Suffix appended to its tag.'),
  digest: string('The digest it gets (replaces the tag).'),
});

const varTarget = object('The object holding the value.', {
  apiVersion: string('apiVersion of the object.'),
  ...gvk,
  name: string('Name of the object.'),
  namespace: string('Namespace of the object.'),
});

export const KUSTOMIZATION_SCHEMA: K8sSchema = object(
  'kustomize build input: which objects to read (resources, components, generators) and how to change them (patches, images, replicas, names, labels…).',
  {
    apiVersion: string('kustomize.config.k8s.io/v1beta1 for a Kustomization, kustomize.config.k8s.io/v1alpha1 for a Component; may be left out.'),
    kind: { type: 'string', enum: ['Kustomization', 'Component'], description: 'Kustomization, or Component (a reusable piece that overlays list in components); may be left out (Kustomization).' },
    metadata: object('Name and labels of the kustomization itself (not given to the objects).', {
      name: string('Name of the kustomization.'),
      namespace: string('Namespace of the kustomization.'),
      labels: stringMap('Labels of the kustomization.'),
      annotations: stringMap('Annotations of the kustomization.'),
    }),
    openapi: stringMap('Which OpenAPI schema kustomize uses for strategic merges: `path` (a schema file) or `version`.'),
    namePrefix: string('Prefix added to the names of all objects (and to the references to them).'),
    nameSuffix: string('Suffix added to the names of all objects (and to the references to them).'),
    namespace: string('Namespace set on all namespaced objects.'),
    commonLabels: stringMap('Labels added to all objects and to their selectors and templates (prefer labels: selectors are immutable).'),
    labels: list(
      'Labels added to all objects; to selectors and templates only when asked.',
      object('Labels and where they go.', {
        pairs: stringMap('The labels.'),
        includeSelectors: boolean('Add them to selectors (and templates) too.'),
        includeTemplates: boolean('Add them to pod templates too.'),
        includeVolumeClaimTemplates: boolean('Add them to volume claim templates too.'),
        fields: list('More fields that get the labels.', fieldSpec),
      }),
    ),
    commonAnnotations: stringMap('Annotations added to all objects.'),
    patchesStrategicMerge: strings('Strategic merge patches: files relative to the kustomization, or inline (deprecated: use patches).'),
    patchesJson6902: list('JSON 6902 patches (deprecated: use patches).', patch),
    patches: list('Patches, strategic merge or JSON 6902, each applied to the objects its target selects.', patch),
    images: list('New names, tags or digests for container images.', image),
    imageTags: list('Image changes (deprecated: use images).', image),
    replacements: list('Copies of fields between objects (replaces vars).', replacement),
    replicas: list(
      'Replica counts of workloads.',
      object('A workload and its replica count.', {
        name: string('Name of the workload.'),
        count: { type: 'integer', description: 'Its replica count.' },
      }),
    ),
    vars: list(
      'Values substituted for $(NAME) in the objects (deprecated: use replacements).',
      object('A variable.', {
        name: string('Name of the variable.'),
        objref: varTarget,
        fieldref: object('The field of that object.', { fieldPath: string('Dot-separated path of the field (default metadata.name).') }),
      }),
    ),
    sortOptions: object('Order of the objects kustomize prints.', {
      order: { type: 'string', enum: ['legacy', 'fifo'], description: 'legacy (by kind) or fifo (as read).' },
      legacySortOptions: object('Kinds first and last in legacy order.', { orderFirst: strings('Kinds printed first.'), orderLast: strings('Kinds printed last.') }),
    }),
    resources: strings('Files, directories with a kustomization, or remote kustomizations to read objects from (relative to the kustomization).'),
    components: strings('Components (directories with a kind: Component kustomization) applied to this kustomization.'),
    crds: strings('CRD files whose OpenAPI schemas tell kustomize how to merge custom resources.'),
    bases: strings('Base kustomizations (deprecated: use resources).'),
    configMapGenerator: list('ConfigMaps to generate (one per item).', object('A ConfigMap to generate.', generatorArgs)),
    secretGenerator: list('Secrets to generate (one per item).', object('A Secret to generate.', { ...generatorArgs, type: string('Secret type (default Opaque).') })),
    helmGlobals: object('Helm settings for every chart.', { chartHome: string('Where charts are kept (default charts).'), configHome: string('Helm config directory.') }),
    helmCharts: list('Helm charts to render (kustomize build --enable-helm).', helmChart),
    helmChartInflationGenerator: list('Helm charts (deprecated: use helmCharts).', helmChartArgs),
    generatorOptions,
    configurations: strings('Transformer configuration files (which fields hold names, labels…).'),
    generators: strings('Generator plugin configs: files, directories, or inline.'),
    transformers: strings('Transformer plugin configs: files, directories, or inline.'),
    validators: strings('Validator plugin configs: files, directories, or inline.'),
    buildMetadata: strings('Build options: originAnnotations, transformerAnnotations, managedByLabel.'),
  },
);

/** apiVersion kustomize requires for each kind (types.Kustomization.EnforceFields). */
export const KUSTOMIZE_API_VERSIONS: Record<string, string> = {
  Kustomization: 'kustomize.config.k8s.io/v1beta1',
  Component: 'kustomize.config.k8s.io/v1alpha1',
};
