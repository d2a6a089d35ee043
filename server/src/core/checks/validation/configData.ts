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
    size += Math.floor((byteLength(value) * 3) / 4);
  }
  // Upstream's field path is the empty path, rendered `[]`.
  if (size > MAX_SIZE) fe.add([{ key: '' }], `Too long: may not be more than ${MAX_SIZE} bytes`);
}

/** The keys each Secret type requires (ValidateSecret), by type. */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function validateSecret(o: Obj, fe: FieldErrors): void {
  // stringData is merged into data before validation.
  const data = { ...(obj(o.data) ?? {}), ...(obj(o.stringData) ?? {}) };
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    for (const msg of isConfigMapKey(key)) fe.invalid(['data', { key }], key, msg);
    size += byteLength(value);
  }
  if (size > MAX_SIZE) fe.add(['data'], `Too long: may not be more than ${MAX_SIZE} bytes`);
  const type = typeof o.type === 'string' ? o.type : 'Opaque';
  for (const key of REQUIRED_KEYS[type] ?? []) if (!(key in data)) fe.required(['data', { key }]);
  if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
    fe.required(['data', { key: 'username' }]);
    fe.required(['data', { key: 'password' }]);
  }
  if (type === 'kubernetes.io/service-account-token' && !obj(obj(o.metadata)?.annotations)?.['kubernetes.io/service-account.name']) {
    fe.required(['metadata', 'annotations', { key: 'kubernetes.io/service-account.name' }]);
  }
}
