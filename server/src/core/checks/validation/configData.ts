import { obj, type Obj } from '../../model/obj';
import { regexError } from '../../schema/apimachineryValidation';
import type { FieldErrors } from '../../schema/fieldErrors';

/** ValidateConfigMap and ValidateSecret (pkg/apis/core/validation/validation.go): keys, sizes, typed secrets. */

const MAX_SIZE = 1024 * 1024;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** IsConfigMapKey (k8s.io/apimachinery/pkg/util/validation). */
export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key)) errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

const byteLength = (v: unknown): number => (typeof v === 'string' ? Buffer.byteLength(v) : 0);
/** The decoded length of a base64 value (binaryData, a Secret's data). */
const decodedLength = (v: unknown): number => (typeof v === 'string' ? Buffer.from(v, 'base64').length : 0);

export function validateConfigMap(o: Obj, fe: FieldErrors): void {
  const data = obj(o.data) ?? {};
  const binary = obj(o.binaryData) ?? {};
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    for (const msg of isConfigMapKey(key)) fe.invalid(['data', { key }], key, msg);
    if (key in binary) fe.invalid(['data', { key }], key, 'duplicate of key present in binaryData');
    size += byteLength(value);
  }
  for (const [key, value] of Object.entries(binary)) {
    for (const msg of isConfigMapKey(key)) fe.invalid(['binaryData', { key }], key, msg);
    size += decodedLength(value);
  }
  // Upstream's field path is the empty path, rendered `[]`.
  if (size > MAX_SIZE) fe.tooLong([{ key: '' }], MAX_SIZE);
}

/** The keys each Secret type requires (ValidateSecret), by type. */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function validateSecret(o: Obj, fe: FieldErrors): void {
  // stringData is merged into data (as bytes) before validation; data values are base64.
  const sizes = new Map<string, number>();
  for (const [key, value] of Object.entries(obj(o.data) ?? {})) sizes.set(key, decodedLength(value));
  for (const [key, value] of Object.entries(obj(o.stringData) ?? {})) sizes.set(key, byteLength(value));
  let size = 0;
  for (const [key, length] of sizes) {
    for (const msg of isConfigMapKey(key)) fe.invalid(['data', { key }], key, msg);
    size += length;
  }
  if (size > MAX_SIZE) fe.tooLong(['data'], MAX_SIZE);
  const type = typeof o.type === 'string' ? o.type : 'Opaque';
  for (const key of REQUIRED_KEYS[type] ?? []) {
    // An ssh-auth key must also be non-empty (`len(secret.Data[...]) == 0`).
    if (!sizes.has(key) || (type === 'kubernetes.io/ssh-auth' && sizes.get(key) === 0)) fe.required(['data', { key }]);
  }
  if (type === 'kubernetes.io/basic-auth' && !sizes.has('username') && !sizes.has('password')) {
    fe.required(['data', { key: 'username' }]);
    fe.required(['data', { key: 'password' }]);
  }
  if (type === 'kubernetes.io/service-account-token' && !obj(obj(o.metadata)?.annotations)?.['kubernetes.io/service-account.name']) {
    fe.required(['metadata', 'annotations', { key: 'kubernetes.io/service-account.name' }]);
  }
}
