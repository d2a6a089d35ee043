import { cluster, internalError, RULES, type AnalysisSettings } from '../core';
import { openWorkspace, type Input, type RenderOptions } from './inputs';
import { placeFindings } from './placeFindings';
import { relatedText } from './report/text';

export interface SimulateRun {
  profile: cluster.ClusterProfile;
  result: cluster.SimulationResult;
  /** Every finding of the workspace (assumptions and simulation), through the findings pipeline. */
  findings: cluster.SimulationFinding[];
  /** Files that could not be read as text, reported like `check` does. */
  skipped: Input[];
}

/** What a command needs of the run: the findings (default yes), the scheduler's per-node reports (default all), the final state (default yes). */
export interface SimulateOptions {
  findings?: boolean;
  nodeReports?: 'all' | 'unschedulable';
  /** Default true: the EndpointSlices and workload status the simulation ends with (a plan reads neither). */
  finalState?: boolean;
}

/** `kubeplan simulate`: `kubectl apply` of the inputs replayed on the cluster profile. */
export function runSimulate(paths: string[], clusterPath: string | undefined, settings: AnalysisSettings, readStdin: () => Buffer, render?: RenderOptions, statePath?: string, run: SimulateOptions = {}): SimulateRun {
  const withFindings = run.findings ?? true;
  const cli = openWorkspace(paths, settings, readStdin, clusterPath, render, statePath, { nodeReports: run.nodeReports, findings: withFindings, finalState: run.finalState });
  const { workspace, inputs, failed } = cli;
  const findings: cluster.SimulationFinding[] = [];
  const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  const notSimulated = (file: string, e: unknown) => findings.push({ file: file || '<simulation>', range: at0, code: RULES.fileNotAnalysed.code, severity: 'error', message: internalError(e).replace(/^document not analysed/, 'not simulated') });
  for (const [file, e] of failed) notSimulated(file, e);
  const snapshot = workspace.simulation(undefined, (file, e) => {
    if (!file) notSimulated('', e);
  });
  // An object the API server refuses is not applied: the error that refuses it is a problem of the
  // apply too (the editor shows it with the document's other findings).
  const refused = new Map<string, cluster.SimulationFinding[]>();
  for (const m of snapshot.manifests) {
    if (!m.invalid) continue;
    const list = refused.get(m.file) ?? [];
    if (!list.some((f) => f.range.start.line === m.invalid!.range.start.line && f.range.start.character === m.invalid!.range.start.character)) list.push({ ...m.invalid, file: m.file });
    refused.set(m.file, list);
  }
  for (const input of inputs) {
    if (input.text === undefined || !withFindings) continue;
    findings.push(...(refused.get(input.name) ?? []));
    for (const f of workspace.workspaceFindings(input.name, input.text, snapshot)) findings.push({ ...f, file: input.name });
  }
  // Rendered overlays' and Helm output's findings on the files they came from, in the order found.
  const files = [...new Set(findings.map((f) => f.file))];
  const placed = placeFindings(cli, files.map((file) => ({ file, findings: findings.filter((f) => f.file === file) })));
  const all = placed.flatMap((r) => r.findings.map((f) => ({ ...f, file: r.file })));
  return { profile: snapshot.profile, result: snapshot.result, findings: all, skipped: inputs.filter((i) => i.text === undefined) };
}

/**
 * An object as the cluster holds it after `kubectl apply`: with the last-applied annotation (the
 * manifest as JSON), so that a cluster state made of `simulate --format json` output plans as a real
 * cluster's export does (docs/simulation.md).
 */
function withLastApplied(o: Record<string, unknown>, lastApplied: Map<string, Record<string, unknown>>): Record<string, unknown> {
  const meta = (o.metadata ?? {}) as Record<string, unknown>;
  const applied = lastApplied.get(cluster.refOf(o));
  if (!applied) return o;
  const annotations = { ...((meta.annotations ?? {}) as Record<string, unknown>), 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(applied)}\n` };
  return { ...o, metadata: { ...meta, annotations } };
}

export function formatSimulateJson(run: SimulateRun): string {
  const { profile, result } = run;
  return (
    JSON.stringify(
      {
        cluster: { name: profile.settings.name, source: profile.source, nodes: profile.nodes.map((n) => (n.metadata as { name: string }).name), proxyMode: profile.settings.proxy.mode },
        events: result.events.map((e) => ({ type: e.type, reason: e.reason, object: e.object, message: e.message, component: e.component, source: e.source ?? null })),
        objects: result.objects.map((o) => withLastApplied(o, result.lastApplied)),
        diagnostics: run.findings.map((f) => ({ file: f.file, range: f.range, severity: f.severity, code: f.code, message: f.message, ...(f.related ? { related: f.related } : {}) })),
      },
      null,
      2,
    ) + '\n'
  );
}

const pad = (s: string, n: number): string => (s.length >= n ? s + ' ' : s + ' '.repeat(n - s.length));

/** Columns sized to their content, like kubectl's table printer. */
function table(header: string[], rows: string[][]): string[] {
  // A loop, not Math.max(...rows): a spread of 100,000 rows overflows the stack.
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i].length), h.length) + 2);
  return [header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]))).join('').trimEnd());
}

/** kubectl's short names for access modes (kubectl get pvc, pv). */
const ACCESS_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Objects of a list as written (anything else: none): a manifest may hold any shape. */
const list = (v: unknown): O[] => (Array.isArray(v) ? v.filter((x): x is O => !!x && typeof x === 'object') : []);
const text = (v: unknown, dflt = ''): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : dflt);

/** Events, then pods per node and Services with their endpoints: the state `kubectl get` would show. */
export function formatSimulateText(run: SimulateRun): string {
  const { profile, result } = run;
  const lines: string[] = [];
  // Appends one by one: a spread of 100,000 rows would overflow the stack.
  const add = (rows: string[]) => {
    for (const r of rows) lines.push(r);
  };
  lines.push(`cluster: ${profile.settings.name} (${profile.source}), ${profile.nodes.length} nodes, kube-proxy ${profile.settings.proxy.mode}`);
  lines.push('', 'EVENTS');
  add(table(['TYPE', 'REASON', 'OBJECT', 'MESSAGE'], result.events.map((e) => [e.type, e.reason, e.object, e.message])));
  const pods = result.objects.filter((o) => o.kind === 'Pod') as O[];
  lines.push('', 'PODS');
  add(
    table(
      ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'IP', 'NODE'],
      pods.map((p) => {
        const statuses = list(p.status?.containerStatuses);
        const total = list(p.spec?.containers).length;
        const status = p.status?.reason ?? (p.status?.phase === 'Pending' && p.status?.conditions?.[0]?.reason === 'Unschedulable' ? 'Pending (unschedulable)' : p.status?.phase ?? '');
        return [text(p.metadata.namespace), text(p.metadata.name), `${statuses.filter((s) => s.ready).length}/${total}`, String(status), text(p.status?.podIP, '<none>'), text(p.spec?.nodeName, '<none>')];
      }),
    ),
  );
  const services = result.objects.filter((o) => o.kind === 'Service') as O[];
  const slices = result.objects.filter((o) => o.kind === 'EndpointSlice') as O[];
  lines.push('', 'SERVICES');
  add(
    table(
      ['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'PORT(S)', 'ENDPOINTS'],
      services.map((s) => {
        const ports = list(s.spec?.ports).map((p) => `${text(p.port)}${p.nodePort ? `:${text(p.nodePort)}` : ''}/${text(p.protocol, 'TCP')}`).join(',');
        const eps = slices
          .filter((e) => e.metadata.namespace === s.metadata.namespace && e.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name)
          .flatMap((e) => list(e.endpoints).filter((x) => x.conditions?.ready !== false).flatMap((x) => list(e.ports).map((p) => `${text(Array.isArray(x.addresses) ? x.addresses[0] : undefined)}:${text(p.port)}`)));
        return [text(s.metadata.namespace), text(s.metadata.name), text(s.spec?.type, 'ClusterIP'), text(s.spec?.clusterIP, '<none>'), ports || '<none>', eps.length ? eps.join(',') : '<none>'];
      }),
    ),
  );
  // Claims and volumes, as `kubectl get pvc -A` and `kubectl get pv` show them, when there are any.
  const claims = result.objects.filter((o) => o.kind === 'PersistentVolumeClaim') as O[];
  const modes = (o: O) => (Array.isArray(o.spec?.accessModes) ? (o.spec.accessModes as unknown[]) : []).map((m) => ACCESS_MODES[text(m)] ?? text(m)).join(',');
  if (claims.length) {
    lines.push('', 'PERSISTENTVOLUMECLAIMS');
    add(
      table(
        ['NAMESPACE', 'NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS'],
        claims.map((c) => [text(c.metadata.namespace), text(c.metadata.name), text(c.status?.phase), text(c.spec?.volumeName), text(c.status?.capacity?.storage), c.status?.phase === 'Bound' ? modes({ spec: c.status }) : '', text(c.spec?.storageClassName, '<unset>')]),
      ),
    );
  }
  const volumes = result.objects.filter((o) => o.kind === 'PersistentVolume') as O[];
  if (volumes.length) {
    lines.push('', 'PERSISTENTVOLUMES');
    add(
      table(
        ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'NODE AFFINITY'],
        volumes.map((v) => {
          const ref = v.spec?.claimRef;
          const affinity = list(v.spec?.nodeAffinity?.required?.nodeSelectorTerms)
            .map((t) => list(t.matchExpressions).map((e) => `${text(e.key)} ${text(e.operator)} ${(Array.isArray(e.values) ? e.values : []).map((x: unknown) => text(x)).join(',')}`.trimEnd()).join(' and '))
            .join(' or ');
          return [text(v.metadata.name), text(v.spec?.capacity?.storage), modes(v), text(v.spec?.persistentVolumeReclaimPolicy, 'Retain'), text(v.status?.phase), ref ? `${text(ref.namespace)}/${text(ref.name)}` : '', text(v.spec?.storageClassName), affinity || '<none>'];
        }),
      ),
    );
  }
  if (run.findings.length) {
    lines.push('', 'PROBLEMS');
    for (const f of run.findings) lines.push(`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}${relatedText(f)}`);
  }
  for (const s of run.skipped) lines.push(`${s.name}: not simulated: ${s.skipped?.message}`);
  return lines.join('\n') + '\n';
}
