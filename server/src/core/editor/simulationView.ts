import type { SimulationSnapshot } from '../workspace/workspace';
import type { SimulationEvent } from '../cluster/events';
import { planOf, type PlanEntry } from '../cluster/plan';

/** What the Simulate Apply panel shows: plain JSON, small enough to post to a webview. */
export interface SimulationView {
  cluster: { name: string; source: string; proxyMode: string; serviceCIDR: string; podCIDR: string };
  nodes: Array<{ name: string; podCIDR: string }>;
  /** The events, each with the file (as the workspace names it: a uri in the editor) it comes from. */
  events: Array<SimulationEvent & { uri?: string }>;
  pods: Array<{ ref: string; owner: string | null; node: string | null; ip: string | null; phase: string; reason: string | null }>;
  services: Array<{ ref: string; type: string; clusterIP: string }>;
  objects: number;
  /** The cluster state file, when there is one (the plan's base). */
  state: { source: string; objects: number } | null;
  /** The plan (core/cluster/plan.ts): each object's action, an update's fields, each rollout's steps; uri and range of its manifest. */
  plan: Array<Omit<PlanEntry, 'source'> & { uri?: string; range: PlanEntry['source']['range'] }>;
}

export function simulationView(snapshot: SimulationSnapshot): SimulationView {
  const { profile, result, files: uris } = snapshot;
  const meta = (o: Record<string, unknown>) => (o.metadata ?? {}) as Record<string, unknown>;
  const status = (o: Record<string, unknown>) => (o.status ?? {}) as Record<string, unknown>;
  const spec = (o: Record<string, unknown>) => (o.spec ?? {}) as Record<string, unknown>;
  return {
    cluster: { name: profile.settings.name, source: profile.source, proxyMode: profile.settings.proxy.mode, serviceCIDR: profile.settings.serviceCIDR, podCIDR: profile.settings.podCIDR },
    nodes: profile.nodes.map((n) => ({ name: String(meta(n).name), podCIDR: String(spec(n).podCIDR ?? '') })),
    events: result.events.map((e) => ({ ...e, uri: e.source ? uris[e.source.file] : undefined })),
    pods: result.objects
      .filter((o) => o.kind === 'Pod')
      .map((p) => ({
        ref: `Pod/${String(meta(p).namespace)}/${String(meta(p).name)}`,
        owner: ((meta(p).ownerReferences as Array<Record<string, unknown>> | undefined)?.[0]?.name as string | undefined) ?? null,
        node: (spec(p).nodeName as string | undefined) ?? null,
        ip: (status(p).podIP as string | undefined) ?? null,
        phase: String(status(p).phase ?? ''),
        reason: (status(p).reason as string | undefined) ?? null,
      })),
    services: result.objects
      .filter((o) => o.kind === 'Service')
      .map((s) => ({ ref: `Service/${String(meta(s).namespace)}/${String(meta(s).name)}`, type: String(spec(s).type ?? 'ClusterIP'), clusterIP: String(spec(s).clusterIP ?? '') })),
    objects: result.objects.length,
    state: profile.stateSource ? { source: profile.stateSource, objects: profile.live.length } : null,
    plan: planOf(result).map(({ source, ...e }) => ({ ...e, uri: uris[source.file], range: source.range })),
  };
}
