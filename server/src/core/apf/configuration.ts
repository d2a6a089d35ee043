import { obj, type Obj } from '../model/obj';
import { AUTO_UPDATE_ANNOTATION, MANDATORY_FLOW_SCHEMAS, MANDATORY_PRIORITY_LEVELS, SUGGESTED_FLOW_SCHEMAS, SUGGESTED_PRIORITY_LEVELS, type BootstrapObject } from './bootstrap';
import { flowSchemaSpec, priorityLevelSpec } from './decode';
import type { FlowSchema, Origin, PriorityLevel, PriorityLevelSpec } from './types';
import { dealerError } from './shuffleSharding';

export const FLOWCONTROL_GROUP = 'flowcontrol.apiserver.k8s.io';

/** The API Priority and Fairness configuration of a cluster once the workspace's documents are applied. */
export interface ApfConfiguration<S = unknown> {
  /** Every FlowSchema in matching order: matchingPrecedence ascending, then name (upstream FlowSchemaSequence). */
  flowSchemas: Array<FlowSchema<S>>;
  /** Every priority level, by name. */
  priorityLevels: Array<PriorityLevel<S>>;
  /** Documents the API server refuses to store (queuing shuffle sharding cannot deal, KP232): not levels. */
  rejected: Array<PriorityLevel<S>>;
}

export const isFlowSchema = (o: Obj): boolean => o.kind === 'FlowSchema' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith(`${FLOWCONTROL_GROUP}/`);
export const isPriorityLevel = (o: Obj): boolean => o.kind === 'PriorityLevelConfiguration' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith(`${FLOWCONTROL_GROUP}/`);

/** strconv.ParseBool of the annotation: true, false, or not a boolean (missing included). */
function autoUpdate(object: Obj): boolean | undefined {
  const value = obj(obj(object.metadata)?.annotations)?.[AUTO_UPDATE_ANNOTATION];
  if (typeof value !== 'string') return undefined;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  return undefined;
}

const nameOf = (o: Obj): string => (typeof obj(o.metadata)?.name === 'string' ? (obj(o.metadata)!.name as string) : '');

/**
 * The built-in objects, then the documents over them, as the apiserver's ensurer leaves them
 * (kubernetes pkg/registry/flowcontrol/ensurer/strategy.go): a mandatory object's spec is always reset
 * to the default; a suggested one's when its autoupdate-spec annotation says true (missing, it is taken
 * as edited: applying the document over the existing object makes its generation more than 1); other
 * documents add objects. Deleted objects come back, so every default exists. The last document of a
 * name wins, as kubectl apply's.
 */
function merge<T, S extends { object: Obj }>(
  mandatory: ReadonlyArray<BootstrapObject<T>>,
  suggested: ReadonlyArray<BootstrapObject<T>>,
  documents: S[],
  decode: (o: Obj) => T,
  keepMandatory: (name: string, document: T, bootstrap: T) => T = (_n, _d, b) => b,
): Array<{ name: string; spec: T; origin: Origin<S> }> {
  const out = new Map<string, { name: string; spec: T; origin: Origin<S> }>();
  for (const b of mandatory) out.set(b.name, { name: b.name, spec: b.spec, origin: { kind: 'default', category: 'mandatory' } });
  for (const b of suggested) out.set(b.name, { name: b.name, spec: b.spec, origin: { kind: 'default', category: 'suggested' } });
  for (const source of documents) {
    const name = nameOf(source.object);
    if (!name) continue;
    const m = mandatory.find((b) => b.name === name);
    const s = suggested.find((b) => b.name === name);
    const spec = decode(source.object);
    if (m) out.set(name, { name, spec: keepMandatory(name, spec, m.spec), origin: { kind: 'document', source, reset: 'mandatory' } });
    else if (s && autoUpdate(source.object) === true) out.set(name, { name, spec: s.spec, origin: { kind: 'document', source, reset: 'autoupdate' } });
    else out.set(name, { name, spec, origin: { kind: 'document', source } });
  }
  return [...out.values()];
}

/** The exempt level keeps its own shares and lendable percent (ensurer plcSpecEqualish). */
function keepExemptShares(name: string, document: PriorityLevelSpec, bootstrap: PriorityLevelSpec): PriorityLevelSpec {
  return name === 'exempt' && document.type === 'Exempt' && document.exempt ? document : bootstrap;
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function apfConfiguration<S extends { object: Obj }>(documents: S[]): ApfConfiguration<S> {
  // Validation requires a priority level's name: without one the object is refused, no FlowSchema.
  const named = documents.filter((d) => isFlowSchema(d.object) && flowSchemaSpec(d.object).priorityLevelConfiguration.name !== '');
  const flowSchemas = merge(MANDATORY_FLOW_SCHEMAS, SUGGESTED_FLOW_SCHEMAS, named, flowSchemaSpec);
  const priorityLevels = merge(MANDATORY_PRIORITY_LEVELS, SUGGESTED_PRIORITY_LEVELS, documents.filter((d) => isPriorityLevel(d.object)), priorityLevelSpec, keepExemptShares);
  flowSchemas.sort((a, b) => a.spec.matchingPrecedence - b.spec.matchingPrecedence || byName(a, b));
  const rejected = priorityLevels.filter((l) => queuingError(l.spec) !== undefined);
  return { flowSchemas, priorityLevels: priorityLevels.filter((l) => !rejected.includes(l)).sort(byName), rejected };
}

/**
 * Why validation refuses a level's queuing (ValidatePriorityLevelConfiguration: handSize at most
 * queues, at most 60 bits of entropy — shuffle sharding's NewDealer checks), if it does.
 */
export function queuingError(spec: PriorityLevelSpec): string | undefined {
  const q = spec.limited?.limitResponse.queuing;
  return q ? dealerError(q.queues, q.handSize) : undefined;
}

/** The FlowSchemas requests are matched against: those whose priority level exists (the others are Dangling). */
export function activeFlowSchemas<S>(config: ApfConfiguration<S>): Array<FlowSchema<S>> {
  const levels = new Set(config.priorityLevels.map((l) => l.name));
  return config.flowSchemas.filter((fs) => levels.has(fs.spec.priorityLevelConfiguration.name));
}

export function priorityLevelOf<S>(config: ApfConfiguration<S>, name: string): PriorityLevel<S> | undefined {
  return config.priorityLevels.find((l) => l.name === name);
}
