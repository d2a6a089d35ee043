import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { K8sSchema, SchemaCatalog } from './catalog';
import { addFormats } from './formats';
import { toAjvSchema } from './toAjvSchema';
import { API_VALIDATIONS } from './apiValidations';
import { goRegExpEngine } from './goRegExp';
import { pruneSchema } from './pruneSchema';

export const DEFINITIONS_ID = 'k8s';
const REF_PREFIX = `${DEFINITIONS_ID}#/definitions/`;
export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export type SchemaErrors = ErrorObject[];

/** What one validation found, and the schema it used (to name valid fields next to an unknown one). */
export interface ValidationResult {
  errors: SchemaErrors;
  schema: K8sSchema;
}

/** A CRD version's validators: its converted schema, and the compiled validators of the shapes in use (oldest first). */
interface CustomValidators {
  fingerprint: string;
  /** The schema named in messages (metadata as a $ref to ObjectMeta). */
  schema: K8sSchema;
  /** The schema compiled (metadata left to the built-in validator), before pruning. */
  compiled: K8sSchema;
  hasRef: boolean;
  shapes: Map<string, ValidateFunction | string>;
}

/** Validators kept per CRD version: the shapes of the resources of a workspace, or of the one being typed. */
const SHAPES_KEPT = 16;

/** Validators of built-in kinds compiled at build time (dist/validators.js), by definition name. */
export type PrecompiledValidators = Record<string, ValidateFunction>;

/**
 * The ajv options, shared with the build-time precompilation. optimize: false roughly halves compile
 * time for no measurable loss; errors are explained from our own schemas, so ajv need not be verbose.
 */
export const AJV_OPTIONS = { allErrors: true, strict: false, validateSchema: false, addUsedSchema: false } as const;

/** The converted definitions registered under one id, as both the validator and precompilation use them. */
export function convertedDefinitions(catalog: SchemaCatalog): Record<string, K8sSchema> {
  const converted: Record<string, K8sSchema> = {};
  for (const [name, schema] of Object.entries(catalog.definitions())) {
    converted[name] = toAjvSchema(schema, 'builtin', REF_PREFIX, API_VALIDATIONS[name]);
  }
  return converted;
}

/**
 * One ajv instance per schema catalog. Built-in kinds use the validators precompiled at build time
 * when there are any; otherwise each group/version/kind is compiled on first use and cached. Start-up
 * compiles nothing.
 */
export class Validator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, { fn: ValidateFunction; schema: K8sSchema }>();
  /**
   * Custom resources' validators by group/version/kind: the converted schema, and a validator per
   * shape of the resources checked (the schema pruned to what they use: pruneSchema), the last
   * SHAPES_KEPT of them. Each is compiled by an ajv instance of its own: an ajv instance keeps every
   * schema it ever compiled (its code scope holds them), so a validator is dropped with its instance.
   */
  private readonly custom = new Map<string, CustomValidators>();
  private converted?: Record<string, K8sSchema>;

  private precompiled?: PrecompiledValidators | null;

  constructor(
    private readonly catalog: SchemaCatalog,
    private readonly loadPrecompiled: () => PrecompiledValidators | undefined = () => undefined,
  ) {
    this.ajv = this.newAjv();
  }

  private newAjv(): Ajv {
    const ajv = new Ajv({ ...AJV_OPTIONS, code: { optimize: false, regExp: goRegExpEngine } });
    addFormats(ajv);
    return ajv;
  }

  private definitions(): Record<string, K8sSchema> {
    if (!this.converted) {
      this.converted = convertedDefinitions(this.catalog);
      this.ajv.addSchema({ $id: DEFINITIONS_ID, definitions: this.converted });
    }
    return this.converted;
  }


  private compileBuiltin(definition: string): ValidateFunction {
    if (this.precompiled === undefined) this.precompiled = this.loadPrecompiled() ?? null;
    const ready = this.precompiled?.[definition];
    if (ready) return ready;
    this.definitions();
    return this.ajv.compile({ $ref: REF_PREFIX + definition });
  }

  /** The converted definition a `$ref` names. */
  readonly resolveRef = (ref: string): K8sSchema | undefined =>
    ref.startsWith(REF_PREFIX) ? this.definitions()[ref.slice(REF_PREFIX.length)] : undefined;

  /** Validates a built-in kind by its root definition name. */
  validateDefinition(definition: string, value: unknown): ValidationResult {
    let entry = this.compiled.get(definition);
    if (!entry) {
      entry = { fn: this.compileBuiltin(definition), schema: { $ref: REF_PREFIX + definition } };
      this.compiled.set(definition, entry);
    }
    return { errors: entry.fn(value) ? [] : [...(entry.fn.errors ?? [])], schema: entry.schema };
  }

  /**
   * Validates a custom resource against a CRD's openAPIV3Schema (compiled once per `key`). The root
   * always allows apiVersion, kind and a metadata validated as ObjectMeta, as the API server does.
   * Returns the compile error instead when the CRD's schema cannot be compiled.
   */
  validateCustom(key: string, fingerprint: string, crdSchema: K8sSchema, value: unknown): ValidationResult | string {
    let entry = this.custom.get(key);
    if (entry?.fingerprint !== fingerprint) {
      this.custom.delete(key);
      const schema = toAjvSchema(crdSchema, 'crd', REF_PREFIX);
      const properties = { ...(schema.properties as Record<string, K8sSchema> | undefined), apiVersion: { type: 'string' }, kind: { type: 'string' } };
      // metadata is validated as ObjectMeta by the built-in (precompiled) validator, not compiled again
      // into every CRD's instance; the schema returned keeps the $ref, for the messages.
      schema.properties = { ...properties, metadata: { $ref: REF_PREFIX + OBJECT_META } };
      const compiled = { ...schema, properties: { ...properties, metadata: { type: 'object' } } };
      // Structural schemas have no $ref; one that does gets the built-in definitions.
      entry = { fingerprint, schema, compiled, hasRef: JSON.stringify(compiled).includes('"$ref"'), shapes: new Map() };
      this.custom.set(key, entry);
    }
    const fn = this.shapeValidator(entry, value);
    if (typeof fn === 'string') return fn;
    const errors = fn(value) ? [] : [...(fn.errors ?? [])];
    const metadata = (value as { metadata?: unknown } | null)?.metadata;
    if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
      for (const e of this.validateDefinition(OBJECT_META, metadata).errors) errors.push({ ...e, instancePath: `/metadata${e.instancePath}` });
    }
    return { errors, schema: entry.schema };
  }

  /** The validator of the CRD schema pruned to what `value` uses, compiled on first use of its shape. */
  private shapeValidator(entry: CustomValidators, value: unknown): ValidateFunction | string {
    const shape: string[] = [];
    const pruned = pruneSchema(entry.compiled, [value], shape);
    const key = shape.join('\u0001');
    let fn = entry.shapes.get(key);
    if (fn === undefined) {
      const ajv = this.newAjv();
      if (entry.hasRef) ajv.addSchema({ $id: DEFINITIONS_ID, definitions: this.definitions() });
      try {
        fn = ajv.compile(pruned);
      } catch (e) {
        fn = (e as Error).message;
      }
      if (entry.shapes.size >= SHAPES_KEPT) entry.shapes.delete(entry.shapes.keys().next().value!);
    } else {
      entry.shapes.delete(key);
    }
    entry.shapes.set(key, fn);
    return fn;
  }

  /** Custom resource validators kept (one per group/version/kind in use). */
  get customValidators(): number {
    return this.custom.size;
  }

  /** Drops the validators of CRD schemas not among `fingerprints` (the workspace's CRDs now). */
  retainCustom(fingerprints: Set<string>): void {
    for (const [key, entry] of this.custom) if (!fingerprints.has(entry.fingerprint)) this.custom.delete(key);
  }
}
