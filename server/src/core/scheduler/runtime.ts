import type { CycleState, Plugin, Status } from './framework';
import type { NodeInfo } from './nodeInfo';

/** What the PreFilter extension point decided (frameworkImpl.RunPreFilterPlugins). */
export interface PreFilterOutcome {
  /** A PreFilter rejection applies to every node. */
  failed?: { plugin: string; status: Status };
  /** Plugins whose PreFilter said Skip: their Filter doesn't run. */
  skipped: Set<string>;
  /** Plugins whose checks this model cannot make for the pod, and why. */
  notEvaluated: Map<string, string>;
  /** When set, only these nodes are looked at (PreFilterResult), by the plugins that narrowed them. */
  nodeNames?: Set<string>;
  nodeNamesPlugins: string[];
  /** The Filter plugins that run on each node (not skipped, evaluated), in order. */
  active: Plugin[];
}

export function runPreFilter(state: CycleState, filters: Plugin[]): PreFilterOutcome {
  const out: PreFilterOutcome = { skipped: new Set(), notEvaluated: new Map(), nodeNamesPlugins: [], active: [] };
  for (const p of filters) {
    const r = p.preFilter?.(state);
    if (!r) continue;
    if ('skip' in r) out.skipped.add(p.name);
    else if ('notEvaluated' in r) out.notEvaluated.set(p.name, r.notEvaluated);
    else if ('status' in r) {
      out.failed = { plugin: p.name, status: r.status };
      return out;
    } else {
      out.nodeNames = out.nodeNames ? new Set([...out.nodeNames].filter((n) => r.nodeNames.has(n))) : r.nodeNames;
      out.nodeNamesPlugins.push(p.name);
    }
  }
  out.active = filters.filter((p) => p.filter && !out.skipped.has(p.name) && !out.notEvaluated.has(p.name));
  return out;
}

/**
 * Runs the Filter plugins on one node in order, stopping at the first rejection (later plugins are
 * `not run`). `report`, when given, receives each plugin's verdict.
 */
export function runFilters(state: CycleState, filters: Plugin[], pre: PreFilterOutcome, node: NodeInfo, report?: Record<string, string>): { plugin: string; status: Status } | undefined {
  if (!report) {
    // The scheduling loop's path: only the plugins that run, no verdicts to write.
    for (const p of pre.active) {
      const status = p.filter!(state, node);
      if (status) return { plugin: p.name, status };
    }
    return undefined;
  }
  let failed: { plugin: string; status: Status } | undefined;
  for (const p of filters) {
    if (failed) {
      if (report) report[p.name] = 'not run';
    } else if (pre.skipped.has(p.name)) {
      if (report) report[p.name] = 'skipped';
    } else if (pre.notEvaluated.has(p.name)) {
      if (report) report[p.name] = 'not evaluated';
    } else {
      const status = p.filter?.(state, node);
      if (status) failed = { plugin: p.name, status };
      if (report) report[p.name] = status ? status.reasons.join(', ') : 'passed';
    }
  }
  return failed;
}
