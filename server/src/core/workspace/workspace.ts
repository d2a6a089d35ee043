import { DEFAULT_SETTINGS, isAnalysable, type Analyzer, type AnalysisSettings, type AnalysisStep } from '../analyzer';
import type { Finding } from '../finding';
import { RULES } from '../rules';
import { groupOf } from '../schema/apiLifecycle';
import { isObj, type Obj } from '../model/obj';
import { CLUSTER_SCOPED_KINDS } from '../cluster/scope';
import type { ClusterProfile } from '../cluster/profile';
import { jsonStateManifests, resolveClusterWithState, stateManifestsOf, STATE_FILE_MAX_MB } from '../cluster/clusterState';
import { runToEnd } from '../model/steps';
import { simulateInSteps, type SimulationResult } from '../cluster/simulate';
import { simulationFindingsInSteps } from '../cluster/findings/applyTime';
import type { SimulationFinding } from '../cluster/findings/types';
import type { Manifest, ManifestFile } from '../cluster/manifests';
import { KIND_KEY, manifestsOf } from './manifests';
import { applyOrderOf } from './applyOrder';
import { assumptionFindings, assumptionsOf, type Assumptions } from './assumptions';
import { disruptionBudgetFindings } from './disruptionBudgets';
import { builtImages, imageTagFindings } from './imageTags';
import { referenceFindingsInSteps, WorkspaceObjects } from './references';
import { applySuppressions, ignoredByAnnotations, suppressionsOf, type Codes, type FileSuppressions } from './suppression';
import type { LineIndex } from '../text/lineIndex';
import { fileRole, isKustomization, type FileRole } from '../ecosystem/fileRoles';
import { pathOf } from '../ecosystem/paths';
import { EcosystemIndex, type StatPath } from './ecosystemIndex';
import { kustomizePathFindings } from './kustomizePaths';
import { apfConfiguration, type ApfConfiguration } from '../apf';
import { apfFindings, serverConcurrencyLimit } from './apfFindings';
import { BuiltinResources, Policy } from '../rbac';
import { rbacFindings } from './rbac';


/** One simulation of the workspace, and what it yields. */
export interface SimulationSnapshot {
  run: number;
  profile: ClusterProfile;
  result: SimulationResult;
  manifests: Manifest[];
  /** Display name (as events and findings name files) → the workspace's name of the file. */
  files: Record<string, string>;
  /** The simulation's and the model's (assumptions, references) findings per file (the workspace's names), suppressions not yet applied. */
  findings: Map<string, Finding[]>;
  /** The simulation's own findings per file (the model's are left out: the editor takes the latest model's). */
  simulated: Map<string, Finding[]>;
}

/** A cluster state read outside the analyzer: its JSON value when it is JSON, else its text. */
export type StateSource = () => { value: unknown } | { text: string };

export interface WorkspaceOptions {
  /** How events, simulation findings and the panel name a file (the language server: relative to its folder). */
  displayName?: (file: string) => string;
  /**
   * What a path names on disk (paths as docs/ecosystem.md says: a `file:` URI's decoded path, or the
   * CLI's path): whether a kustomization's entries exist, whether a folder is a Helm chart. Without
   * it, only the workspace's files are known.
   */
  statPath?: StatPath;
  /** Which scheduling results of the simulation keep their per-node reports (default all: the editor's hover and Explain panel read them). */
  nodeReports?: 'all' | 'unschedulable';
  /**
   * False for a front end that shows no findings (`kubeplan plan`): the cross-resource and simulation
   * findings are not computed; what the API server refuses (a document's errors) still is.
   */
  findings?: boolean;
  /** False for a front end that reads only the changes and rollouts (`kubeplan plan`): SimulationOptions.finalState. */
  finalState?: boolean;
}

/**
 * The workspace, as rust-analyzer's AnalysisHost: the front ends set its inputs — file texts, settings,
 * the cluster file — and everything else is derived here and cached until an input changes: each
 * document's analysis (in the Analyzer, per document text), the simulation of the whole workspace,
 * the assumptions it makes, and every file's findings. `findings(file)` is the one place where
 * severity overrides, `kubeplan-disable` comments and the `kubeplan.dev/ignore` annotation apply, to
 * every finding whatever its source.
 */
export class Workspace {
  private settingsValue: AnalysisSettings = DEFAULT_SETTINGS;
  private clusterFile?: string;
  private revision = 0;
  private runs = 0;
  private simulated?: { revision: number; snapshot: SimulationSnapshot };
  private readonly displayName: (file: string) => string;
  private readonly statPath?: StatPath;
  private readonly nodeReports?: 'all' | 'unschedulable';
  private readonly withFindings: boolean;
  private readonly finalState?: boolean;
  /** What files say of each other's roles; undefined when a file came or went or a kustomization changed. */
  private ecosystem?: EcosystemIndex;
  private takenSignature?: string;

  constructor(
    readonly analyzer: Analyzer,
    options: WorkspaceOptions = {},
  ) {
    this.displayName = options.displayName ?? ((f) => f);
    this.statPath = options.statPath;
    this.nodeReports = options.nodeReports;
    this.withFindings = options.findings !== false;
    this.finalState = options.finalState;
  }

  get settings(): AnalysisSettings {
    return this.settingsValue;
  }

  /** New settings; files are read again when what decides their analysis changed (size limit, default namespace). */
  setSettings(settings: AnalysisSettings): void {
    const before = this.settingsValue;
    this.settingsValue = settings;
    this.revision++;
    if (before.maxFileSizeMB !== settings.maxFileSizeMB || before.defaultNamespace !== settings.defaultNamespace) {
      for (const [file, text] of this.analyzer.files()) this.analyzer.setFile(file, text, settings);
    }
  }

  /** A file's text (undefined: the file is gone). What was kept of its old text goes. */
  setFile(file: string, text: string | undefined): void {
    const before = this.analyzer.text(file);
    if (before !== undefined && before !== text) {
      const i = this.suppressions.findIndex((s) => s.text === before);
      if (i !== -1) this.suppressions.splice(i, 1);
    }
    const path = pathOf(file);
    if (before === undefined || text === undefined || isKustomization(path, before) || isKustomization(path, text)) this.ecosystem = undefined;
    this.analyzer.setFile(file, text, this.settingsValue);
    this.revision++;
  }

  /**
   * The cluster file (`--cluster`, `kubeplan.cluster`, `.kubeplan/cluster.yaml`): its nodes, namespaces,
   * pods and ClusterProfile replace the default cluster, its CRDs serve custom resources, and it is not
   * applied as part of the workspace. Its text is set with setFile like any file.
   */
  setClusterFile(file: string | undefined): void {
    if (file === this.clusterFile) return;
    this.clusterFile = file;
    this.revision++;
  }

  /**
   * The cluster state file (`--cluster-state`, `kubeplan.clusterState`, `.kubeplan/state.yaml`): the
   * objects the cluster holds before the apply (`kubectl get <kinds> -A -o yaml`), which an apply of
   * the same object updates (core/cluster/clusterState.ts). Not applied. Its text is set with setFile,
   * or `source` reads it when a model first needs it: the CLI reads a state in a worker thread while
   * the files are analysed (cli/stateReader.ts).
   */
  setClusterStateFile(file: string | undefined, source?: StateSource): void {
    if (file === this.stateFile && source === this.stateSource) return;
    this.stateFile = file;
    this.stateSource = source;
    this.revision++;
  }

  private stateFile?: string;

  /**
   * The order files are applied in, as kubectl reads its `-f` arguments (the CLI's inputs, folders
   * expanded); files not named come after, in the order kubectl walks a folder (applyOrder.ts).
   */
  setApplyOrder(files: readonly string[]): void {
    this.givenOrder = files;
    this.revision++;
  }

  private givenOrder?: readonly string[];
  private stateSource?: StateSource;
  /** The cluster state file's objects (undefined: not analysable), read once per text or source. */
  private stateRead?: { key: string | StateSource; name: string; manifests: Manifest[] | undefined };

  /** Rendered overlays (their names), those not applied, and the files they replace. */
  private overlays = { rendered: new Set<string>(), notApplied: new Set<string>(), replaced: new Set<string>() };

  /**
   * Rendered kustomize overlays (the language server's): each overlay's output is a file of the
   * workspace (`file`, a name of the front end's choosing), analysed and, if `applied`, applied; the
   * files `replaced` (the kustomizations, resources and patches of the overlays rendered) are not
   * applied, and keep their own document findings. The overlays of the previous call that are not in
   * this one go.
   */
  setOverlays(overlays: Array<{ file: string; text: string; applied: boolean }>, replaced: Iterable<string>): void {
    for (const old of this.overlays.rendered) if (!overlays.some((o) => o.file === old)) this.setFile(old, undefined);
    for (const o of overlays) if (this.analyzer.text(o.file) !== o.text) this.setFile(o.file, o.text);
    this.overlays = {
      rendered: new Set(overlays.map((o) => o.file)),
      notApplied: new Set(overlays.filter((o) => !o.applied).map((o) => o.file)),
      replaced: new Set(replaced),
    };
    this.revision++;
  }

  private index(): EcosystemIndex {
    this.ecosystem ??= new EcosystemIndex(this.analyzer.analysedFiles(), (text) => this.documentValues(text), this.statPath);
    return this.ecosystem;
  }

  /** A text's documents, parsed. */
  private documentValues(text: string): unknown[] {
    return this.analyzer.layout(text).chunks.map((c) => this.analyzer.parse(c.text).value);
  }

  /** The workspace's files of a role (the cluster file aside). */
  private filesOf(role: FileRole): Array<[file: string, text: string]> {
    return this.analyzer.analysedFiles().filter(([file, text]) => file !== this.clusterFile && file !== this.stateFile && this.roleOf(file, text) === role);
  }

  /** What a file is to the tools that read it (docs/ecosystem.md): Kubernetes objects, a kustomization, a patch, a chart's file… */
  roleOf(file: string, text = this.analyzer.text(file) ?? ''): FileRole {
    // A rendered overlay's output is Kubernetes objects, whatever the front end names it.
    if (this.overlays.rendered.has(file)) return 'manifest';
    return fileRole(pathOf(file), text, this.index());
  }

  /**
   * Whether a file's role given by other files (a kustomization's patches, a chart's folder) changed
   * since the last call: the open documents then need analysing again.
   */
  takeRoleChanges(): boolean {
    const signature = this.index().signature;
    const changed = signature !== this.takenSignature;
    this.takenSignature = signature;
    return changed;
  }

  /**
   * The files that hold Kubernetes objects to apply: analysed, with a `kind:` key, not the cluster
   * file, no other tool's file, not a file a rendered overlay replaces nor an overlay not applied.
   */
  private applied(): ManifestFile[] {
    const { replaced, notApplied } = this.overlays;
    return this.analyzer
      .analysedFiles()
      .filter(([file, text]) => file !== this.clusterFile && file !== this.stateFile && !replaced.has(file) && !notApplied.has(file) && KIND_KEY.test(text) && this.roleOf(file, text) === 'manifest')
      .map(([file, text]) => ({ file, text }));
  }

  /** A file's document findings, analysed a document at a time (the findings of the first 25, then of all), through the pipeline. */
  *documentFindingsInSteps(file: string, text: string): Generator<AnalysisStep> {
    for (const s of this.analyzer.analyzeInSteps(text, this.settingsValue, this.roleOf(file, text))) yield s.findings ? { ...s, findings: this.finish(text, s.findings) } : s;
  }

  /** A file's document findings (YAML, schema, API rules, resources), through the pipeline. */
  documentFindings(file: string, text: string): Finding[] {
    return this.finish(text, this.analyzer.analyzeFile(text, this.settingsValue, this.roleOf(file, text)));
  }

  /**
   * A file's findings from the workspace as a whole: the assumptions and, with a simulation, what
   * applying the workspace would do. From `snapshot` (default: the last simulation of the whole
   * workspace); empty before there is one.
   */
  workspaceFindings(file: string, text: string, snapshot = this.simulated?.snapshot): Finding[] {
    return this.finish(text, snapshot?.findings.get(file) ?? []);
  }

  /** Every finding of a file: its documents' and the workspace's (simulating it if needed). */
  findings(file: string, text: string): Finding[] {
    return [...this.documentFindings(file, text), ...this.workspaceFindings(file, text, this.simulation())];
  }

  /**
   * Findings placed in a file from elsewhere (a rendered overlay's, moved to the base or patch they
   * are about) through the pipeline of that file: its comments, annotations and the settings.
   */
  placedFindings(text: string, findings: Finding[]): Finding[] {
    return this.finish(text, findings);
  }

  /** What the last few texts say to silence (a file's findings arrive in several steps, the same text each time). */
  private readonly suppressions: Array<{ text: string; value: FileSuppressions }> = [];

  private suppressionsOf(text: string, lines: LineIndex): FileSuppressions {
    let hit = this.suppressions.find((s) => s.text === text);
    if (!hit) {
      hit = { text, value: suppressionsOf(text, lines) };
      this.suppressions.unshift(hit);
      if (this.suppressions.length > 4) this.suppressions.pop();
    }
    return hit.value;
  }

  /** The best-practice switch, severity overrides and suppressions, applied once, to findings of any source. */
  private finish(text: string, findings: Finding[]): Finding[] {
    if (findings.length === 0) return findings;
    const layout = this.analyzer.layout(text);
    const defaultNamespace = this.settingsValue.defaultNamespace ?? 'default';
    const byDocument = new Map<string, Codes | undefined>();
    return applySuppressions(findings, this.suppressionsOf(text, layout.lines), this.settingsValue, (line) => {
      const offset = layout.lines.offset({ line, character: 0 });
      let chunk = layout.chunks[0];
      for (const c of layout.chunks) if (c.start <= offset) chunk = c;
      if (!chunk) return undefined;
      if (!byDocument.has(chunk.text)) {
        const value = this.analyzer.parse(chunk.text).value;
        byDocument.set(chunk.text, isObj(value) ? ignoredByAnnotations(value, defaultNamespace) : undefined);
      }
      return byDocument.get(chunk.text);
    });
  }

  /** The last simulation of the whole workspace, if its inputs have not changed since. */
  get current(): SimulationSnapshot | undefined {
    return this.simulated?.revision === this.revision ? this.simulated.snapshot : undefined;
  }

  /** The last simulation of the whole workspace, current or not. */
  get last(): SimulationSnapshot | undefined {
    return this.simulated?.snapshot;
  }

  /**
   * What the workspace is made of, before any simulation: its manifests (with the display names of
   * their files), the cluster it is applied to, and the assumptions it makes about that cluster.
   * Kept until an input changes.
   */
  private model(onError?: (file: string, error: unknown) => void): WorkspaceModel {
    return runToEnd(this.modelInSteps(onError));
  }

  /** A cluster state's objects: its JSON value's, or its text's (JSON or YAML); undefined when the text is not analysable. */
  private readState(name: string, key: string | StateSource, settings: AnalysisSettings): Manifest[] | undefined {
    const input = typeof key === 'string' ? { text: key } : key();
    if ('value' in input) return stateManifestsOf(name, input.value);
    if (!isAnalysable(input.text, { ...settings, maxFileSizeMB: Math.max(settings.maxFileSizeMB, STATE_FILE_MAX_MB) })) return undefined;
    return jsonStateManifests(name, input.text) ?? manifestsOf(this.analyzer, [{ file: name, text: input.text }]);
  }

  /**
   * The same in steps: a file's documents one at a time (already analysed when the editor has them
   * open), then each family of findings, so that the language server answers between them.
   */
  private *modelInSteps(onError?: (file: string, error: unknown) => void): Generator<void, WorkspaceModel> {
    if (this.modelCache?.revision === this.revision) return this.modelCache.model;
    const revision = this.revision;
    // What making it costs: the time spent in its steps, not between them.
    let busy = 0;
    let resumed = performance.now();
    const pause = function* (): Generator<void> {
      busy += performance.now() - resumed;
      yield;
      resumed = performance.now();
    };
    const settings = this.settingsValue;
    const files: Record<string, string> = {};
    const named = (f: ManifestFile): ManifestFile => {
      const name = this.displayName(f.file);
      files[name] = f.file;
      return { file: name, text: f.text };
    };
    const failures: SimulationFinding[] = [];
    const failed = (name: string, e: unknown): void => {
      failures.push({ file: name, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, code: RULES.fileNotAnalysed.code, severity: RULES.fileNotAnalysed.severity, message: `file not simulated: internal error (${(e as Error)?.message ?? String(e)}); please report it` });
      onError?.(files[name] ?? name, e);
    };
    const all = applyOrderOf(this.applied().map(named), this.givenOrder, (f) => files[f.file]);
    const manifests: Manifest[] = [];
    for (const f of all) {
      // Only the last step's findings (all of them) are read: they go through the pipeline once.
      let found: Finding[] = [];
      for (const step of this.analyzer.analyzeInSteps(f.text, settings, this.roleOf(files[f.file], f.text))) {
        if (step.done) found = step.findings ?? [];
        yield* pause();
      }
      manifests.push(...manifestsOf(this.analyzer, [f], () => this.finish(f.text, found), failed));
    }

    let clusterManifests: { name: string; manifests: Manifest[] } | undefined;
    const clusterText = this.clusterFile === undefined ? undefined : this.analyzer.text(this.clusterFile);
    if (this.clusterFile !== undefined && clusterText !== undefined && isAnalysable(clusterText, settings)) {
      const name = named({ file: this.clusterFile, text: clusterText }).file;
      clusterManifests = { name, manifests: manifestsOf(this.analyzer, [{ file: name, text: clusterText }]) };
    }
    let stateManifests: { name: string; manifests: Manifest[] } | undefined;
    const stateKey = this.stateFile === undefined ? undefined : (this.stateSource ?? this.analyzer.text(this.stateFile));
    if (this.stateFile !== undefined && stateKey !== undefined) {
      const name = this.displayName(this.stateFile);
      // Read once per text: a real cluster's export is tens of megabytes, and the model is made again on every change.
      if (this.stateRead?.key !== stateKey || this.stateRead.name !== name) this.stateRead = { key: stateKey, name, manifests: this.readState(name, stateKey, settings) };
      if (this.stateRead.manifests) {
        files[name] = this.stateFile;
        stateManifests = { name, manifests: this.stateRead.manifests };
      }
    }
    const profile = resolveClusterWithState(manifests, clusterManifests, stateManifests, settings.kubernetesVersion);
    yield* pause();

    const crds = this.analyzer.crds;
    const lifecycle = this.analyzer.lifecycle;
    const served = (apiVersion: string, kind: string): 'builtin' | 'crd' | 'unknown' => {
      const group = groupOf(apiVersion);
      if (lifecycle.isBuiltinGroup(group)) return 'builtin';
      return crds.versionsOf(group, kind).length ? 'crd' : 'unknown';
    };
    const clusterScoped = new Set(CLUSTER_SCOPED_KINDS);
    for (const m of manifests) {
      const versions = served(m.object.apiVersion, m.object.kind) === 'crd' ? crds.versionsOf(groupOf(m.object.apiVersion), m.object.kind) : [];
      if (versions[0]?.scope === 'Cluster') clusterScoped.add(m.object.kind);
    }
    const inputs = { manifests, profile, defaultNamespace: settings.defaultNamespace ?? 'default', isNamespaced: (kind: string) => !clusterScoped.has(kind), served };
    const assumptions = assumptionsOf(inputs);
    // The workspace's objects indexed for the cross-resource findings, and its RBAC policy (undefined: kubeplan failed, reported).
    const objects = attempt(() => new WorkspaceObjects(inputs), onError);
    yield* pause();
    const index = this.index();
    const policy = objects && attempt(() => new Policy(objects.unique(), (m) => objects.namespaceOf(m)), onError);
    yield* pause();
    const kustomizations = this.filesOf('kustomization');
    const objectsOf = (files: Array<[string, string]>): Obj[] => files.flatMap(([, text]) => this.documentValues(text).filter(isObj));
    const built = builtImages(objectsOf(kustomizations), objectsOf(this.filesOf('skaffold')));
    // The cluster's FlowSchemas and levels (the cluster file's), then the workspace's applied over them;
    // an object the API server refuses (m.invalid) is no part of the configuration.
    const apf = apfConfiguration([...(clusterManifests?.manifests ?? []), ...manifests].filter((m) => !m.invalid));
    // Each family of findings is a step of its own; the references' are made in steps too.
    const inOneStep = (family: () => SimulationFinding[]) =>
      function* (): Generator<void, SimulationFinding[]> {
        return family();
      };
    const families: Array<() => Generator<void, SimulationFinding[]>> = !this.withFindings
      ? []
      : [
          inOneStep(() => kustomizations.flatMap(([file, text]) => kustomizePathFindings(this.analyzer, file, named({ file, text }).file, text, index))),
          inOneStep(() => assumptionFindings(assumptions, profile.settings.authoritative)),
          inOneStep(() => imageTagFindings(manifests, built, inputs.defaultNamespace)),
          inOneStep(() => (objects ? disruptionBudgetFindings(objects) : [])),
          function* () {
            return objects ? yield* referenceFindingsInSteps(objects) : [];
          },
          inOneStep(() => apfFindings(apf, profile, clusterManifests?.name)),
          inOneStep(() => (objects && policy ? rbacFindings(objects, policy, this.builtinResources(), settings.kubernetesVersion) : [])),
        ];
    const findings = [...failures];
    for (const family of families) {
      // A family kubeplan fails on is reported (onError) and left out; the others go on.
      const steps = family();
      for (;;) {
        yield* pause();
        const step = attempt(() => steps.next(), onError);
        if (!step) break;
        if (step.done) {
          findings.push(...step.value);
          break;
        }
      }
    }
    const model: WorkspaceModel = { files, manifests, profile, served, assumptions, findings, apf, policy };
    // Inputs that changed while it was made in steps make it stale: it is not kept for them.
    if (this.revision === revision) this.modelCache = { revision, model };
    this.modelCosts.unshift(busy + performance.now() - resumed);
    this.modelCosts.length = Math.min(this.modelCosts.length, 3);
    return model;
  }

  private readonly modelCosts: number[] = [];

  /**
   * The API Priority and Fairness configuration of the workspace's documents over the defaults, and the
   * server's concurrency limit (the cluster file's max requests inflight, 400 + 200 by default).
   */
  apf(): { configuration: ApfConfiguration<Manifest>; serverConcurrencyLimit: number } {
    const model = this.model();
    return { configuration: model.apf, serverConcurrencyLimit: serverConcurrencyLimit(model.profile) };
  }

  /**
   * What making the workspace's model typically takes, in milliseconds: the least of the last three (a
   * garbage collection during one is not the model's cost); 0 before the first.
   */
  get modelMs(): number {
    return this.modelCosts.length ? Math.min(...this.modelCosts) : 0;
  }

  /** The model made again if an input changed since the last: the findings of liveFindings are then current. */
  refreshModel(onError?: (file: string, error: unknown) => void): void {
    this.model(onError);
  }

  /**
   * A file's workspace findings as the editor shows them between simulations: the last model's
   * (assumptions, references, the workspace's best practices; the scheduler refreshes it after an
   * edit when it is cheap) and the last simulation's own, through the pipeline.
   */
  liveFindings(file: string, text: string): Finding[] {
    const model = this.modelCache?.model;
    return this.finish(text, [...((model && modelByFile(model).get(file)) ?? []), ...(this.simulated?.snapshot.simulated.get(file) ?? [])]);
  }

  private modelCache?: { revision: number; model: WorkspaceModel };


  private builtin?: { version: string; resources: BuiltinResources };

  /** The built-in resources of the target Kubernetes version, by API group. */
  builtinResources(): BuiltinResources {
    const version = this.settingsValue.kubernetesVersion;
    if (this.builtin?.version !== version) {
      const lifecycle = this.analyzer.lifecycle;
      this.builtin = { version, resources: new BuiltinResources(lifecycle.kindsServedBy(version), (g) => lifecycle.isBuiltinGroup(g), lifecycle.kindsEverServed()) };
    }
    return this.builtin.resources;
  }

  /**
   * The RBAC policy of the cluster the workspace is applied to (the bootstrap policy and the
   * workspace's roles and bindings), current; with `latest`, the last model's if there is one, current
   * or not (hover: no model is made for it).
   */
  rbacPolicy(latest = false): Policy {
    const policy = latest && this.modelCache ? this.modelCache.model.policy : this.model().policy;
    return policy ?? new Policy([], () => '');
  }

  /**
   * A file's findings from the workspace's model, without a simulation — the assumptions, what the
   * objects say about each other (references, selectors, duplicates) and the workspace's
   * best-practice findings (KP170, KP197) — through the pipeline.
   */
  assumptionFindings(file: string, text: string): Finding[] {
    return this.finish(text, modelByFile(this.model()).get(file) ?? []);
  }

  /**
   * `kubectl apply` of the workspace (or of `onlyFile`, on the workspace's cluster) replayed. The
   * whole workspace's is kept until an input changes. `onError` hears of a file kubeplan failed to read.
   */
  simulation(onlyFile?: string, onError?: (file: string, error: unknown) => void): SimulationSnapshot {
    return runToEnd(this.simulationInSteps(onlyFile, onError));
  }

  /**
   * The same as a generator that pauses every few objects of the simulation (core/cluster
   * simulateInSteps): the language server runs it in slices, answering requests between them, and
   * drops it when a newer change makes it stale (nothing is kept of a run not finished).
   */
  *simulationInSteps(onlyFile?: string, onError?: (file: string, error: unknown) => void): Generator<void, SimulationSnapshot> {
    if (onlyFile === undefined && this.current) return this.current;
    const revision = this.revision;
    const settings = this.settingsValue;
    const defaultNamespace = settings.defaultNamespace ?? 'default';
    const model = yield* this.modelInSteps(onError);
    const onlyName = onlyFile === undefined ? undefined : this.displayName(onlyFile);
    const manifests = onlyName === undefined ? model.manifests : this.manifestsOfOne(onlyFile!, onlyName, model);
    const authoritative = model.profile.settings.authoritative;
    const result = yield* simulateInSteps(manifests, model.profile, {
      kubernetesVersion: settings.kubernetesVersion,
      defaultNamespace,
      nodeReports: this.nodeReports,
      finalState: this.finalState,
      assumedNamespaces: authoritative.includes('namespaces') ? [] : [...model.assumptions.namespaces.keys()],
      customResource: (apiVersion, kind) => {
        const s = model.served(apiVersion, kind);
        return s === 'unknown' ? (authoritative.includes('customResourceDefinitions') ? 'missing' : 'assumed') : s;
      },
    });
    for (const f of result.failures) if (!f.source) onError?.('', new Error(f.message));
    const ofModel = modelByFile(model);
    const own = this.withFindings ? byFile(yield* simulationFindingsInSteps(result, manifests, defaultNamespace), model.files) : new Map<string, Finding[]>();
    const findings = new Map<string, Finding[]>();
    for (const file of new Set([...ofModel.keys(), ...own.keys()])) findings.set(file, [...(ofModel.get(file) ?? []), ...(own.get(file) ?? [])]);
    const snapshot: SimulationSnapshot = { run: ++this.runs, profile: model.profile, result, manifests, files: model.files, findings, simulated: own };
    if (onlyFile === undefined) this.simulated = { revision, snapshot };
    return snapshot;
  }

  /** One file's manifests: the model's, or for a file a rendered overlay replaces, its text as written. */
  private manifestsOfOne(file: string, name: string, model: WorkspaceModel): Manifest[] {
    const text = this.analyzer.text(file);
    if (!this.overlays.replaced.has(file) || text === undefined || this.roleOf(file, text) !== 'manifest') return model.manifests.filter((m) => m.file === name);
    model.files[name] = file; // its name, so that the snapshot's findings and events find the file (the name is its own either way)
    return manifestsOf(this.analyzer, [{ file: name, text }], (f) => this.documentFindings(file, f.text));
  }
}

interface WorkspaceModel {
  files: Record<string, string>;
  manifests: Manifest[];
  profile: ClusterProfile;
  served: (apiVersion: string, kind: string) => 'builtin' | 'crd' | 'unknown';
  assumptions: Assumptions;
  /** Files kubeplan failed to read, the assumptions, what the objects say about each other and the workspace's best-practice findings, as findings (display names). */
  findings: SimulationFinding[];
  /** The RBAC policy of the workspace's objects. */
  policy?: Policy;
  /** The same by the workspace's file names, made on first use. */
  byFile?: Map<string, Finding[]>;
  /** API Priority and Fairness: the defaults with the workspace's FlowSchemas and PriorityLevelConfigurations. */
  apf: ApfConfiguration<Manifest>;
}

/** The model's findings by the workspace's file names, made on first use. */
function modelByFile(model: WorkspaceModel): Map<string, Finding[]> {
  return (model.byFile ??= byFile(model.findings, model.files));
}

/** What `make` makes; undefined when it throws (kubeplan's failure, reported through `onError`). */
function attempt<T>(make: () => T, onError?: (file: string, error: unknown) => void): T | undefined {
  try {
    return make();
  } catch (e) {
    onError?.('', e);
    return undefined;
  }
}

/** Findings by the workspace's file names (display names mapped back), related locations too. */
function byFile(found: SimulationFinding[], files: Record<string, string>): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const { file: name, ...finding } of found) {
    const file = files[name];
    if (file === undefined) continue;
    if (finding.related) finding.related = finding.related.map((r) => ({ ...r, file: files[r.file] ?? r.file }));
    const list = out.get(file);
    if (list) list.push(finding);
    else out.set(file, [finding]);
  }
  return out;
}
