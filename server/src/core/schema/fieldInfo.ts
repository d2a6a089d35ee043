import type { DefinitionDocs, K8sSchema, SchemaCatalog } from './catalog';
import type { JsonPath } from '../yaml/nodeAt';

/** What the schema says about one field, for hovers and completion. */
export interface FieldInfo {
  /** `integer`, `string`, `[]Container`, `map[string]string`, `ObjectMeta`, `integer | string`… */
  type: string;
  required: boolean;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  /** The schema itself (Kubernetes OpenAPI flavor), to list its properties. */
  schema: K8sSchema;
  /** The definition the field's value is, when it is one (built-in kinds). */
  definition?: string;
}

/** A property a schema declares, as completion lists it. */
export interface PropertyInfo {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  enum?: unknown[];
}

/** Where to start: a built-in kind's root definition, or a CRD version's openAPIV3Schema. */
export type RootSchema = { definition: string } | { crdSchema: K8sSchema };

interface Cursor {
  schema: K8sSchema;
  definition?: string;
}

/**
 * Walks a Kubernetes-flavored schema (generated definitions or a CRD's openAPIV3Schema) along a
 * JSON path. Descriptions of built-in fields come from docs.json, of CRD fields from the schema.
 */
export class FieldSchemas {
  constructor(private readonly catalog: SchemaCatalog) {}

  field(root: RootSchema, path: JsonPath): FieldInfo | undefined {
    let cursor: Cursor | undefined = this.start(root);
    let info: FieldInfo | undefined = cursor && this.describe(cursor, false, undefined);
    for (const segment of path) {
      if (!cursor) return undefined;
      const next = this.step(cursor, segment);
      if (!next) return undefined;
      cursor = next.cursor;
      info = this.describe(cursor, next.required, next.docs);
    }
    return info;
  }

  /** The properties a value at `path` may have (empty for scalars and free-form objects). */
  properties(root: RootSchema, path: JsonPath): PropertyInfo[] {
    const field = this.field(root, path);
    if (!field) return [];
    const cursor = { schema: field.schema, definition: field.definition };
    const props = (field.schema.properties as Record<string, K8sSchema> | undefined) ?? {};
    return Object.keys(props).map((name) => {
      const next = this.step(cursor, name)!;
      const info = this.describe(next.cursor, next.required, next.docs);
      return { name, type: info.type, required: info.required, description: info.description, enum: info.enum };
    });
  }

  private start(root: RootSchema): Cursor | undefined {
    if ('definition' in root) return this.deref({ schema: { $ref: root.definition } });
    return this.deref({ schema: root.crdSchema });
  }

  private deref(cursor: Cursor): Cursor | undefined {
    let c = cursor;
    for (let hops = 0; typeof c.schema.$ref === 'string' && hops < 32; hops++) {
      const name = c.schema.$ref as string;
      const schema = this.catalog.definitions()[name];
      if (!schema) return undefined;
      c = { schema, definition: name };
    }
    return c;
  }

  private step(cursor: Cursor, segment: string | number): { cursor: Cursor; required: boolean; docs?: { description?: string; default?: unknown } } | undefined {
    const s = cursor.schema;
    if (typeof segment === 'number') {
      const items = s.items as K8sSchema | undefined;
      const next = items && this.deref({ schema: items });
      return next && { cursor: next, required: false };
    }
    const props = s.properties as Record<string, K8sSchema> | undefined;
    if (props?.[segment]) {
      const next = this.deref({ schema: props[segment] });
      if (!next) return undefined;
      const docs: DefinitionDocs | undefined = cursor.definition ? this.catalog.docs(cursor.definition) : undefined;
      const own = docs?.properties?.[segment] ?? { description: props[segment].description as string | undefined, default: props[segment].default };
      const required = Array.isArray(s.required) && (s.required as string[]).includes(segment);
      return { cursor: next, required, docs: own };
    }
    if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      const next = this.deref({ schema: s.additionalProperties as K8sSchema });
      return next && { cursor: next, required: false };
    }
    return undefined;
  }

  private describe(cursor: Cursor, required: boolean, docs: { description?: string; default?: unknown } | undefined): FieldInfo {
    const defDocs = cursor.definition ? this.catalog.docs(cursor.definition) : undefined;
    const description = docs?.description ?? defDocs?.description ?? (cursor.schema.description as string | undefined);
    const info: FieldInfo = { type: this.typeLabel(cursor.schema, cursor.definition), required, schema: cursor.schema };
    if (description) info.description = description;
    if (Array.isArray(cursor.schema.enum)) info.enum = cursor.schema.enum;
    if (docs?.default !== undefined) info.default = docs.default;
    if (cursor.definition) info.definition = cursor.definition;
    return info;
  }

  typeLabel(schema: K8sSchema, definition?: string): string {
    if (schema['x-kubernetes-int-or-string']) return 'integer | string';
    if (schema['x-kubeplan-quantity']) return 'Quantity';
    if (definition && schema.properties) return definition.split('.').pop()!;
    const type = schema.type as string | undefined;
    if (type === 'array') {
      const items = schema.items as K8sSchema | undefined;
      const inner = items ? (typeof items.$ref === 'string' ? this.labelOfRef(items.$ref) : this.typeLabel(items)) : 'any';
      return `[]${inner}`;
    }
    if (type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      const v = schema.additionalProperties as K8sSchema;
      return `map[string]${typeof v.$ref === 'string' ? this.labelOfRef(v.$ref) : this.typeLabel(v)}`;
    }
    if (type === 'object' && definition) return definition.split('.').pop()!;
    if (schema.format === 'date-time') return 'Time';
    return type ?? (schema['x-kubernetes-preserve-unknown-fields'] ? 'any' : 'object');
  }

  private labelOfRef(ref: string): string {
    const target = this.catalog.definitions()[ref];
    return target ? this.typeLabel(target, ref) : ref.split('.').pop()!;
  }
}
