// ValidateCustomResourceDefinition for v1 CRDs (KP129), ported from apiextensions-apiserver's own tests:
// TestValidateCustomResourceDefinition and TestValidateCustomResourceDefinitionValidation
// (pkg/apis/apiextensions/validation/validation_test.go), TestNonStructuralSchemaConditionForCRDV1 and
// TestNonStructuralSchemaConditionForCRDV1Beta1MigratedData (test/integration/validation_test.go),
// TestValidateStructuralCompleteness (pkg/apiserver/schema/validation_test.go). Upstream's unit tests
// validate internal objects (spec.validation, status as given); the ports are the v1 objects a user
// applies, so on create the API server computes the status (status.storedVersions is the first storage
// version) and a schema all versions share is reported under spec.validation. Each case asserts the
// whole message list, in kubectl's words; upstream's unit tests check only paths and types, and the
// integration tests check full messages, as here.
import test from 'node:test';
import assert from 'node:assert/strict';
import { CrdCelTotalCost, validateBuiltin } from '../../dist/core.js';

const check = (o, version = '1.35') => validateBuiltin(o, 'apiextensions.k8s.io', 'CustomResourceDefinition', version).map((e) => e.message);
const at = (o, version = '1.35') => validateBuiltin(o, 'apiextensions.k8s.io', 'CustomResourceDefinition', version).map((e) => e.at.join('/'));

const NAMES = { plural: 'plural', singular: 'singular', kind: 'Plural', listKind: 'PluralList' };
const OBJECT = { type: 'object' };
const version = (name, storage, schema = OBJECT, extra = {}) => ({ name, served: true, storage, ...(schema ? { schema: { openAPIV3Schema: schema } } : {}), ...extra });
/** The CRD upstream's tests start from: plural.group.com, scope Cluster, one version named "version". */
const crd = ({ name = 'plural.group.com', schema = OBJECT, versions, ...spec } = {}) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name },
  spec: { group: 'group.com', scope: 'Cluster', names: NAMES, versions: versions ?? [version('version', true, schema)], ...spec },
});
const twoVersions = [version('version', true), version('version2', false)];
const webhook = (webhookConversion) => ({ versions: twoVersions, conversion: { strategy: 'Webhook', webhook: webhookConversion } });

const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const TYPES = 'supported values: "array", "boolean", "integer", "number", "object", "string"';
const V = 'spec.validation.openAPIV3Schema';
/** An internal CustomResourceDefinitionVersion as 1.34+ prints it (json.Marshal, Go field names). */
const internalVersion = (name, storage) =>
  `{"Name":"${name}","Served":true,"Storage":${storage},"Deprecated":false,"DeprecationWarning":null,"Schema":null,"Subresources":null,"AdditionalPrinterColumns":null,"SelectableFields":null}`;

// ---------------------------------------------------------------------------------------------------
// TestValidateCustomResourceDefinition

test('TestValidateCustomResourceDefinition "invalid types disallowed"', () => {
  assert.deepEqual(check(crd({ schema: { type: 'object', properties: { foo: { type: 'bogus' } } } })), [`${V}.properties[foo].type: Unsupported value: "bogus": ${TYPES}`]);
});

test('TestValidateCustomResourceDefinition "webhookconfig: invalid port 0" and "invalid port 65536"', () => {
  for (const port of [0, 65536]) {
    const o = crd(webhook({ clientConfig: { service: { name: 'n', namespace: 'ns', port } }, conversionReviewVersions: ['v1beta1'] }));
    assert.deepEqual(check(o), [`spec.conversion.webhookClientConfig.service.port: Invalid value: ${port}: port is not valid: must be between 1 and 65535, inclusive`]);
    // v1 spells it spec.conversion.webhook.clientConfig
    assert.deepEqual(at(o), ['spec/conversion/webhook/clientConfig/service/port']);
  }
});

test('TestValidateCustomResourceDefinition "webhookconfig: invalid CABundle should be allowed on Create" and "valid CABundle"', () => {
  const o = crd(webhook({ clientConfig: { service: { name: 'n', namespace: 'ns', port: 443 }, caBundle: 'Cg==' }, conversionReviewVersions: ['v1beta1'] }));
  assert.deepEqual(check(o), []);
});

test('TestValidateCustomResourceDefinition "webhookconfig: both service and URL provided"', () => {
  const o = crd(webhook({ clientConfig: { url: 'https://example.com/webhook', service: { name: 'n', namespace: 'ns' } }, conversionReviewVersions: ['v1beta1'] }));
  assert.deepEqual(check(o), ['spec.conversion.webhookClientConfig: Required value: exactly one of url or service is required']);
});

test('TestValidateCustomResourceDefinition "webhookconfig: blank URL"', () => {
  const o = crd(webhook({ clientConfig: { url: '' }, conversionReviewVersions: ['v1beta1'] }));
  assert.deepEqual(check(o), [
    `spec.conversion.webhookClientConfig.url: Invalid value: "": 'https' is the only allowed URL scheme; desired format: https://host[/path]`,
    'spec.conversion.webhookClientConfig.url: Invalid value: "": host must be provided; desired format: https://host[/path]',
  ]);
});

test('TestValidateCustomResourceDefinition "webhookconfig_should_not_be_set" and "ConversionReviewVersions_should_not_be_set"', () => {
  const cc = crd({ versions: twoVersions, conversion: { strategy: 'None', webhook: { clientConfig: { url: 'https://example.com/webhook' } } } });
  assert.deepEqual(check(cc), ['spec.conversion.webhookClientConfig: Forbidden: should not be set when strategy is not set to Webhook']);
  const rv = crd({ versions: twoVersions, conversion: { strategy: 'None', webhook: { conversionReviewVersions: ['v1beta1'] } } });
  assert.deepEqual(check(rv), ['spec.conversion.conversionReviewVersions: Forbidden: should not be set when strategy is not set to Webhook']);
});

test('TestValidateCustomResourceDefinition conversionReviewVersions cases', () => {
  const url = { url: 'https://example.com/webhook' };
  // "webhookconfig: invalid ConversionReviewVersion"
  assert.deepEqual(check(crd(webhook({ clientConfig: url, conversionReviewVersions: ['invalid-version'] })), '1.35'), [
    'spec.conversion.conversionReviewVersions: Invalid value: ["invalid-version"]: must include at least one of v1, v1beta1',
  ]);
  assert.deepEqual(check(crd(webhook({ clientConfig: url, conversionReviewVersions: ['invalid-version'] })), '1.33'), [
    'spec.conversion.conversionReviewVersions: Invalid value: []string{"invalid-version"}: must include at least one of v1, v1beta1',
  ]);
  // "webhookconfig: invalid ConversionReviewVersion version string"
  assert.deepEqual(check(crd(webhook({ clientConfig: url, conversionReviewVersions: ['0v'] }))), [
    `spec.conversion.conversionReviewVersions[0]: Invalid value: "0v": ${DNS1035}`,
    'spec.conversion.conversionReviewVersions: Invalid value: ["0v"]: must include at least one of v1, v1beta1',
  ]);
  // "webhookconfig: at least one valid ConversionReviewVersion"
  assert.deepEqual(check(crd(webhook({ clientConfig: url, conversionReviewVersions: ['invalid-version', 'v1beta1'] }))), []);
  // "webhookconfig: duplicate ConversionReviewVersion"
  assert.deepEqual(check(crd(webhook({ clientConfig: url, conversionReviewVersions: ['v1beta1', 'v1beta1'] }))), [
    'spec.conversion.conversionReviewVersions[1]: Invalid value: "v1beta1": duplicate version',
  ]);
});

test('TestValidateCustomResourceDefinition "missing_webhookconfig" and "invalid_conversion_strategy"', () => {
  assert.deepEqual(check(crd({ versions: twoVersions, conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1beta1'] } } })), [
    'spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook',
  ]);
  assert.deepEqual(check(crd({ versions: twoVersions, conversion: { strategy: 'non_existing_conversion' } })), [
    'spec.conversion.strategy: Unsupported value: "non_existing_conversion": supported values: "None", "Webhook"',
  ]);
});

test('TestValidateCustomResourceDefinition conversion and preserveUnknownFields cases', () => {
  // "none conversion without preserveUnknownFields=false": v1 has no unset preserveUnknownFields, it is false
  assert.deepEqual(check(crd({ versions: twoVersions, conversion: { strategy: 'None' } })), []);
  // "webhook conversion without preserveUnknownFields=false": in v1, preserveUnknownFields: true
  const webhookConversion = { clientConfig: { url: 'https://example.com/webhook' }, conversionReviewVersions: ['v1beta1'] };
  assert.deepEqual(check(crd({ ...webhook(webhookConversion), preserveUnknownFields: true })), [
    'spec.conversion.strategy: Invalid value: "Webhook": must be None if spec.preserveUnknownFields is true',
    'spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
  ]);
  // "webhook conversion with preserveUnknownFields=false, conversionReviewVersions=[v1beta1]" and "=[v1]"
  assert.deepEqual(check(crd(webhook(webhookConversion))), []);
  assert.deepEqual(check(crd(webhook({ ...webhookConversion, conversionReviewVersions: ['v1'] }))), []);
});

test('TestValidateCustomResourceDefinition "no_storage_version"', () => {
  const o = crd({ versions: [version('version', false), version('version2', false)] });
  assert.deepEqual(check(o), [
    `spec.versions: Invalid value: [${internalVersion('version', false)},${internalVersion('version2', false)}]: must have exactly one version marked as storage version`,
    // on create the API server sets status.storedVersions from the storage version: there is none
    'status.storedVersions: Invalid value: null: must have at least one stored version',
  ]);
  assert.deepEqual(at(o), ['spec/versions', 'spec/versions']);
  // before 1.34 the values print as Go syntax
  assert.deepEqual(check(o, '1.33'), [
    'spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{apiextensions.CustomResourceDefinitionVersion{Name:"version", Served:true, Storage:false, Deprecated:false, DeprecationWarning:(*string)(nil), Schema:(*apiextensions.CustomResourceValidation)(nil), Subresources:(*apiextensions.CustomResourceSubresources)(nil), AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), SelectableFields:[]apiextensions.SelectableField(nil)}, apiextensions.CustomResourceDefinitionVersion{Name:"version2", Served:true, Storage:false, Deprecated:false, DeprecationWarning:(*string)(nil), Schema:(*apiextensions.CustomResourceValidation)(nil), Subresources:(*apiextensions.CustomResourceSubresources)(nil), AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), SelectableFields:[]apiextensions.SelectableField(nil)}}: must have exactly one version marked as storage version',
    'status.storedVersions: Invalid value: []string(nil): must have at least one stored version',
  ]);
});

test('TestValidateCustomResourceDefinition "multiple_storage_version"', () => {
  assert.deepEqual(check(crd({ versions: [version('version', true), version('version2', true)] })), [
    `spec.versions: Invalid value: [${internalVersion('version', true)},${internalVersion('version2', true)}]: must have exactly one version marked as storage version`,
    'status.storedVersions: Invalid value: ["version"]: must have the storage version version2',
  ]);
});

test('TestValidateCustomResourceDefinition "mismatched name"', () => {
  const o = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'plural.not.group.com' }, spec: { group: 'group.com', names: { plural: 'plural' } } };
  assert.deepEqual(check(o), [
    'metadata.name: Invalid value: "plural.not.group.com": must be spec.names.plural+"."+spec.group',
    'spec.scope: Required value',
    'spec.versions: Invalid value: null: must have exactly one version marked as storage version',
    'spec.names.singular: Required value',
    'spec.names.kind: Required value',
    'spec.names.listKind: Required value',
    'status.storedVersions: Invalid value: null: must have at least one stored version',
  ]);
});

test('TestValidateCustomResourceDefinition "missing values"', () => {
  const o = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'plural.group.com' } };
  assert.deepEqual(check(o), [
    'metadata.name: Invalid value: "plural.group.com": must be spec.names.plural+"."+spec.group',
    'spec.group: Required value',
    'spec.scope: Required value',
    'spec.versions: Invalid value: null: must have exactly one version marked as storage version',
    'spec.names.plural: Required value',
    'spec.names.singular: Required value',
    'spec.names.kind: Required value',
    'spec.names.listKind: Required value',
    'status.storedVersions: Invalid value: null: must have at least one stored version',
  ]);
});

test('TestValidateCustomResourceDefinition "bad names 01" (no spec.version in v1; the status is the server\'s)', () => {
  const names = { plural: 'pl()*ural', singular: 'value()*a', kind: 'value()*a', listKind: 'value()*a' };
  const o = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'plural.group' }, spec: { group: 'group', scope: 'foo', names } };
  assert.deepEqual(check(o), [
    'metadata.name: Invalid value: "plural.group": must be spec.names.plural+"."+spec.group',
    'spec.group: Invalid value: "group": should be a domain with at least one dot',
    'spec.scope: Unsupported value: "foo": supported values: "Cluster", "Namespaced"',
    'spec.versions: Invalid value: null: must have exactly one version marked as storage version',
    `spec.names.plural: Invalid value: "pl()*ural": ${DNS1035}`,
    `spec.names.singular: Invalid value: "value()*a": ${DNS1035}`,
    `spec.names.kind: Invalid value: "value()*a": may have mixed case, but should otherwise match: ${DNS1035}`,
    `spec.names.listKind: Invalid value: "value()*a": may have mixed case, but should otherwise match: ${DNS1035}`,
    'spec.names.listKind: Invalid value: "value()*a": kind and listKind may not be the same',
    'status.storedVersions: Invalid value: null: must have at least one stored version',
  ]);
});

test('TestValidateCustomResourceDefinition "bad names 02"', () => {
  const o = crd({ name: 'plural.group', group: 'group.c(*&om', scope: undefined, names: { ...NAMES, kind: 'matching', listKind: 'matching' } });
  delete o.spec.scope;
  assert.deepEqual(check(o), [
    'metadata.name: Invalid value: "plural.group": must be spec.names.plural+"."+spec.group',
    `spec.group: Invalid value: "group.c(*&om": ${DNS1123_SUBDOMAIN}`,
    'spec.scope: Required value',
    'spec.names.listKind: Invalid value: "matching": kind and listKind may not be the same',
  ]);
});

test('TestValidateCustomResourceDefinition "additionalProperties and properties forbidden" and "additionalProperties without properties allowed"', () => {
  const both = { type: 'object', properties: { foo: { type: 'object', properties: { bar: { type: 'object' } }, additionalProperties: false } } };
  assert.deepEqual(check(crd({ schema: both })), [`${V}.properties[foo].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`]);
  const map = { type: 'object', properties: { foo: { type: 'object', additionalProperties: { type: 'string' } } } };
  assert.deepEqual(check(crd({ schema: map })), []);
});

test('TestValidateCustomResourceDefinition "x-kubernetes-preserve-unknown-field: false"', () => {
  assert.deepEqual(check(crd({ schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': false } })), [
    `${V}.x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined`,
  ]);
});

const unstructural = {
  description: 'This is a description',
  type: 'object',
  format: 'date-time',
  title: 'This is a title',
  maximum: 10,
  exclusiveMaximum: true,
  minimum: 5,
  exclusiveMinimum: true,
  maxLength: 10,
  minLength: 5,
  pattern: '^[a-z]$',
  maxItems: 10,
  minItems: 5,
  multipleOf: 3,
  required: ['spec', 'status'],
  items: { description: 'This is a schema nested under Items' },
  properties: { spec: {}, status: {} },
  externalDocs: { description: 'This is an external documentation description' },
  example: { foo: 'bar' },
};
const valid = {
  ...unstructural,
  items: undefined,
  properties: { spec: { type: 'object', items: { description: 'This is a schema nested under Items', type: 'string' } }, status: { type: 'object' } },
};
delete valid.items;

test('TestValidateCustomResourceDefinition "preserveUnknownFields with unstructural global schema"', () => {
  assert.deepEqual(check(crd({ versions: [version('version', true, unstructural), version('version2', false, unstructural)] })), [
    `${V}.items.type: Required value: must not be empty for specified array items`,
    `${V}.properties[spec].type: Required value: must not be empty for specified object fields`,
    `${V}.properties[status].type: Required value: must not be empty for specified object fields`,
  ]);
});

test('TestValidateCustomResourceDefinition "preserveUnknownFields with unstructural schema in one version"', () => {
  const o = crd({ versions: [version('version', true, valid), version('version2', false, unstructural)] });
  const p = 'spec.versions[1].schema.openAPIV3Schema';
  assert.deepEqual(check(o), [
    `${p}.items.type: Required value: must not be empty for specified array items`,
    `${p}.properties[spec].type: Required value: must not be empty for specified object fields`,
    `${p}.properties[status].type: Required value: must not be empty for specified object fields`,
  ]);
  assert.deepEqual(at(o)[0], 'spec/versions/1/schema/openAPIV3Schema/items/type');
});

test('TestValidateCustomResourceDefinition "preserveUnknownFields with no schema in one version", "… no schema at all", "schema is required"', () => {
  const one = crd({ versions: [version('version', true, valid), { name: 'version2', served: true, storage: false, schema: {} }] });
  assert.deepEqual(check(one), ['spec.versions[1].schema.openAPIV3Schema: Required value']);
  const none = crd({ versions: [version('version', true, null), { name: 'version2', served: true, storage: false, schema: {} }] });
  assert.deepEqual(check(none), ['spec.versions[0].schema.openAPIV3Schema: Required value', 'spec.versions[1].schema.openAPIV3Schema: Required value']);
  // the detail said so before 1.34
  assert.deepEqual(check(none, '1.33'), [
    'spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required',
    'spec.versions[1].schema.openAPIV3Schema: Required value: schemas are required',
  ]);
});

test('TestValidateCustomResourceDefinition "preserveUnknownFields: true"', () => {
  assert.deepEqual(check(crd({ preserveUnknownFields: true })), [
    'spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
  ]);
});

test('TestValidateCustomResourceDefinition "labelSelectorPath outside of .spec and .status"', () => {
  const scale = (labelSelectorPath) => ({ subresources: { scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', ...(labelSelectorPath ? { labelSelectorPath } : {}) } } });
  const o = crd({
    versions: [
      version('version0', true, OBJECT, scale()),
      version('version1', false, OBJECT, scale('.status.labelSelector')),
      version('version2', false, OBJECT, scale('.spec.labelSelector')),
      version('version3', false, OBJECT, scale('.labelSelector')),
    ],
  });
  assert.deepEqual(check(o), ['spec.versions[3].subresources.scale.labelSelectorPath: Invalid value: ".labelSelector": should be a json path under either .spec or .status']);
});

test('TestValidateCustomResourceDefinition defaults: "defaults with enabled feature gate" (structural or not) and in value validation', () => {
  assert.deepEqual(check(crd({ schema: { type: 'object', properties: { a: { type: 'number', default: 42.5 } } } })), []);
  assert.deepEqual(check(crd({ schema: { properties: { a: { default: 42.5 } } } })), [
    `${V}.properties[a].type: Required value: must not be empty for specified object fields`,
    `${V}.type: Required value: must not be empty at the root`,
  ]);
  const inJunctors = { type: 'number', not: { default: 42.5 }, anyOf: [{ default: 42.5 }], allOf: [{ default: 42.5 }], oneOf: [{ default: 42.5 }] };
  assert.deepEqual(check(crd({ schema: { type: 'object', properties: { a: inJunctors } } })), [
    `${V}.properties[a].allOf[0].default: Forbidden: must be undefined to be structural`,
    `${V}.properties[a].anyOf[0].default: Forbidden: must be undefined to be structural`,
    `${V}.properties[a].not.default: Forbidden: must be undefined to be structural`,
    `${V}.properties[a].oneOf[0].default: Forbidden: must be undefined to be structural`,
  ]);
});

test('TestValidateCustomResourceDefinition "x-kubernetes-embedded-resource with pruning and empty properties"', () => {
  const schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { nil: { type: 'object', 'x-kubernetes-embedded-resource': true }, empty: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: {} } } };
  assert.deepEqual(check(crd({ schema })), [
    `${V}.properties[empty].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
    `${V}.properties[nil].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
  ]);
});

test('TestValidateCustomResourceDefinition "x-kubernetes-embedded-resource inside resource meta"', () => {
  const embeddedPreserving = { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true };
  const schema = {
    type: 'object',
    properties: {
      embedded: {
        type: 'object',
        'x-kubernetes-embedded-resource': true,
        properties: {
          metadata: embeddedPreserving,
          apiVersion: { type: 'string', properties: { foo: embeddedPreserving } },
          kind: { type: 'string', properties: { foo: embeddedPreserving } },
        },
      },
    },
  };
  assert.deepEqual(check(crd({ schema })), [
    `${V}.properties[embedded].properties[metadata].x-kubernetes-embedded-resource: Forbidden: must not be used inside of resource meta`,
    `${V}.properties[embedded].properties[apiVersion].properties[foo].x-kubernetes-embedded-resource: Forbidden: must not be used inside of resource meta`,
    `${V}.properties[embedded].properties[kind].properties[foo].x-kubernetes-embedded-resource: Forbidden: must not be used inside of resource meta`,
  ]);
});

test('TestValidateCustomResourceDefinition "x-kubernetes-validations access metadata name" (CEL itself is not compiled here)', () => {
  const schema = {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    'x-kubernetes-validations': [{ rule: 'size(self.metadata.name) > 3' }],
    properties: { metadata: { type: 'object', properties: { name: { type: 'string' } } } },
  };
  assert.deepEqual(check(crd({ versions: [version('version', true, schema, { subresources: { status: {} } })] })), []);
});

test('TestValidateCustomResourceDefinition "invalid defaults with enabled feature gate, structural schema"', () => {
  const foo = { foo: { type: 'string' } };
  const schema = {
    type: 'object',
    properties: {
      a: { type: 'object', properties: foo, default: { foo: 'abc', bar: 42 } },
      b: { type: 'object', properties: foo, default: { foo: 'abc' } },
      c: { type: 'object', properties: foo, default: { foo: 42 } },
      d: { type: 'object', properties: { good: { type: 'string', pattern: 'a' }, bad: { type: 'string', pattern: 'b' } }, default: { good: 'a', bad: 'a' } },
      e: {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: {
          preserveUnknownFields: { type: 'object', default: { foo: 'abc', bar: 42 } },
          nestedProperties: { type: 'object', properties: foo, default: { foo: 'abc', bar: 42 } },
        },
      },
      'embedded-fine': { type: 'object', 'x-kubernetes-embedded-resource': true, properties: foo, default: { foo: 'abc', apiVersion: 'foo/v1', kind: 'v1', metadata: { name: 'foo' } } },
      'embedded-preserve': {
        type: 'object',
        'x-kubernetes-embedded-resource': true,
        'x-kubernetes-preserve-unknown-fields': true,
        properties: foo,
        default: { foo: 'abc', apiVersion: 'foo/v1', kind: 'v1', metadata: { name: 'foo' }, bar: 42 },
      },
      'embedded-preserve-unpruned-objectmeta': {
        type: 'object',
        'x-kubernetes-embedded-resource': true,
        'x-kubernetes-preserve-unknown-fields': true,
        properties: foo,
        default: { foo: 'abc', apiVersion: 'foo/v1', kind: 'v1', metadata: { name: 'foo', unspecified: 'bar' }, bar: 42 },
      },
    },
  };
  const o = crd({ schema });
  assert.deepEqual(check(o), [
    `${V}.properties[a].default: Invalid value: {"bar":42,"foo":"abc"}: must not have unknown fields`,
    `${V}.properties[c].default.foo: Invalid value: "integer": foo in body must be of type string: "integer"`,
    `${V}.properties[d].default.bad: Invalid value: "a": bad in body should match 'b'`,
    `${V}.properties[e].properties[preserveUnknownFields].default: Invalid value: {"bar":42,"foo":"abc"}: must not have unknown fields`,
    `${V}.properties[e].properties[nestedProperties].default: Invalid value: {"bar":42,"foo":"abc"}: must not have unknown fields`,
  ]);
  assert.deepEqual(at(o).slice(1, 3), ['spec/versions/0/schema/openAPIV3Schema/properties/c/default/foo', 'spec/versions/0/schema/openAPIV3Schema/properties/d/default/bad']);
  assert.deepEqual(check(o, '1.33')[0], `${V}.properties[a].default: Invalid value: map[string]interface {}{"bar":42, "foo":"abc"}: must not have unknown fields`);
});

test('TestValidateCustomResourceDefinition "additionalProperties at resource root"', () => {
  const strings = { additionalProperties: { type: 'string' } };
  const schema = {
    type: 'object',
    properties: {
      embedded1: { type: 'object', 'x-kubernetes-embedded-resource': true, ...strings },
      embedded2: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true, ...strings },
    },
  };
  assert.deepEqual(check(crd({ schema })), [
    `${V}.properties[embedded1].additionalProperties: Forbidden: must not be used if x-kubernetes-embedded-resource is set`,
    `${V}.properties[embedded1].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
    `${V}.properties[embedded2].additionalProperties: Forbidden: must not be used if x-kubernetes-embedded-resource is set`,
  ]);
});

test('TestValidateCustomResourceDefinition "default inside additionalSchema" and "top-level metadata default"', () => {
  const annotations = { type: 'object', additionalProperties: { type: 'string', default: 'abc' } };
  const embedded = { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { metadata: { type: 'object', properties: { annotations } } } };
  assert.deepEqual(check(crd({ schema: { type: 'object', properties: { embedded } } })), [
    `${V}.properties[embedded].properties[metadata].properties[annotations].additionalProperties.default: Forbidden: must not be set inside additionalProperties applying to object metadata`,
  ]);
  assert.deepEqual(check(crd({ schema: { type: 'object', properties: { metadata: { type: 'object', default: { name: 'foo' } } } } })), [
    `${V}.properties[metadata].default: Forbidden: must not be set in top-level metadata`,
  ]);
});

test('TestValidateCustomResourceDefinition "v1.15 era tests for metadata defaults": the top-level metadata cases', () => {
  const v1 = { type: 'object', properties: { metadata: { type: 'object', default: { name: 'foo' } } } };
  const v2 = { type: 'object', properties: { metadata: { type: 'object', properties: { name: { type: 'string', default: 'foo' } } } } };
  const o = crd({ versions: [version('v1', true, v1), version('v2', false, v2)] });
  assert.deepEqual(check(o), [
    'spec.versions[0].schema.openAPIV3Schema.properties[metadata].default: Forbidden: must not be set in top-level metadata',
    'spec.versions[1].schema.openAPIV3Schema.properties[metadata].properties[name].default: Forbidden: must not be set in top-level metadata',
  ]);
});

test('TestValidateCustomResourceDefinition "contradicting meta field types"', () => {
  const nameRules = { name: { type: 'string', pattern: 'abc' }, generateName: { type: 'string', pattern: 'abc' }, generation: { type: 'integer' } };
  const badMeta = { apiVersion: { type: 'number' }, kind: { type: 'number' }, metadata: { type: 'number', properties: nameRules } };
  const schema = {
    type: 'object',
    properties: {
      ...badMeta,
      valid: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object', properties: nameRules } } },
      invalid: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: badMeta },
      nested: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { invalid: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: badMeta } } },
      noEmbeddedObject: { type: 'object', properties: { apiVersion: { type: 'number' }, kind: { type: 'number' }, metadata: { type: 'number' } } },
    },
  };
  // ValidateStructural sorts its errors
  assert.deepEqual(check(crd({ schema })), [
    `${V}.properties[invalid].properties[apiVersion].type: Invalid value: "number": must be string`,
    `${V}.properties[invalid].properties[kind].type: Invalid value: "number": must be string`,
    `${V}.properties[invalid].properties[metadata].type: Invalid value: "number": must be object`,
    `${V}.properties[kind].type: Invalid value: "number": must be string`,
    `${V}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`,
    `${V}.properties[metadata].type: Invalid value: "number": must be object`,
    `${V}.properties[nested].properties[invalid].properties[apiVersion].type: Invalid value: "number": must be string`,
    `${V}.properties[nested].properties[invalid].properties[kind].type: Invalid value: "number": must be string`,
    `${V}.properties[nested].properties[invalid].properties[metadata].type: Invalid value: "number": must be object`,
    `${V}.properties[apiVersion].type: Invalid value: "number": must be string`,
  ].sort());
});

test('TestValidateCustomResourceDefinition "x-kubernetes-validations should be forbidden under oneOf/anyOf/allOf/not, structural schema"', () => {
  const rule = { 'x-kubernetes-validations': [{ rule: 'should be forbidden' }] };
  const schema = { type: 'object', properties: { a: { type: 'number', not: rule, anyOf: [rule], allOf: [rule], oneOf: [rule] } } };
  assert.deepEqual(check(crd({ schema })), [
    `${V}.properties[a].allOf[0].x-kubernetes-validations: Forbidden: must be empty to be structural`,
    `${V}.properties[a].anyOf[0].x-kubernetes-validations: Forbidden: must be empty to be structural`,
    `${V}.properties[a].not.x-kubernetes-validations: Forbidden: must be empty to be structural`,
    `${V}.properties[a].oneOf[0].x-kubernetes-validations: Forbidden: must be empty to be structural`,
  ]);
});

test('TestValidateCustomResourceDefinition "x-kubernetes-validations should have valid reason and fieldPath"', () => {
  const reasons = ['FieldValueRequired', 'FieldValueInvalid', 'FieldValueDuplicate', 'FieldValueForbidden'].map((reason) => ({ rule: 'true', reason }));
  const schema = { type: 'object', 'x-kubernetes-validations': [{ rule: 'self.a > 0', reason: 'InternalError', fieldPath: '.a' }], properties: { a: { type: 'number', 'x-kubernetes-validations': reasons } } };
  assert.deepEqual(check(crd({ schema })), [
    `${V}.x-kubernetes-validations[0].reason: Unsupported value: "InternalError": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"`,
  ]);
});

test('TestValidateCustomResourceDefinition "x-kubernetes-validations should have valid fieldPath for array"', () => {
  const rules = [".foo['b.c']['c\\a']", "['a.c']", '.a.c', '.list[0]', '   ', '.', '..'].map((fieldPath) => ({ rule: 'true', fieldPath }));
  const schema = {
    type: 'object',
    'x-kubernetes-validations': rules,
    properties: {
      'a.c': { type: 'number' },
      foo: { type: 'object', properties: { 'b.c': { type: 'object', properties: { 'c\u0007': { type: 'number' } } } } },
      list: { type: 'array', items: { type: 'object', properties: { a: { type: 'number' } } } },
    },
  };
  const p = `${V}.x-kubernetes-validations`;
  assert.deepEqual(check(crd({ schema })), [
    `${p}[2].fieldPath: Invalid value: ".a.c": must be a valid path`,
    `${p}[3].fieldPath: Invalid value: ".list[0]": must be a valid path`,
    `${p}[4].fieldPath: Invalid value: "   ": must be non-empty if specified`,
    `${p}[4].fieldPath: Invalid value: "   ": must be a valid path`,
    `${p}[5].fieldPath: Invalid value: ".": must be a valid path`,
    `${p}[6].fieldPath: Invalid value: "..": must be a valid path`,
  ]);
});

test('TestValidateCustomResourceDefinition "x-kubernetes-validations have invalid fieldPath"', () => {
  const rules = ['.list[0].b', '.list[0.b', '.list0].b', '.a.c', '.a.b.d'].map((fieldPath) => ({ rule: 'self.a.b.c > 0.0', fieldPath }));
  const schema = {
    type: 'object',
    'x-kubernetes-validations': rules,
    properties: {
      a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'number' }, d: { type: 'number' } } } } },
      list: { type: 'array', items: { type: 'object', properties: { b: { type: 'number' } } } },
    },
  };
  const p = `${V}.x-kubernetes-validations`;
  assert.deepEqual(check(crd({ schema })), [
    `${p}[0].fieldPath: Invalid value: ".list[0].b": must be a valid path`,
    `${p}[1].fieldPath: Invalid value: ".list[0.b": must be a valid path`,
    `${p}[2].fieldPath: Invalid value: ".list0].b": must be a valid path`,
    `${p}[3].fieldPath: Invalid value: ".a.c": must be a valid path`,
  ]);
});

test('TestValidateCustomResourceDefinition "valid name printer column formats"', () => {
  const schema = { type: 'object', properties: { shortName: { type: 'string', format: 'k8s-short-name' }, longName: { type: 'string', format: 'k8s-long-name' } } };
  const columns = [
    { name: 'primaryName', type: 'string', jsonPath: '.metadata.name' },
    { name: 'shortName', type: 'string', jsonPath: '.spec.shortName' },
    { name: 'longName', type: 'string', jsonPath: '.spec.longName' },
  ];
  assert.deepEqual(check(crd({ versions: [version('version', true, schema, { additionalPrinterColumns: columns })] })), []);
});

// ---------------------------------------------------------------------------------------------------
// TestValidateCustomResourceDefinitionValidation (upstream validates the schema alone, mostly without
// requiring a structural schema; a create requires one, and an object at the root: the list and map
// cases are ported one level down, under properties[list], so their own messages are what fails)

const field = (schema) => crd({ schema: { type: 'object', properties: { list: schema } } });
const L = `${V}.properties[list]`;

test('TestValidateCustomResourceDefinitionValidation root cases with status', () => {
  const withStatus = (schema) => crd({ versions: [version('version', true, schema, { subresources: { status: {} } })] });
  // "root type having invalid value, with status"
  assert.deepEqual(check(withStatus({ type: 'string' })), [
    `${V}.type: Invalid value: "string": only "object" is allowed as the type at the root of the schema if the status subresource is enabled`,
    `${V}.type: Invalid value: "string": must be object at the root`,
  ]);
  // "non-allowed root field with status" (a create also wants the root's type)
  const anyOf = { anyOf: [{ description: 'First schema' }, { description: 'Second schema' }] };
  const messages = check(withStatus(anyOf));
  assert.equal(messages.length, 4);
  assert.match(
    messages[0],
    /^spec\.validation\.openAPIV3Schema: Invalid value: \{"ID":"","Schema":"","Ref":null,"Description":"","Type":"",.*"AnyOf":\[\{"ID":"",.*"Description":"First schema".*\}\].*"XValidations":null\}: only \[Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties ExternalDocs Example XPreserveUnknownFields XValidations\] fields are allowed at the root of the schema if the status subresource is enabled$/,
  );
  assert.deepEqual(messages.slice(1), [
    `${V}.anyOf[0].description: Forbidden: must be empty to be structural`,
    `${V}.anyOf[1].description: Forbidden: must be empty to be structural`,
    `${V}.type: Required value: must not be empty at the root`,
  ]);
  // "all allowed fields at the root of the schema with status"
  assert.deepEqual(check(withStatus(valid)), []);
});

test('TestValidateCustomResourceDefinitionValidation "null type", "nullable at the root", "nullable with types"', () => {
  assert.deepEqual(check(crd({ schema: { type: 'object', properties: { null: { type: 'null' } } } })), [
    `${V}.properties[null].type: Unsupported value: "null": ${TYPES}`,
    `${V}.properties[null].type: Forbidden: type cannot be set to null, use nullable as an alternative`,
  ]);
  assert.deepEqual(check(crd({ schema: { type: 'object', nullable: true } })), [`${V}.nullable: Forbidden: nullable cannot be true at the root`]);
  const nullables = { object: { type: 'object', nullable: true }, array: { type: 'array', nullable: true, items: { type: 'string' } }, number: { type: 'number', nullable: true }, string: { type: 'string', nullable: true } };
  assert.deepEqual(check(crd({ schema: { type: 'object', properties: nullables } })), []);
});

test('TestValidateCustomResourceDefinitionValidation "must be structural, but isn\'t" and "require valid types, invalid"', () => {
  assert.deepEqual(check(crd({ schema: {} })), [`${V}.type: Required value: must not be empty at the root`]);
  // the structural error first (its own list), then the OpenAPI checks
  assert.deepEqual(check(crd({ schema: { type: 'null' } })), [
    `${V}.type: Invalid value: "null": must be object at the root`,
    `${V}.type: Unsupported value: "null": ${TYPES}`,
    `${V}.type: Forbidden: type cannot be set to null, use nullable as an alternative`,
  ]);
  assert.deepEqual(check(crd({ schema: { type: 'bogus' } })), [`${V}.type: Invalid value: "bogus": must be object at the root`, `${V}.type: Unsupported value: "bogus": ${TYPES}`]);
});

test('TestValidateCustomResourceDefinitionValidation list-type cases', () => {
  // "invalid type with list type extension set", "unset type with list type extension set"
  assert.deepEqual(check(field({ type: 'object', 'x-kubernetes-list-type': 'set' })), [`${L}.type: Invalid value: "object": must be array if x-kubernetes-list-type is specified`]);
  assert.deepEqual(check(field({ 'x-kubernetes-list-type': 'set' })), [
    `${L}.type: Required value: must not be empty for specified object fields`,
    `${L}.type: Required value: must be array if x-kubernetes-list-type is specified`,
  ]);
  const strings = { type: 'string' };
  // "invalid list type extension"
  assert.deepEqual(check(field({ type: 'array', items: strings, 'x-kubernetes-list-type': 'invalid' })), [
    `${L}.x-kubernetes-list-type: Unsupported value: "invalid": supported values: "atomic", "set", "map"`,
  ]);
  // "invalid list type extension with list map keys extension non-empty"
  assert.deepEqual(check(field({ type: 'array', items: strings, 'x-kubernetes-list-type': 'set', 'x-kubernetes-list-map-keys': ['key'] })), [
    `${L}.x-kubernetes-list-type: Invalid value: "set": must be map if x-kubernetes-list-map-keys is non-empty`,
  ]);
  // "unset list type extension with list map keys extension non-empty"
  assert.deepEqual(check(field({ type: 'array', items: strings, 'x-kubernetes-list-map-keys': ['key'] })), [
    `${L}.x-kubernetes-list-type: Required value: must be map if x-kubernetes-list-map-keys is non-empty`,
  ]);
  // "empty list map keys extension with list type extension map" (a create also needs items of an array)
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'map' })), [
    `${L}.items: Required value: must be specified`,
    `${L}.x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map`,
    `${L}.items: Required value: must have a schema if x-kubernetes-list-type is map`,
  ]);
  // "multiple schema items with list type extension map"
  const multiple = check(field({ type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['key'], items: [{ type: 'string' }, { type: 'integer' }] }));
  assert.deepEqual(multiple.slice(0, 1), [`${L}.items: Forbidden: items must be a schema object and not an array`]);
  assert.match(multiple[1], /^spec\.validation\.openAPIV3Schema\.properties\[list\]\.items: Invalid value: \{"Schema":null,"JSONSchemas":\[\{.*"Type":"string".*\},\{.*"Type":"integer".*\}\]\}: must only have a single schema if x-kubernetes-list-type is map$/);
  assert.equal(multiple.length, 2);
  // "non object item with list type extension map"
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['key'], items: strings })), [
    `${L}.items.type: Invalid value: "string": must be object if parent array's x-kubernetes-list-type is map`,
  ]);
  // "items with key missing from properties with list type extension map"
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['key'], items: { type: 'object' } })), [
    `${L}.x-kubernetes-list-map-keys: Invalid value: ["key"]: entries must all be names of item properties`,
  ]);
  // "items with non scalar key property type with list type extension map" (a create wants the key required or defaulted)
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['key'], items: { type: 'object', required: ['key'], properties: { key: { type: 'object' } } } })), [
    `${L}.items.properties[key].type: Invalid value: "object": must be a scalar type if parent array's x-kubernetes-list-type is map`,
  ]);
  // "duplicate map keys with list type extension map"
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['key', 'key'], items: { type: 'object', required: ['key'], properties: { key: strings } } })), [
    `${L}.x-kubernetes-list-map-keys: Invalid value: ["key","key"]: must not contain duplicate entries`,
  ]);
  // "allowed schema with list type extension map", "allowed list-type atomic", "… with non-atomic items", "allowed list-type set with scalar items"
  const keys = { type: 'object', required: ['keyA', 'keyB'], properties: { keyA: strings, keyB: { type: 'integer' } } };
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['keyA', 'keyB'], items: keys })), []);
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'atomic', items: strings })), []);
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'atomic', items: { type: 'object', properties: {} } })), []);
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'set', items: strings })), []);
});

test('TestValidateCustomResourceDefinitionValidation set items cases', () => {
  const fooProps = { foo: { type: 'string' } };
  // "allowed list-type set with atomic map items"
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: fooProps } })), []);
  // "invalid list-type set with non-atomic map items": upstream prints the items' list type (unset: null)
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', 'x-kubernetes-map-type': 'granular', properties: fooProps } })), [
    `${L}.items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set`,
  ]);
  // "invalid list-type set with unspecified map-type for map items"
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object', properties: fooProps } })), [
    `${L}.items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set`,
  ]);
  // "allowed list-type set with atomic list items", "… with unspecified list-type in list items"
  const strings = { type: 'string' };
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'array', 'x-kubernetes-list-type': 'atomic', items: strings } })), []);
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'array', items: strings } })), []);
  // "invalid list-type set with with non-atomic list items"
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'array', 'x-kubernetes-list-type': 'set', items: strings } })), [
    `${L}.items.x-kubernetes-list-type: Invalid value: "set": must be atomic as item of a list with x-kubernetes-list-type=set`,
  ]);
});

test('TestValidateCustomResourceDefinitionValidation map-type cases', () => {
  // "invalid type with map type extension (granular)" and "(atomic)": an array also needs items in a create
  for (const mapType of ['granular', 'atomic']) {
    assert.deepEqual(check(field({ type: 'array', items: { type: 'string' }, 'x-kubernetes-map-type': mapType })), [`${L}.type: Invalid value: "array": must be object if x-kubernetes-map-type is specified`]);
    assert.deepEqual(check(field({ 'x-kubernetes-map-type': mapType })), [
      `${L}.type: Required value: must not be empty for specified object fields`,
      `${L}.type: Required value: must be object if x-kubernetes-map-type is specified`,
    ]);
    // "allowed type with map type extension (granular)" and "(atomic)"
    assert.deepEqual(check(field({ type: 'object', 'x-kubernetes-map-type': mapType })), []);
  }
  // "invalid map type"
  assert.deepEqual(check(field({ type: 'object', 'x-kubernetes-map-type': 'badMapType' })), [`${L}.x-kubernetes-map-type: Unsupported value: "badMapType": supported values: "atomic", "granular"`]);
});

test('TestValidateCustomResourceDefinitionValidation map keys: required or defaulted, not nullable', () => {
  const map = (items) => field({ type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['key'], items });
  // "invalid map with non-required key and no default"
  assert.deepEqual(check(map({ type: 'object', properties: { key: { type: 'string' } } })), [
    `${L}.items.properties[key].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property`,
  ]);
  // "allowed map with required key and no default", "allowed map with non-required key and default"
  assert.deepEqual(check(map({ type: 'object', required: ['key'], properties: { key: { type: 'string' } } })), []);
  assert.deepEqual(check(map({ type: 'object', properties: { key: { type: 'string', default: 'stuff' } } })), []);
  // "invalid map with nullable key"
  assert.deepEqual(check(map({ type: 'object', required: ['key'], properties: { key: { type: 'string', nullable: true } } })), [
    `${L}.items.properties[key].nullable: Forbidden: this property is in x-kubernetes-list-map-keys, so it cannot be nullable`,
  ]);
  // "invalid map with nullable items"
  assert.deepEqual(check(map({ type: 'object', nullable: true, required: ['key'], properties: { key: { type: 'string' } } })), [`${L}.items.nullable: Forbidden: cannot be nullable when x-kubernetes-list-type is map`]);
  // "invalid set with nullable items", "allowed set with non-nullable items"
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string', nullable: true } })), [`${L}.items.nullable: Forbidden: cannot be nullable when x-kubernetes-list-type is set`]);
  assert.deepEqual(check(field({ type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } })), []);
});

test('TestValidateCustomResourceDefinitionValidation "rule is empty or not specified", "multiline rule with message", "invalid and required messages"', () => {
  const rules = (r) => crd({ schema: { type: 'object', properties: { value: { type: 'integer', 'x-kubernetes-validations': r } } } });
  const p = `${V}.properties[value].x-kubernetes-validations`;
  assert.deepEqual(check(rules([{ rule: '' }, { message: 'something' }])), [`${p}[0].rule: Required value: rule is not specified`, `${p}[1].rule: Required value: rule is not specified`]);
  assert.deepEqual(check(rules([{ rule: 'self >= 0 &&\nself <= 10', message: 'value must be between 0 and 10' }])), []);
  assert.deepEqual(check(rules([{ rule: 'true', message: '   ' }, { rule: 'true', message: ' bad\nmessage' }, { rule: 'a ||\nb' }])), [
    `${p}[0].message: Invalid value: "   ": must be non-empty if specified`,
    `${p}[1].message: Invalid value: " bad\\nmessage": must not contain line breaks`,
    `${p}[2].message: Required value: message must be specified if rule contains line breaks`,
  ]);
  // the details named the field before 1.34
  assert.deepEqual(check(rules([{ rule: 'true', message: '   ' }]), '1.33'), [`${p}[0].message: Invalid value: "   ": message must be non-empty if specified`]);
});

// ---------------------------------------------------------------------------------------------------
// TestNonStructuralSchemaConditionForCRDV1 (test/integration/validation_test.go): full messages. The
// integration test gives both versions the same schema, hence spec.validation.

const both = (schema) => crd({ versions: [version('v1beta1', true, schema), version('v1', false, schema)] });

test('TestNonStructuralSchemaConditionForCRDV1 "int-or-string and preserve-unknown-fields true", "… embedded-resource true"', () => {
  assert.deepEqual(check(both({ 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-int-or-string': true })), [
    `${V}.x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true`,
  ]);
  assert.deepEqual(check(both({ type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-int-or-string': true })), [
    `${V}.x-kubernetes-embedded-resource: Invalid value: true: must be false if x-kubernetes-int-or-string is true`,
    `${V}.properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
  ].sort());
});

test('TestNonStructuralSchemaConditionForCRDV1 embedded-resource cases', () => {
  assert.deepEqual(check(both({ type: 'object', 'x-kubernetes-embedded-resource': true })), [
    `${V}.properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
  ]);
  assert.deepEqual(check(both({ type: 'object', 'x-kubernetes-embedded-resource': true, properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } } })), []);
  assert.deepEqual(check(both({ type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true })), []);
  assert.deepEqual(check(both({ type: 'array', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true })), [
    `${V}.items: Required value: must be specified`,
    `${V}.type: Invalid value: "array": must be object at the root`,
    `${V}.type: Invalid value: "array": must be object if x-kubernetes-embedded-resource is true`,
  ]);
  assert.deepEqual(check(both({ type: '', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true })), [
    `${V}.type: Required value: must be object if x-kubernetes-embedded-resource is true`,
  ]);
});

test('TestNonStructuralSchemaConditionForCRDV1 "forbidden vendor extensions in nested value validation"', () => {
  const branch = { properties: { 'int-or-string': { 'x-kubernetes-int-or-string': true }, 'embedded-resource': { 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } } };
  const schema = {
    type: 'object',
    properties: { 'int-or-string': { 'x-kubernetes-int-or-string': true }, 'embedded-resource': { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } },
    not: branch,
    allOf: [branch],
    anyOf: [branch],
    oneOf: [branch],
  };
  const expected = [];
  for (const j of ['allOf[0]', 'anyOf[0]', 'oneOf[0]', 'not']) {
    expected.push(
      `${V}.${j}.properties[embedded-resource].x-kubernetes-preserve-unknown-fields: Forbidden: must be false to be structural`,
      `${V}.${j}.properties[embedded-resource].x-kubernetes-embedded-resource: Forbidden: must be false to be structural`,
      `${V}.${j}.properties[int-or-string].x-kubernetes-int-or-string: Forbidden: must be false to be structural`,
    );
  }
  assert.deepEqual(check(both(schema)), expected.sort());
});

test('TestNonStructuralSchemaConditionForCRDV1 "missing types with extensions"', () => {
  const schema = {
    properties: {
      foo: { properties: { a: {} } },
      bar: { items: { additionalProperties: { properties: { a: {} }, items: {} } } },
      // `items:` with no value in upstream's YAML: null, no items
      abc: { additionalProperties: { properties: { a: { items: { additionalProperties: {} } } } } },
      json: { 'x-kubernetes-preserve-unknown-fields': true, properties: { a: {} } },
      'int-or-string': { 'x-kubernetes-int-or-string': true, properties: { a: {} } },
    },
  };
  assert.deepEqual(check(both(schema)), [
    `${V}.properties[foo].properties[a].type: Required value: must not be empty for specified object fields`,
    `${V}.properties[foo].type: Required value: must not be empty for specified object fields`,
    `${V}.properties[int-or-string].properties[a].type: Required value: must not be empty for specified object fields`,
    `${V}.properties[json].properties[a].type: Required value: must not be empty for specified object fields`,
    `${V}.properties[abc].additionalProperties.properties[a].items.additionalProperties.type: Required value: must not be empty for specified object fields`,
    `${V}.properties[abc].additionalProperties.properties[a].items.type: Required value: must not be empty for specified array items`,
    `${V}.properties[abc].additionalProperties.properties[a].type: Required value: must not be empty for specified object fields`,
    `${V}.properties[abc].additionalProperties.type: Required value: must not be empty for specified object fields`,
    `${V}.properties[abc].type: Required value: must not be empty for specified object fields`,
    `${V}.properties[bar].items.additionalProperties.items.type: Required value: must not be empty for specified array items`,
    `${V}.properties[bar].items.additionalProperties.properties[a].type: Required value: must not be empty for specified object fields`,
    `${V}.properties[bar].items.additionalProperties.type: Required value: must not be empty for specified object fields`,
    `${V}.properties[bar].items.type: Required value: must not be empty for specified array items`,
    `${V}.properties[bar].type: Required value: must not be empty for specified object fields`,
    `${V}.type: Required value: must not be empty at the root`,
  ].sort());
});

test('TestNonStructuralSchemaConditionForCRDV1 "int-or-string variants"', () => {
  const ios = { 'x-kubernetes-int-or-string': true };
  const schema = {
    type: 'object',
    properties: {
      a: ios,
      b: { ...ios, anyOf: [{ type: 'integer' }, { type: 'string' }], allOf: [{ pattern: 'abc' }] },
      c: { ...ios, allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }, { pattern: 'abc' }, { pattern: 'abc' }] },
      d: { ...ios, anyOf: [{ type: 'integer' }, { type: 'string', pattern: 'abc' }] },
      e: { ...ios, allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string', pattern: 'abc' }] }, { pattern: 'abc' }] },
      f: { ...ios, anyOf: [{ type: 'integer' }, { type: 'string' }, { pattern: 'abc' }] },
      g: { ...ios, anyOf: [{ type: 'string' }, { type: 'integer' }] },
    },
  };
  assert.deepEqual(check(both(schema)), [
    `${V}.properties[d].anyOf[0].type: Forbidden: must be empty to be structural`,
    `${V}.properties[d].anyOf[1].type: Forbidden: must be empty to be structural`,
    `${V}.properties[e].allOf[0].anyOf[0].type: Forbidden: must be empty to be structural`,
    `${V}.properties[e].allOf[0].anyOf[1].type: Forbidden: must be empty to be structural`,
    `${V}.properties[f].anyOf[0].type: Forbidden: must be empty to be structural`,
    `${V}.properties[f].anyOf[1].type: Forbidden: must be empty to be structural`,
    `${V}.properties[g].anyOf[0].type: Forbidden: must be empty to be structural`,
    `${V}.properties[g].anyOf[1].type: Forbidden: must be empty to be structural`,
  ]);
});

test('TestNonStructuralSchemaConditionForCRDV1 "structural complete" and metadata name/generateName cases', () => {
  const complete = {
    type: 'object',
    properties: {
      a: { type: 'string' },
      b: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'string' } } } },
      c: { type: 'array', items: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } } },
      d: { type: 'array', items: { type: 'string' } },
      e: { type: 'string' },
      f: { type: 'string' },
      g: { type: 'string' },
    },
    not: { properties: { a: {}, b: { not: { properties: { a: {}, b: { items: {} } } } }, c: { items: { not: { items: { properties: { a: {} } } } } }, d: { items: {} } } },
    allOf: [{ properties: { e: {} } }],
    anyOf: [{ properties: { f: {} } }],
    oneOf: [{ properties: { g: {} } }],
  };
  assert.deepEqual(check(both(complete)), []);
  const pattern = { type: 'string', pattern: '^[a-z]+$' };
  for (const properties of [{ name: pattern }, { generateName: pattern }, { name: pattern, generateName: pattern }]) {
    assert.deepEqual(check(both({ type: 'object', properties: { metadata: { type: 'object', properties } } })), []);
  }
});

test('TestNonStructuralSchemaConditionForCRDV1 "items slice" and "items slice in value validation"', () => {
  assert.deepEqual(check(both({ type: 'object', properties: { slice: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] } } })), [
    `${V}.properties[slice].items: Forbidden: items must be a schema object and not an array`,
  ]);
  assert.deepEqual(check(both({ type: 'object', properties: { slice: { type: 'array', items: { type: 'string' }, not: { items: [{ type: 'string' }] } } } })), [
    `${V}.properties[slice].not.items: Forbidden: items must be a schema object and not an array`,
  ]);
});

// TestNonStructuralSchemaConditionForCRDV1Beta1MigratedData: the same rules when the versions' schemas
// differ (the messages then name spec.versions[i])

const differing = (schema) => crd({ versions: [version('v1beta1', true, schema), version('v1', false, OBJECT)] });
const P = 'spec.versions[0].schema.openAPIV3Schema';

test('TestNonStructuralSchemaConditionForCRDV1Beta1MigratedData "no top-level type", "non-object top-level type"', () => {
  assert.deepEqual(check(differing({ type: '' })), [`${P}.type: Required value: must not be empty at the root`]);
  assert.deepEqual(check(differing({ type: 'integer' })), [`${P}.type: Invalid value: "integer": must be object at the root`]);
});

test('TestNonStructuralSchemaConditionForCRDV1Beta1MigratedData "forbidden in nested value validation"', () => {
  const schema = {
    type: 'object',
    properties: { foo: { type: 'string' } },
    not: { type: 'string', additionalProperties: true, title: 'hello', description: 'world', nullable: true },
    allOf: [{ properties: { foo: { type: 'string', additionalProperties: true, title: 'hello', description: 'world', nullable: true } } }],
    anyOf: [{ items: { type: 'string', additionalProperties: true, title: 'hello', description: 'world', nullable: true } }],
    oneOf: [{ properties: { foo: { type: 'string', additionalProperties: true, title: 'hello', description: 'world', nullable: true } } }],
  };
  const expected = [];
  for (const at of ['not', 'allOf[0].properties[foo]', 'anyOf[0].items', 'oneOf[0].properties[foo]']) {
    expected.push(
      `${P}.${at}.type: Forbidden: must be empty to be structural`,
      `${P}.${at}.additionalProperties: Forbidden: must be undefined to be structural`,
      `${P}.${at}.title: Forbidden: must be empty to be structural`,
      `${P}.${at}.description: Forbidden: must be empty to be structural`,
      `${P}.${at}.nullable: Forbidden: must be false to be structural`,
    );
  }
  // and the root's anyOf items are not specified outside the junctor
  expected.push(`${P}.items: Required value: because it is defined in ${P}.anyOf[0].items`);
  assert.deepEqual(check(differing(schema)), expected.sort());
});

test('TestNonStructuralSchemaConditionForCRDV1Beta1MigratedData "metadata under junctors"', () => {
  const schema = {
    type: 'object',
    properties: { metadata: { type: 'object', properties: { name: { type: 'string', pattern: '^[a-z]+$' } } } },
    allOf: [{ properties: { metadata: {} } }],
    anyOf: [{ properties: { metadata: {} } }],
    oneOf: [{ properties: { metadata: {} } }],
    not: { properties: { metadata: {} } },
  };
  assert.deepEqual(check(differing(schema)), [
    `${P}.allOf[0].properties[metadata]: Forbidden: must not be specified in a nested context`,
    `${P}.anyOf[0].properties[metadata]: Forbidden: must not be specified in a nested context`,
    `${P}.not.properties[metadata]: Forbidden: must not be specified in a nested context`,
    `${P}.oneOf[0].properties[metadata]: Forbidden: must not be specified in a nested context`,
  ]);
});

test('TestNonStructuralSchemaConditionForCRDV1Beta1MigratedData "metadata with other properties"', () => {
  const schema = { type: 'object', properties: { metadata: { properties: { name: { pattern: '^[a-z]+$' }, labels: { type: 'object', maxLength: 4 } } } } };
  // upstream's test lists three of these; metadata without a type is also not an object
  assert.deepEqual(check(differing(schema)), [
    `${P}.properties[metadata].properties[name].type: Required value: must not be empty for specified object fields`,
    `${P}.properties[metadata].type: Invalid value: "": must be object`,
    `${P}.properties[metadata].type: Required value: must not be empty for specified object fields`,
    `${P}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`,
  ]);
});

test('TestNonStructuralSchemaConditionForCRDV1Beta1MigratedData "missing items for array", "invalid regex pattern", "forbidden additionalProperties at the root"', () => {
  assert.deepEqual(check(differing({ type: 'object', properties: { slice: { type: 'array' } } })), [`${P}.properties[slice].items: Required value: must be specified`]);
  assert.deepEqual(check(differing({ type: 'object', properties: { foo: { type: 'string', pattern: '+' } } })), [
    `${P}.properties[foo].pattern: Invalid value: "+": must be a valid regular expression, but isn't: error parsing regexp: missing argument to repetition operator: \`+\``,
  ]);
  assert.deepEqual(check(differing({ type: 'object', additionalProperties: false })), [`${P}.additionalProperties: Forbidden: must not be used at the root`]);
});

test('TestNonStructuralSchemaConditionForCRDV1Beta1MigratedData "structural incomplete"', () => {
  const schema = {
    type: 'object',
    properties: { b: { type: 'object', properties: { b: { type: 'array' } } }, c: { type: 'array', items: { type: 'object' } }, d: { type: 'array' } },
    not: { properties: { a: {}, b: { not: { properties: { a: {}, b: { items: {} } } } }, c: { items: { not: { items: { properties: { a: {} } } } } }, d: { items: {} } } },
    allOf: [{ properties: { e: {} } }],
    anyOf: [{ properties: { f: {} } }],
    oneOf: [{ properties: { g: {} } }],
  };
  // upstream lists the completeness errors; the arrays without items are refused as well
  assert.deepEqual(check(differing(schema)), [
    `${P}.properties[a]: Required value: because it is defined in ${P}.not.properties[a]`,
    `${P}.properties[b].properties[a]: Required value: because it is defined in ${P}.not.properties[b].not.properties[a]`,
    `${P}.properties[b].properties[b].items: Required value: because it is defined in ${P}.not.properties[b].not.properties[b].items`,
    `${P}.properties[b].properties[b].items: Required value: must be specified`,
    `${P}.properties[c].items.items: Required value: because it is defined in ${P}.not.properties[c].items.not.items`,
    `${P}.properties[d].items: Required value: because it is defined in ${P}.not.properties[d].items`,
    `${P}.properties[d].items: Required value: must be specified`,
    `${P}.properties[e]: Required value: because it is defined in ${P}.allOf[0].properties[e]`,
    `${P}.properties[f]: Required value: because it is defined in ${P}.anyOf[0].properties[f]`,
    `${P}.properties[g]: Required value: because it is defined in ${P}.oneOf[0].properties[g]`,
  ]);
});

test('TestValidateStructuralCompleteness cases, and junctors of nested nodes are not checked for completeness', () => {
  // "disallowed property in valuevalidation, and in structure" / "disallowed items in valuevalidation, and not in structure"
  assert.deepEqual(check(differing({ type: 'object', properties: { foo: { type: 'string' } }, allOf: [{ properties: { notfoo: { type: 'string' } } }] })), [
    `${P}.allOf[0].properties[notfoo].type: Forbidden: must be empty to be structural`,
    `${P}.properties[notfoo]: Required value: because it is defined in ${P}.allOf[0].properties[notfoo]`,
  ]);
  assert.deepEqual(check(differing({ type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' } }, oneOf: [{ properties: { b: {} } }] } } })), []);
});

// ---------------------------------------------------------------------------------------------------
// Rules not covered by the cases above, and the messages of what a user most often gets wrong

test('a misspelt type, in the message kubectl prints and at the field in the file', () => {
  const o = crd({ versions: [version('v1', true, { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'strign' } } } } })] });
  assert.deepEqual(check(o), [`${V}.properties[spec].properties[size].type: Unsupported value: "strign": ${TYPES}`]);
  assert.deepEqual(at(o), ['spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/size/type']);
});

test('defaults that do not validate: type, enum, required, bounds, patterns, items', () => {
  const schema = {
    type: 'object',
    properties: {
      replicas: { type: 'integer', minimum: 1, maximum: 10, default: 0 },
      ratio: { type: 'number', maximum: 1.5, default: 2.5 },
      mode: { type: 'string', enum: ['Fast', 'Slow'], default: 'fast' },
      name: { type: 'string', maxLength: 3, default: 'abcd' },
      port: { type: 'integer', default: '80' },
      list: { type: 'array', items: { type: 'string' }, maxItems: 1, default: ['a', 1] },
      obj: { type: 'object', required: ['a'], properties: { a: { type: 'string' }, b: { type: 'string' } }, default: { b: 'x' } },
      ok: { type: 'object', properties: { a: { type: 'integer', default: 1 } }, default: {} },
      ios: { 'x-kubernetes-int-or-string': true, default: '25%' },
    },
  };
  const p = (name) => `${V}.properties[${name}].default`;
  assert.deepEqual(check(crd({ schema })), [
    `${p('replicas')}: Invalid value: 0:  in body should be greater than or equal to 1`,
    `${p('ratio')}: Invalid value: 2.5:  in body should be less than or equal to 1.5`,
    `${p('mode')}: Unsupported value: "fast": supported values: "Fast", "Slow"`,
    `${p('name')}: Too long: may not be more than 3 bytes`,
    `${p('port')}: Invalid value: "string":  in body must be of type integer: "string"`,
    // kube-openapi names the item "[1]", appended as a child: `.[1]`
    `${p('list')}.[1]: Invalid value: "integer": [1] in body must be of type string: "integer"`,
    `${p('list')}: Too many: 2: must have at most 1 item`,
    `${p('obj')}.a: Required value`,
  ]);
  // field.TooLong's wording: "may not be longer than" until 1.31, "bytes" from 1.32, "byte" for one from 1.34
  const name = (version) => check(crd({ schema: { type: 'object', properties: { name: { type: 'string', maxLength: 3, default: 'abcd' } } } }), version);
  assert.deepEqual(name('1.31'), [`${p('name')}: Too long: may not be longer than 3`]);
  assert.deepEqual(name('1.33'), [`${p('name')}: Too long: may not be more than 3 bytes`]);
});

test('names, versions, printer columns, subresources, selectable fields, API approval', () => {
  const o = crd({
    name: 'widgets.example.k8s.io',
    group: 'example.k8s.io',
    names: { plural: 'widgets', kind: 'Widget', shortNames: ['W'], categories: ['all'] },
    versions: [
      version('v1', true, { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' }, tags: { type: 'object' } } } } }, {
        additionalPrinterColumns: [{ name: 'Size', type: 'int', jsonPath: 'spec.size' }, { name: 'Age', type: 'date', format: 'time', jsonPath: '.metadata.creationTimestamp' }],
        subresources: { scale: { specReplicasPath: '.size', statusReplicasPath: '.status.replicas' } },
        selectableFields: [{ jsonPath: '.spec.size' }, { jsonPath: '.spec.tags' }, { jsonPath: '.spec.missing' }, { jsonPath: '.spec.size' }],
      }),
      version('V2', false, { type: 'object' }, { deprecationWarning: 'old' }),
      version('V2', false, { type: 'object' }),
    ],
  });
  const messages = check(o);
  // the versions print whole (JSON of the internal structs): checked apart
  assert.match(messages[10], /^spec\.versions: Invalid value: \[\{"Name":"v1","Served":true,"Storage":true,"Deprecated":false,"DeprecationWarning":null,"Schema":\{"OpenAPIV3Schema":\{"ID":"".*\}\]: must contain unique version names$/);
  assert.deepEqual(messages.filter((_, i) => i !== 10), [
    'spec.versions[0].subresources.scale.specReplicasPath: Invalid value: ".size": should be a json path under .spec',
    `spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "int": must be one of boolean,date,integer,number,string`,
    'spec.versions[0].additionalPrinterColumns[0].JSONPath: Invalid value: "spec.size": must be a simple json path starting with .',
    'spec.versions[0].additionalPrinterColumns[1].format: Invalid value: "time": must be one of byte,date,date-time,double,float,int32,int64,password',
    'spec.versions[0].selectableFields[1].jsonPath: Invalid value: ".spec.tags": must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.',
    'spec.versions[0].selectableFields[2].jsonPath: Invalid value: ".spec.missing": is an invalid path: does not refer to a valid field',
    'spec.versions[0].selectableFields[3].jsonPath: Duplicate value: ".spec.size"',
    `spec.versions[1].name: Invalid value: "V2": ${DNS1035}`,
    'spec.versions[1].deprecationWarning: Invalid value: "old": can only be set for deprecated versions',
    `spec.versions[2].name: Invalid value: "V2": ${DNS1035}`,
    `spec.names.shortNames[0]: Invalid value: "W": ${DNS1035}`,
    'metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
  ]);
  // the printer column's JSONPath is jsonPath in the file
  assert.equal(at(o)[2], 'spec/versions/0/additionalPrinterColumns/0/jsonPath');
  const approved = { ...o, metadata: { name: 'widgets.example.k8s.io', annotations: { 'api-approved.kubernetes.io': 'https://github.com/kubernetes/enhancements/pull/1111' } } };
  assert.ok(!check(approved).some((m) => m.startsWith('metadata.annotations')));
  const unapproved = { ...o, metadata: { name: 'widgets.example.k8s.io', annotations: { 'api-approved.kubernetes.io': 'no' } } };
  assert.ok(check(unapproved).includes('metadata.annotations[api-approved.kubernetes.io]: Invalid value: "no": protected groups must have approval annotation "api-approved.kubernetes.io" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111'));
});

test('Go regular expressions: what RE2 refuses that JavaScript takes, and the other way round', () => {
  const pattern = (p) => check(crd({ schema: { type: 'object', properties: { s: { type: 'string', pattern: p } } } }));
  const err = (p, e) => [`${V}.properties[s].pattern: Invalid value: ${JSON.stringify(p)}: must be a valid regular expression, but isn't: error parsing regexp: ${e}`];
  assert.deepEqual(pattern('^(?=a)b$'), err('^(?=a)b$', 'invalid or unsupported Perl syntax: `(?=`'));
  assert.deepEqual(pattern('^(a)\\1$'), err('^(a)\\1$', 'invalid escape sequence: `\\1`'));
  assert.deepEqual(pattern('a**'), err('a**', 'invalid nested repetition operator: `**`'));
  assert.deepEqual(pattern('[a-'), err('[a-', 'missing closing ]: `[a-`'));
  assert.deepEqual(pattern('(a'), err('(a', 'missing closing ): `(a`'));
  assert.deepEqual(pattern('a)'), err('a)', 'unexpected ): `a)`'));
  assert.deepEqual(pattern('[z-a]'), err('[z-a]', 'invalid character class range: `z-a`'));
  assert.deepEqual(pattern('a{1001}'), err('a{1001}', 'invalid repeat count: `{1001}`'));
  assert.deepEqual(pattern('\\'), err('\\', 'trailing backslash at end of expression: ``'));
  for (const ok of ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', '^(?i)(jan|feb)$', '\\p{L}+', '[[:alpha:]]', '(?P<name>x)', '(?<name>x)', 'a{,5}', '\\Qa.b\\E', '^\\d{1,3}(\\.\\d+)?$', '[\\w.-]+', '^$', '{']) {
    assert.deepEqual(pattern(ok), [], ok);
  }
});

test('Convert_v1_CustomResourceDefinitionSpec_To_apiextensions: what counts as the same schema, and a hoisting quirk', () => {
  // Semantic.DeepEqual: an empty list equals none, so these versions share one schema (spec.validation)
  const a = { type: 'object', required: [], properties: { n: { type: 'strign' } } };
  const b = { type: 'object', properties: { n: { type: 'strign' } } };
  assert.deepEqual(check(crd({ versions: [version('v1', true, a), version('v2', false, b)] })), [`${V}.properties[n].type: Unsupported value: "strign": ${TYPES}`]);
  // a shared schema moves to spec.validation, selectable fields that differ stay in their versions: upstream
  // then finds a version with selectable fields and without a schema
  const schema = { type: 'object', properties: { spec: { type: 'object', properties: { color: { type: 'string' } } } } };
  const o = crd({ versions: [version('v1', true, schema, { selectableFields: [{ jsonPath: '.spec.color' }] }), version('v2', false, schema)] });
  assert.deepEqual(check(o), ['spec.versions[0].selectableFields: Invalid value: "": may only be set when `version.schema.openAPIV3Schema` is not included']);
  assert.deepEqual(at(o), ['spec/versions/0/selectableFields']);
  // the same selectable fields in every version move too, and are checked against the shared schema
  const both = crd({ versions: [version('v1', true, schema, { selectableFields: [{ jsonPath: '.spec.color' }] }), version('v2', false, schema, { selectableFields: [{ jsonPath: '.spec.color' }] })] });
  assert.deepEqual(check(both), []);
});

// ---------------------------------------------------------------------------------------------------
// TestValidateCustomResourceDefinitionValidation: the estimated cost of x-kubernetes-validations

const BUDGET_HINT = '(try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)';
const CONTRIBUTED = 'Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema';
const ruleCost = (factor) => `Forbidden: estimated rule cost exceeds budget by factor of ${factor} ${BUDGET_HINT}`;
const totalCost = (factor) => `${V}: Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of ${factor} ${BUDGET_HINT}`;
/** value: a list of maps of objects with a required key, under a rule that visits every key of every map. */
const doubleNested = ({ maxItems, maxProperties, key }) => ({
  type: 'object',
  properties: {
    value: {
      type: 'array',
      ...(maxItems ? { maxItems } : {}),
      items: {
        type: 'object',
        ...(maxProperties ? { maxProperties } : {}),
        additionalProperties: { type: 'object', required: ['key'], properties: { key } },
      },
      'x-kubernetes-validations': [{ rule: 'self.all(x, x.all(y, x[y].key == x[y].key))' }],
    },
  },
});
const VALUE_RULE = `${V}.properties[value].x-kubernetes-validations[0].rule`;

test('TestValidateCustomResourceDefinitionValidation "forbid double-nested rule with no limit set" and "… with one limit set"', () => {
  for (const key of [{ type: 'string' }, { type: 'string', maxLength: 10 }]) {
    assert.deepEqual(check(crd({ schema: doubleNested({ key }) })), [
      // exceeds the per-rule limit, and contributes to the total's being exceeded
      `${VALUE_RULE}: ${ruleCost('more than 100x')}`,
      `${VALUE_RULE}: ${CONTRIBUTED}`,
      totalCost('more than 100x'),
    ]);
  }
});

test('TestValidateCustomResourceDefinitionValidation "allow double-nested rule with three limits set", "… with one limit set on outermost array", "check for cardinality of 1 under root object"', () => {
  assert.deepEqual(check(crd({ schema: doubleNested({ maxItems: 10, maxProperties: 10, key: { type: 'string', maxLength: 10 } }) })), []);
  assert.deepEqual(check(crd({ schema: doubleNested({ maxItems: 4, key: { type: 'number' } }) })), []);
  const integer = { type: 'object', properties: { value: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self < 1024' }] } } };
  assert.deepEqual(check(crd({ schema: integer })), []);
});

test('TestValidateCustomResourceDefinitionValidation "forbid validation rules where cost total exceeds total limit"', () => {
  const contains = { type: 'string', maxLength: 5000, 'x-kubernetes-validations': [{ rule: "self.contains('keyword')" }] };
  const schema = {
    type: 'object',
    properties: {
      list: { type: 'array', maxItems: 100000, items: contains },
      map: { type: 'object', maxProperties: 1000, additionalProperties: contains },
      // under 1% of the total limit: not among the most expensive
      field: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self > 50 && self < 100' }] },
    },
  };
  // each contains() costs 2001 at most: times 100,000 items, 200,100,000; times 1,000 entries, 2,001,000
  assert.deepEqual(check(crd({ schema })), [
    `${V}.properties[list].items.x-kubernetes-validations[0].rule: ${ruleCost('20.0x')}`,
    `${V}.properties[list].items.x-kubernetes-validations[0].rule: ${CONTRIBUTED}`,
    `${V}.properties[map].additionalProperties.x-kubernetes-validations[0].rule: ${CONTRIBUTED}`,
    totalCost('2.0x'), // 202,101,004: from 1.5, one decimal
  ]);
  // before 1.24 the API server estimated nothing
  assert.deepEqual(check(crd({ schema }), '1.23'), []);
});

test('TestValidateCustomResourceDefinitionValidation "suppress per-expression cost limit in pre-existing versions": a new version\'s messageExpression', () => {
  // Upstream's update case: the estimate is suppressed only for versions the old object already had.
  const schema = {
    type: 'object',
    properties: {
      f: {
        type: 'array',
        items: { type: 'string' },
        'x-kubernetes-validations': [{ rule: 'true', messageExpression: 'self[0] + self[1] + self[2] + self[3] + self[4] + self[5] + self[6] + self[7]' }],
      },
    },
  };
  // eight strings of up to 3 MiB concatenated: 11,010,060; a messageExpression's cost is not multiplied
  assert.deepEqual(check(crd({ schema })), [
    `${V}.properties[f].x-kubernetes-validations[0].messageExpression: Forbidden: estimated messageExpression cost exceeds budget by factor of 1.101006x ${BUDGET_HINT}`,
  ]);
});

test('TestPerCRDEstimatedCost', () => {
  const MAX = 2n ** 64n - 1n;
  const cases = [
    ['no costs', [], [], 0n],
    ['one cost', [1000000n], [1000000n], 1000000n],
    ['one cost, ignored', [900000n], [], 900000n], // under 1% of the per-CRD limit
    ['2 costs', [5000000n, 25000000n], [25000000n, 5000000n], 30000000n],
    ['3 costs, one ignored', [5000000n, 25000000n, 900000n], [25000000n, 5000000n], 30900000n],
    ['4 costs', [16000000n, 50000000n, 34000000n, 50000000n], [50000000n, 50000000n, 34000000n, 16000000n], 150000000n],
    ['5 costs, one trimmed, one ignored', [16000000n, 50000000n, 900000n, 34000000n, 50000000n, 50000001n], [50000001n, 50000000n, 50000000n, 34000000n], 200900001n],
    ['costs do not overflow', [MAX / 2n, MAX / 2n, 1n, 10n, 100n, 1000n], [MAX / 2n, MAX / 2n], MAX],
  ];
  for (const [name, costs, expensive, total] of cases) {
    const t = new CrdCelTotalCost();
    for (const c of costs) t.observe([], c);
    assert.deepEqual([t.mostExpensive.map((x) => x.cost), t.total], [expensive, total], name);
  }
});

test('TestValidateCustomResourceDefinitionValidation "x-kubernetes-validations rule invalidated by messageExpression exceeding per-CRD estimated cost limit"', () => {
  // string() has no size estimate: the concatenation of three is as long as anything
  const schema = {
    type: 'object',
    properties: {
      f: { type: 'array', items: { type: 'string' }, 'x-kubernetes-validations': [{ rule: 'true', messageExpression: 'string(self[0]) + string(self[1]) + string(self[2])' }] },
    },
  };
  const at = `${V}.properties[f].x-kubernetes-validations[0].messageExpression`;
  assert.deepEqual(check(crd({ schema })), [
    `${at}: Forbidden: estimated messageExpression cost exceeds budget by factor of more than 100x ${BUDGET_HINT}`,
    `${at}: ${CONTRIBUTED}`,
    totalCost('more than 100x'),
  ]);
});
