import { obj, type Obj } from '../model/obj';
import type { Store } from './store';
import { metaOf, nameOf, namespaceOf } from './store';
import type { ApiError } from './apiErrors';
import { resourceOf } from './apiErrors';
import { applyLimitRangeDefaults, limitRangeItems, limitRangerAnnotation, validateAgainstLimitRange, type LimitRangeDefault } from '../resources/limitRange';
import { exceededQuota, mustSpecify, podCharge, quotaOf } from '../resources/resourceQuota';
import { podResources } from '../resources/podResources';
import { addResourceList, type ResourceList } from '../resources/resourceList';

/** A pod spec after the mutating admission plugins, and LimitRanger's annotation when it set defaults. */
interface MutatedSpec {
  spec: Obj;
  limitRanger?: string;
}

/** mutatedSpec's results by input spec object, with the admission inputs they were made from. */
const mutatedSpecs = new WeakMap<Obj, { inputs: string; value: MutatedSpec }>();

/**
 * The admission plugins a pod or claim goes through after defaulting, in the order of the API
 * server's default plugin list (pkg/kubeapiserver/options/plugins.go): NamespaceLifecycle, LimitRanger,
 * ServiceAccount, Priority, DefaultTolerationSeconds, DefaultStorageClass, ResourceQuota.
 */
export class Admission {
  /** ResourceQuota usage charged so far, by `namespace/quota`. */
  private readonly quotaUsed = new Map<string, ResourceList>();

  /**
   * `accounts.known`: the cluster file's ServiceAccounts (`namespace/name`); `accounts.listed`: it
   * lists them all (authoritative). Otherwise a pod's account kubeplan cannot see is assumed to exist
   * (KP193 says so once), as a namespace is.
   */
  constructor(
    private readonly store: Store,
    private readonly accounts: { listed: boolean; known: ReadonlySet<string> } = { listed: false, known: new Set() },
  ) {}

  /** The name in messages: the pod's name, or its generateName while the controller has not named it. */
  private static displayName(o: Obj): string {
    return nameOf(o) || String(metaOf(o).generateName ?? '');
  }

  private forbidden(o: Obj, by: string, reason: string, path?: ApiError['path']): ApiError {
    return { status: 'Forbidden', by, message: `${resourceOf(String(o.kind))} "${Admission.displayName(o)}" is forbidden: ${reason}`, path };
  }

  /** NamespaceLifecycle: namespaced objects need an existing namespace. */
  namespaceLifecycle(namespace: string): ApiError | undefined {
    if (namespace === '' || this.store.has('Namespace', '', namespace)) return undefined;
    return { status: 'NotFound', by: 'NamespaceLifecycle', message: `namespaces "${namespace}" not found`, path: ['metadata', 'namespace'] };
  }

  /**
   * The mutating pass over a pod: LimitRanger defaults, ServiceAccount, Priority,
   * DefaultTolerationSeconds. Runs before a generateName is turned into a name, so its rejections
   * name the pod by its generateName (`pods "web-7d4b9c8f5-" is forbidden: …`).
   */
  mutatePod(pod: Obj): { pod: Obj } | { error: ApiError } {
    const namespace = namespaceOf(pod);
    const input = obj(pod.spec) ?? {};
    // ServiceAccount: the default account, which must exist, like a named one (or be assumed to).
    const account = typeof input.serviceAccountName === 'string' && input.serviceAccountName !== '' ? input.serviceAccountName : 'default';
    const exists = this.store.has('ServiceAccount', namespace, account) || this.accounts.known.has(`${namespace}/${account}`);
    if (!exists && (this.accounts.listed || account === 'default')) {
      const path = input.serviceAccountName !== undefined ? ['spec', 'serviceAccountName'] : undefined;
      return { error: this.forbidden(pod, 'ServiceAccount', `error looking up service account ${namespace}/${account}: serviceaccount "${account}" not found`, path) };
    }
    const mutated = this.mutatedSpec(input, namespace, account);
    if ('reason' in mutated) return { error: this.forbidden(pod, 'Priority', mutated.reason, ['spec', 'priorityClassName']) };
    const annotations: Record<string, unknown> = { ...(obj(metaOf(pod).annotations) ?? {}) };
    if (mutated.limitRanger) annotations['kubernetes.io/limit-ranger'] = mutated.limitRanger;
    return { pod: { ...pod, metadata: { ...metaOf(pod), ...(Object.keys(annotations).length ? { annotations } : {}) }, spec: mutated.spec } };
  }

  /**
   * What the mutating plugins make of a spec. The replicas of a template come with the same spec object,
   * and so does an unchanged manifest's template in the next simulation: they get the same result (one
   * shared, never changed, object) while what the plugins read is the same (admissionInputs).
   */
  private mutatedSpec(input: Obj, namespace: string, account: string): MutatedSpec | { reason: string } {
    const inputs = this.admissionInputs(namespace);
    const hit = mutatedSpecs.get(input);
    if (hit && hit.inputs === inputs) return hit.value;

    let spec = input;
    const applied: LimitRangeDefault[] = [];
    for (const range of this.limitRanges(namespace)) {
      const d = applyLimitRangeDefaults(spec, range.items);
      spec = d.spec;
      applied.push(...d.applied);
    }
    spec = { ...spec, serviceAccountName: account, serviceAccount: account };

    // Priority: priorityClassName → spec.priority (a missing class is rejected).
    const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
    const classes = this.store.list('PriorityClass');
    const cls = className ? classes.find((c) => nameOf(c.object) === className) : classes.find((c) => c.object.globalDefault === true);
    const systemPriority = className === 'system-node-critical' ? 2000001000 : className === 'system-cluster-critical' ? 2000000000 : undefined;
    if (className && !cls && systemPriority === undefined) return { reason: `no PriorityClass with name ${className} was found` };
    const priority = systemPriority ?? (typeof cls?.object.value === 'number' ? cls.object.value : 0);
    spec = { ...spec, priority, ...(cls ? { priorityClassName: nameOf(cls.object) } : {}), preemptionPolicy: spec.preemptionPolicy ?? cls?.object.preemptionPolicy ?? 'PreemptLowerPriority' };

    // DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300 s unless told otherwise.
    const tolerations = Array.isArray(spec.tolerations) ? [...spec.tolerations] : [];
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
      const covered = tolerations.some((t) => {
        const o = obj(t);
        return o && (o.key === key || (o.key === undefined && o.operator === 'Exists')) && (o.effect === undefined || o.effect === 'NoExecute');
      });
      if (!covered) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
    const value: MutatedSpec = { spec: { ...spec, tolerations }, limitRanger: applied.length ? limitRangerAnnotation(applied) : undefined };
    mutatedSpecs.set(input, { inputs, value });
    return value;
  }

  /**
   * What mutatedSpec reads besides the spec, as text: the namespace, its LimitRanges and the
   * PriorityClasses. Made again only after one of those kinds is written.
   */
  private admissionInputs(namespace: string): string {
    const key = `${namespace}\u0000${this.store.writesOf('LimitRange')}\u0000${this.store.writesOf('PriorityClass')}`;
    let inputs = this.inputsByKey.get(key);
    if (inputs === undefined) {
      const ranges = this.store.list('LimitRange', namespace).map((s) => s.object.spec);
      const classes = this.store.list('PriorityClass').map(({ object: o }) => [nameOf(o), o.value, o.globalDefault, o.preemptionPolicy]);
      inputs = JSON.stringify([namespace, ranges, classes]);
      this.inputsByKey.set(key, inputs);
    }
    return inputs;
  }

  private readonly inputsByKey = new Map<string, string>();

  /** The validating pass, on the named pod: LimitRanger's constraints, then ResourceQuota (charged in order). */
  validatePod(pod: Obj): ApiError | undefined {
    const spec = obj(pod.spec) ?? {};
    for (const range of this.limitRanges(namespaceOf(pod))) {
      const [problem] = validateAgainstLimitRange(spec, range.items);
      if (problem) return { ...this.forbidden(pod, 'LimitRanger', problem, ['spec']), reportedByChecks: true };
    }
    return this.chargeQuota(pod, spec);
  }

  private limitRanges(namespace: string): Array<{ name: string; items: ReturnType<typeof limitRangeItems> }> {
    return this.store.list('LimitRange', namespace).map((s) => ({ name: nameOf(s.object), items: limitRangeItems(s.object) }));
  }

  private chargeQuota(pod: Obj, spec: Obj): ApiError | undefined {
    const namespace = namespaceOf(pod);
    const quotas = this.store.list('ResourceQuota', namespace).map((s) => quotaOf(s.object)).filter((q) => !q.scoped);
    if (quotas.length === 0) return undefined;
    const charge = podCharge(podResources(spec));
    for (const quota of quotas) {
      const missing = mustSpecify(quota, spec);
      if (missing) return { ...this.forbidden(pod, 'ResourceQuota', missing, ['spec']), reportedByChecks: true };
      const used = this.quotaUsed.get(`${namespace}/${quota.name}`) ?? new Map();
      const exceeded = exceededQuota(quota, charge, 1, used);
      if (exceeded) return this.forbidden(pod, 'ResourceQuota', exceeded, ['spec']);
    }
    for (const quota of quotas) {
      const key = `${namespace}/${quota.name}`;
      const used = this.quotaUsed.get(key) ?? new Map();
      addResourceList(used, charge);
      this.quotaUsed.set(key, used);
    }
    return undefined;
  }

  /** DefaultStorageClass: a claim without storageClassName gets the default class, if there is one. */
  admitClaim(claim: Obj): Obj {
    const spec = obj(claim.spec) ?? {};
    if (spec.storageClassName !== undefined) return claim;
    const dflt = this.store.list('StorageClass').find((s) => obj(metaOf(s.object).annotations)?.['storageclass.kubernetes.io/is-default-class'] === 'true');
    return dflt ? { ...claim, spec: { ...spec, storageClassName: nameOf(dflt.object) } } : claim;
  }
}
