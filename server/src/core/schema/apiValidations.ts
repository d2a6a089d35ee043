import type { K8sSchema } from './catalog';

/**
 * Checks the API server runs beyond the OpenAPI schema, attached to the definitions they apply to as
 * ajv formats (see formats.ts). Source: pkg/apis/core/validation/validation.go (ValidateObjectMeta,
 * ValidateLabels, ValidatePodSpec nodeSelector, ValidateService selector and ports, validateContainerPorts,
 * ValidatePortNumOrName) and apimachinery's metav1 validation (ValidateLabelSelector).
 */
const labelMap: K8sSchema = {
  type: 'object',
  propertyNames: { format: 'k8s-label-key' },
  additionalProperties: { type: 'string', format: 'k8s-label-value' },
};

export const API_VALIDATIONS: Record<string, Record<string, K8sSchema>> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    labels: labelMap,
    annotations: { type: 'object', propertyNames: { format: 'k8s-annotation-key' }, additionalProperties: { type: 'string' } },
    namespace: { type: 'string', format: 'k8s-namespace' },
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': { matchLabels: labelMap },
  'io.k8s.api.core.v1.PodSpec': { nodeSelector: labelMap },
  'io.k8s.api.core.v1.ServiceSpec': { selector: labelMap },
  'io.k8s.api.core.v1.ContainerPort': { name: { type: 'string', format: 'k8s-port-name' } },
  'io.k8s.api.core.v1.ServicePort': {
    name: { type: 'string', format: 'k8s-service-port-name' },
    targetPort: { type: ['integer', 'string'], format: 'k8s-port-name' },
  },
  'io.k8s.api.core.v1.HTTPGetAction': { port: { type: ['integer', 'string'], format: 'k8s-port-name' } },
  'io.k8s.api.core.v1.TCPSocketAction': { port: { type: ['integer', 'string'], format: 'k8s-port-name' } },
};
