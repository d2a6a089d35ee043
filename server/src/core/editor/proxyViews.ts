import type { Analyzer, AnalysisSettings } from '../analyzer';
import type * as proxy from '../proxy';
import { nodeProxyInSteps, proxyNode, type NodeProxy } from '../cluster/proxyView';
import { runToEnd } from '../model/steps';
import { nameOf } from '../cluster/store';
import type { SimulationSnapshot } from '../workspace/workspace';
import { documentAt } from './documentContext';
import { targetAt } from './cursor';
import { obj, type Obj } from '../model/obj';
import { serviceRulesMarkdown } from './proxyText';
import type { Rename } from '../render/renamed';
import type { JsonPath } from '../yaml/nodeAt';

/** A view being built in steps, and a promise settled when that build ends. */
interface Build {
  steps: Generator<void, NodeProxy | undefined>;
  ended: Promise<void>;
}

/**
 * kube-proxy in the editor, from the latest workspace simulation: the Service hover, the rules
 * document of a node and the packet trace. Each node's (and mode's) rule model is kept for the
 * simulation run it was built from, so the hover's node and an open rules document's node do not
 * evict each other.
 */
export class ProxyViews {
  private run = -1;
  private readonly views = new Map<string, NodeProxy | undefined>();
  /**
   * Views being built in steps (viewInSteps): a request that needs one finishes it at once (view), a
   * Service hover waits for `ended`, settled when the build ends however it ends.
   */
  private readonly building = new Map<string, Build>();

  constructor(
    private readonly analyzer: Analyzer,
    private readonly last: () => SimulationSnapshot | undefined,
  ) {}

  view(settings: AnalysisSettings, node?: string, mode?: proxy.ProxyMode): NodeProxy | undefined {
    const target = this.target(settings, node, mode);
    if (!target) return undefined;
    const { key } = target;
    if (!this.views.has(key)) {
      const steps = this.building.get(key)?.steps ?? target.steps();
      this.building.delete(key);
      this.views.set(key, runToEnd(steps));
    }
    return this.views.get(key);
  }

  /**
   * The view `view(settings)` gives, built in steps (the language server builds it between requests
   * after a simulation, so that the first Service hover finds it ready); nothing to do when it is.
   */
  *viewInSteps(settings: AnalysisSettings): Generator<void> {
    const target = this.target(settings);
    if (!target || this.views.has(target.key) || this.building.has(target.key)) return;
    const steps = target.steps();
    let settle = () => {};
    const ended = new Promise<void>((resolve) => (settle = resolve));
    this.building.set(target.key, { steps, ended });
    try {
      // Until a request finishes it (view) or a newer simulation drops it.
      while (this.building.get(target.key)?.steps === steps) {
        const step = steps.next();
        if (step.done) {
          this.views.set(target.key, step.value);
          return;
        }
        yield;
      }
    } finally {
      // Built, or failed: a failed build is not left for view() to take as "no such node".
      if (this.building.get(target.key)?.steps === steps) this.building.delete(target.key);
      settle();
    }
  }

  /**
   * While `view(settings)` is being built in steps: a promise settled when that build ends (built,
   * failed, finished by a request, or dropped for a newer simulation). A Service hover awaits it, so
   * that the other requests are answered between the steps instead of waiting for the whole build.
   */
  whenBuilt(settings: AnalysisSettings): Promise<void> | undefined {
    // Asked on every hover: nothing to look up (the default node among all) when nothing is being built.
    if (this.building.size === 0) return undefined;
    const target = this.target(settings);
    return target && this.building.get(target.key)?.ended;
  }

  /** What a view is of, by key (asking for the default node or mode by name reuses the default view), and how to build it; the views of an older simulation are dropped. */
  private target(settings: AnalysisSettings, node?: string, mode?: proxy.ProxyMode): { key: string; steps: () => Generator<void, NodeProxy | undefined> } | undefined {
    const snapshot = this.last();
    if (!snapshot) return undefined;
    if (this.run !== snapshot.run) {
      this.run = snapshot.run;
      this.views.clear();
      this.building.clear();
    }
    const defaultNode = proxyNode(snapshot.result.nodes, undefined);
    const nodeName = node ?? (defaultNode ? nameOf(defaultNode) : '');
    const key = `${nodeName}|${mode ?? snapshot.profile.settings.proxy.mode}|${settings.defaultNamespace}`;
    return { key, steps: () => nodeProxyInSteps(snapshot.result, snapshot.profile, settings.defaultNamespace ?? 'default', node, mode) };
  }

  nodes(): string[] {
    return (this.last()?.result.nodes ?? []).map(nameOf);
  }

  /** Whether `hover` has kube-proxy's rules to show there (it needs the view). */
  isServiceHover(text: string, offset: number): boolean {
    return this.serviceAt(text, offset) !== undefined;
  }

  /** On a Service's kind or name: all its ports; inside `spec.ports[i]`: that port. `rename`: the Service the simulation has for this one (a kustomize overlay's namePrefix). */
  hover(text: string, offset: number, settings: AnalysisSettings, rename: Rename = (ref) => ref): string | undefined {
    const at = this.serviceAt(text, offset);
    if (!at) return undefined;
    const { service, path, onPort } = at;
    const meta = obj(service.metadata) ?? {};
    const namespace = typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : (settings.defaultNamespace ?? 'default');
    const view = this.view(settings);
    if (!view || typeof meta.name !== 'string') return undefined;
    const [, simulatedNamespace, simulatedName] = rename(`Service/${namespace}/${meta.name}`).split('/');
    return serviceRulesMarkdown(view, simulatedNamespace, simulatedName, onPort ? (path[2] as number) : undefined, service);
  }

  /** The Service document under the cursor, when the cursor is on its kind, its name or one of its ports. */
  private serviceAt(text: string, offset: number): { service: Obj; path: JsonPath; onPort: boolean } | undefined {
    const doc = documentAt(this.analyzer, text, offset);
    const service = obj(doc.parsed.value);
    if (doc.kind !== 'Service' || doc.apiVersion !== 'v1' || !service) return undefined;
    const path = targetAt(doc.parsed, doc.offset)?.path ?? [];
    const onPort = path[0] === 'spec' && path[1] === 'ports' && typeof path[2] === 'number';
    const onIdentity = (path.length === 1 && path[0] === 'kind') || (path[0] === 'metadata' && path[1] === 'name');
    return onPort || onIdentity ? { service, path, onPort } : undefined;
  }
}
