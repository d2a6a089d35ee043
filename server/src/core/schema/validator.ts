import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { K8sSchema, SchemaCatalog } from './catalog';
import { addFormats } from './formats';
import { toAjvSchema } from './toAjvSchema';
import { API_VALIDATIONS } from './apiValidations';

export const DEFINITIONS_ID = 'k8s';
const REF_PREFIX = `${DEFINITIONS_ID}#/definitions/`;
export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export type SchemaErrors = ErrorObject[];

/**
 * One ajv instance per schema catalog. The definitions are registered once (not compiled); each
 * group/version/kind is compiled on first use and cached, so start-up compiles nothing.
 */
export class Validator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private definitionsAdded = false;

  constructor(private readonly catalog: SchemaCatalog) {
    // optimize: false roughly halves compile time (the first Deployment) for no measurable loss.
    this.ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false, addUsedSchema: false, code: { optimize: false } });
    addFormats(this.ajv);
  }

  private ensureDefinitions(): void {
    if (this.definitionsAdded) return;
    const definitions: Record<string, K8sSchema> = {};
    for (const [name, schema] of Object.entries(this.catalog.definitions())) {
      definitions[name] = toAjvSchema(schema, 'builtin', REF_PREFIX, API_VALIDATIONS[name]);
    }
    this.ajv.addSchema({ $id: DEFINITIONS_ID, definitions });
    this.definitionsAdded = true;
  }

  /** Validates a built-in kind by its root definition name. */
  validateDefinition(definition: string, value: unknown): SchemaErrors {
    let fn = this.compiled.get(definition);
    if (!fn) {
      this.ensureDefinitions();
      fn = this.ajv.compile({ $ref: REF_PREFIX + definition });
      this.compiled.set(definition, fn);
    }
    return fn(value) ? [] : [...(fn.errors ?? [])];
  }

  /**
   * Compiles a CRD's openAPIV3Schema (cached by `key`). The root always allows apiVersion, kind and a
   * metadata validated as ObjectMeta, as the API server does for every custom resource.
   * Returns an error message instead when the schema itself cannot be compiled.
   */
  compileCustom(key: string, schema: K8sSchema): ValidateFunction | string {
    const cached = this.compiled.get(key);
    if (cached) return cached;
    this.ensureDefinitions();
    const root = toAjvSchema(schema, 'crd', REF_PREFIX);
    root.properties = {
      ...(root.properties as Record<string, K8sSchema> | undefined),
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { $ref: REF_PREFIX + OBJECT_META },
    };
    try {
      const fn = this.ajv.compile(root);
      this.compiled.set(key, fn);
      return fn;
    } catch (e) {
      return (e as Error).message;
    }
  }
}
