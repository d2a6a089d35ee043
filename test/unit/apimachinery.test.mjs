// The API server's name/label/port rules, messages verbatim from
// k8s.io/apimachinery/pkg/util/validation/validation.go.
import test from 'node:test';
import assert from 'node:assert/strict';
import { apimachinery as v, quantityError } from '../../dist/core.js';

const SUBDOMAIN_REGEX = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

test('IsDNS1123Subdomain', () => {
  assert.deepEqual(v.isDNS1123Subdomain('my-app.example.com'), []);
  assert.deepEqual(v.isDNS1123Subdomain('My_App'), [SUBDOMAIN_REGEX]);
  assert.deepEqual(v.isDNS1123Subdomain('a'.repeat(254)), ['must be no more than 253 characters']);
});

test('IsDNS1123Label and IsDNS1035Label', () => {
  assert.deepEqual(v.isDNS1123Label('123-abc'), []);
  // A valid subdomain that is not a label has dots (apimachinery v0.27+).
  assert.deepEqual(v.isDNS1123Label('a.b'), ['must not contain dots']);
  assert.deepEqual(v.isDNS1123Label('a_b'), [
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ]);
  assert.deepEqual(v.isDNS1035Label('abc-123'), []);
  assert.deepEqual(v.isDNS1035Label('1abc'), [
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  ]);
});

test('IsQualifiedName (label keys)', () => {
  assert.deepEqual(v.isQualifiedName('app.kubernetes.io/name'), []);
  assert.deepEqual(v.isQualifiedName('/name'), ['prefix part must be non-empty']);
  assert.deepEqual(v.isQualifiedName('example.com/'), [
    'name part must be non-empty',
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ]);
  assert.deepEqual(v.isQualifiedName('x'.repeat(64)), ['name part must be no more than 63 characters']);
  assert.deepEqual(v.isQualifiedName('Example.com/x'), [`prefix part ${SUBDOMAIN_REGEX}`]);
});

test('IsValidLabelValue', () => {
  assert.deepEqual(v.isValidLabelValue(''), []);
  assert.deepEqual(v.isValidLabelValue('v1.2_3-x'), []);
  assert.deepEqual(v.isValidLabelValue('-x'), [
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ]);
});

test('IsValidPortName (IANA_SVC_NAME)', () => {
  assert.deepEqual(v.isValidPortName('http-metrics'), []);
  assert.deepEqual(v.isValidPortName('a-very-long-port-name'), ['must be no more than 15 characters']);
  assert.deepEqual(v.isValidPortName('1234'), ['must contain at least one letter (a-z)']);
  assert.deepEqual(v.isValidPortName('-WEB--'), [
    'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'must contain at least one letter (a-z)',
    'must not contain consecutive hyphens',
    'must not begin or end with a hyphen',
  ]);
});

test('quantity grammar (resource.ParseQuantity errors)', () => {
  const formatWrong = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  for (const ok of ['1', '1.5', '.5', '5.', '100m', '1Gi', '1e9', '1E-3', '+2k', '-1', '129e6', '12Ei', '1n', '1u']) {
    assert.equal(quantityError(ok), undefined, ok);
  }
  assert.equal(quantityError('2 cores'), formatWrong);
  assert.equal(quantityError('1.2.3'), formatWrong);
  assert.equal(quantityError('Gi'), formatWrong);
  assert.equal(quantityError('1Gb'), formatWrong);
  assert.equal(quantityError('1Kii'), "unable to parse quantity's suffix");
  assert.equal(quantityError('1mi'), "unable to parse quantity's suffix");
});
