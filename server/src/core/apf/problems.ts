import { RULES, type Rule } from '../rules';
import { activeFlowSchemas, queuingError, type ApfConfiguration } from './configuration';
import { levelCapacities } from './concurrency';
import { flowSchemaSpec, priorityLevelSpec } from './decode';
import { shadows } from './shadowing';
import type { FlowSchema, PriorityLevel } from './types';

type Path = Array<string | number>;

/** A problem of a workspace document of the APF configuration (KP230–KP234), placed by the caller. */
export interface ApfProblem<S> {
  rule: Rule;
  source: S;
  path: Path;
  message: string;
  related?: Array<{ source: S; path: Path; message: string }>;
}

/** The document an object of the configuration comes from, if it is one and the API server keeps its spec. */
function kept<S>(o: FlowSchema<S> | PriorityLevel<S>): S | undefined {
  return o.origin.kind === 'document' && !o.origin.reset ? o.origin.source : undefined;
}

/** JSON with sorted keys, without empty lists: specs compared as the API server stores them. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (Array.isArray(x)) return x.length ? x : undefined;
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)));
    return x;
  });
}

/**
 * What the API server does with the workspace's FlowSchemas and priority levels that the author may
 * not expect (docs/rules.md KP230–KP234). `minConcurrency`: KP233 reports a Limited level whose nominal
 * concurrency limit is at most this.
 */
export function apfProblems<S extends { object: Record<string, unknown> }>(config: ApfConfiguration<S>, serverConcurrencyLimit: number, minConcurrency = 1): Array<ApfProblem<S>> {
  const out: Array<ApfProblem<S>> = [];
  const levels = new Set(config.priorityLevels.map((l) => l.name));
  const active = activeFlowSchemas(config);
  for (const fs of config.flowSchemas) {
    const source = kept(fs);
    if (!source) continue;
    const level = fs.spec.priorityLevelConfiguration.name;
    if (!levels.has(level)) {
      out.push({ rule: RULES.apfDangling, source, path: ['spec', 'priorityLevelConfiguration', 'name'], message: `FlowSchema ${fs.name}: no PriorityLevelConfiguration "${level}" (not in the workspace, the cluster file or the defaults): the schema is Dangling and no request matches it` });
      continue;
    }
    const by = active.slice(0, active.indexOf(fs)).find((earlier) => shadows(earlier.spec, fs.spec));
    if (!by) continue;
    const where = kept(by) ? `FlowSchema ${by.name}` : `the default FlowSchema ${by.name}`;
    out.push({
      rule: RULES.apfShadowed,
      source,
      path: ['spec', 'matchingPrecedence'],
      message: `FlowSchema ${fs.name} never matches: ${where} (matchingPrecedence ${by.spec.matchingPrecedence}) comes first in matching order and matches every request it does`,
      related: kept(by) ? [{ source: kept(by)!, path: ['spec', 'matchingPrecedence'], message: `FlowSchema ${by.name} matches first` }] : undefined,
    });
  }
  const capacity = new Map(levelCapacities(config, serverConcurrencyLimit).map((c) => [c.name, c]));
  for (const level of config.priorityLevels) {
    const source = kept(level);
    const queuing = level.spec.limited?.limitResponse.queuing;
    if (!source || !level.spec.limited) continue;
    const c = capacity.get(level.name)!;
    if (c.nominalConcurrencyLimit <= minConcurrency) {
      const queues = queuing ? `; its ${queuing.queues} queues are served ${c.nominalConcurrencyLimit === 0 ? 'only with borrowed seats' : 'one request at a time'}` : '';
      out.push({
        rule: RULES.apfStarved,
        source,
        path: ['spec', 'limited', 'nominalConcurrencyShares'],
        message: `PriorityLevelConfiguration ${level.name}: ${c.nominalConcurrencyShares} of ${[...capacity.values()].reduce((s, x) => s + x.nominalConcurrencyShares, 0)} shares give it a nominal concurrency limit of ${c.nominalConcurrencyLimit} of the server's ${serverConcurrencyLimit}${queues}`,
      });
    }
  }
  for (const level of config.rejected) {
    const source = kept(level);
    const q = level.spec.limited?.limitResponse.queuing;
    if (!source || !q) continue;
    out.push({ rule: RULES.apfQueuingInvalid, source, path: ['spec', 'limited', 'limitResponse', 'queuing', 'handSize'], message: `PriorityLevelConfiguration ${level.name}: handSize ${q.handSize} with ${q.queues} queues: the API server rejects the object (shuffle sharding: ${queuingError(level.spec)})` });
  }
  out.push(...resetProblems(config));
  return out;
}

/** KP234: a document whose spec the API server replaces by its default's. */
function resetProblems<S extends { object: Record<string, unknown> }>(config: ApfConfiguration<S>): Array<ApfProblem<S>> {
  const out: Array<ApfProblem<S>> = [];
  const check = (o: FlowSchema<S> | PriorityLevel<S>, kind: string, written: unknown) => {
    if (o.origin.kind !== 'document' || !o.origin.reset || canonical(written) === canonical(o.spec)) return;
    const why = o.origin.reset === 'mandatory' ? `${o.name} is a mandatory ${kind}` : `its annotation apf.kubernetes.io/autoupdate-spec is "true"`;
    out.push({ rule: RULES.apfSpecReset, source: o.origin.source, path: ['metadata', 'name'], message: `${kind} ${o.name}: the API server replaces this spec with the default's, since ${why}` });
  };
  for (const fs of config.flowSchemas) if (fs.origin.kind === 'document') check(fs, 'FlowSchema', flowSchemaSpec(fs.origin.source.object));
  for (const l of config.priorityLevels) if (l.origin.kind === 'document') check(l, 'PriorityLevelConfiguration', priorityLevelSpec(l.origin.source.object));
  return out;
}

