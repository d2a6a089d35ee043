import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { addOnce, explainedBy, RULES, type Finding, type SimulationSnapshot, type Workspace } from '../core';
import { inSlices, nextTurn, SLICE_MS } from './slices';

/** What the scheduler needs from the server: its documents, settings and ways to talk to the client. */
export interface SchedulerHost {
  workspace: Workspace;
  documents: TextDocuments<TextDocument>;
  enabled(): boolean;
  isYaml(uri: string): boolean;
  /** A document's findings, all of them: the server turns them into diagnostics and keeps them for code actions. */
  publish(uri: string, version: number | undefined, findings: Finding[]): void;
  analysisComplete(uri: string, version: number): void;
  simulationComplete(run: number): void;
  /** Findings placed on a file from elsewhere: the rendered kustomize overlays' (lsp/overlays.ts). */
  placed(uri: string, text: string): Finding[];
  /** After each simulation that published: the client asks for the scheduling lenses again. */
  simulated(): void;
  logError(what: string, e: unknown): void;
}

/** Long enough for a burst of keystrokes to end first: the simulation is synchronous while it runs. */
const SIMULATION_DELAY_MS = 300;
/** An analysis costlier than this waits for a pause in the edits: a burst of keystrokes analyses once. */
const DEBOUNCE_ABOVE_MS = 50;
/**
 * A workspace whose model (what its objects say about each other) was made in this long is modelled
 * again right after each edit, so that the cross-file findings follow the keystroke; a costlier one
 * waits for the simulation, SIMULATION_DELAY_MS after the edits pause.
 */
const MODEL_AFTER_EDIT_MS = 100;

/** A document's findings from outside its text. */
interface Outside {
  live: Finding[];
  placed: Finding[];
}
const NOTHING: Outside = { live: [], placed: [] };

/**
 * A file's findings with those placed on it from renders, one per cause: a placed finding equal to one
 * of the file's own (a base's schema error, also found in the render) once, the overlays related; a
 * KP211 beside the kustomization's own error (its cause, explainedBy) left out.
 */
function withPlaced(own: Finding[], placed: Finding[]): Finding[] {
  const fileOwn = own.slice();
  for (const f of placed) if (!explainedBy(f, fileOwn)) addOnce(own, f);
  return own;
}

/**
 * When the server's work runs, so that the protocol never waits long and each change is analysed
 * once (docs/architecture.md, "The life of a keystroke"):
 * - a changed document is analysed at the end of the event loop's turn (all changes of the turn
 *   together), in slices of SLICE_MS that yield to other requests; a newer version abandons the run.
 *   A document whose last analysis took over DEBOUNCE_ABOVE_MS waits until its edits pause for as long
 *   (at most 250 ms). The first analysis of a document publishes its first 25 documents at once;
 * - right after an edit's analysis, in a workspace whose model took under MODEL_AFTER_EDIT_MS: the
 *   model (assumptions, references between objects) is made again, and the open documents whose
 *   workspace findings it changes are published again;
 * - SIMULATION_DELAY_MS after the last change: what files declare for others (CRDs, LimitRanges,
 *   ResourceQuotas) is indexed and, if it changed, the open documents are analysed again; then the
 *   workspace is parsed in slices and simulated, and the documents whose workspace findings changed
 *   are published again;
 * - workspace findings (the simulation's, the assumptions') are published only once the workspace is
 *   complete (the folders scanned): never for a partial view of it.
 */
export class AnalysisScheduler {
  private readonly pending = new Set<string>();
  private flushScheduled = false;
  /** What the last analysis after an edit cost, per document (a re-analysis of an unchanged text is cheap and says nothing). */
  private readonly cost = new Map<string, number>();
  /** Documents whose next analysis follows an edit (its cost is recorded). */
  private readonly edited = new Set<string>();
  private readonly debounced = new Map<string, NodeJS.Timeout>();
  /** The latest run per document: an older run still going (same version, new settings) gives up. */
  private readonly runs = new Map<string, number>();
  /** Documents that have had diagnostics published: later analyses publish only when complete. */
  private readonly published = new Set<string>();
  private validating = 0;
  private simulationTimer?: NodeJS.Timeout;
  /** Which simulateSoon the latest simulation is for: a run for an older one gives up at its next pause. */
  private simulationGeneration = 0;
  /** A simulation found analyses running: it starts when they end, not a delay later. */
  private simulationWaits = false;
  /** The workspace's files analysed right after the scan, while the first simulation's delay runs. */
  private prewarming?: Promise<boolean>;
  private dependentsTimer?: NodeJS.Timeout;
  private ready = false;
  /** The workspace's and the placed findings last published, per document. */
  private workspaceFindings = new Map<string, Outside>();

  constructor(private readonly host: SchedulerHost) {}

  /** The folders are scanned: the workspace is complete from now on. */
  workspaceReady(): void {
    this.ready = true;
    this.declarationsChanged();
    this.simulateSoon();
    // The simulation's delay is for edits in quick succession; a scan is done: the files it read are
    // analysed meanwhile, so the first simulation finds them ready (the same work, begun sooner).
    this.prewarming = this.warm(() => false)
      .catch((e: unknown) => {
        this.host.logError('analysing the workspace', e);
        return false;
      })
      .finally(() => (this.prewarming = undefined));
  }

  /** An open document's text changed (or it was opened). */
  documentChanged(uri: string): void {
    this.schedule(uri, true);
    this.filesChanged();
  }

  /** Files changed (open or not): what they declare is indexed, and the workspace simulated, after a pause. */
  filesChanged(): void {
    this.simulateSoon();
    if (this.dependentsTimer) clearTimeout(this.dependentsTimer);
    this.dependentsTimer = setTimeout(() => {
      this.dependentsTimer = undefined;
      this.declarationsChanged();
    }, SIMULATION_DELAY_MS);
  }

  documentClosed(uri: string): void {
    this.published.delete(uri);
    this.runs.delete(uri);
    this.cost.delete(uri);
    this.edited.delete(uri);
    clearTimeout(this.debounced.get(uri));
    this.debounced.delete(uri);
    this.workspaceFindings.delete(uri);
    this.host.publish(uri, undefined, []);
  }

  /** Every open document analysed again (settings changed). */
  analyseAll(): void {
    for (const doc of this.host.documents.all()) this.schedule(doc.uri);
  }

  /** What files declare for others (CRDs, LimitRanges, ResourceQuotas) or make of them (kustomizations, charts) changed: the open documents are analysed again. */
  private declarationsChanged(): void {
    try {
      // Both are asked: each call also resets what it reports.
      const declarations = this.host.workspace.analyzer.takeDeclarationChanges();
      const roles = this.host.workspace.takeRoleChanges();
      if (declarations || roles) this.analyseAll();
    } catch (e) {
      this.host.logError('indexing CRDs, LimitRanges and ResourceQuotas', e);
    }
  }

  /** Analyses a document at the end of this turn; after an edit (`edited`), when its edits pause if it is slow. */
  private schedule(uri: string, edited = false): void {
    if (edited) this.edited.add(uri);
    const cost = edited ? (this.cost.get(uri) ?? 0) : 0;
    if (cost > DEBOUNCE_ABOVE_MS) {
      clearTimeout(this.debounced.get(uri));
      this.debounced.set(
        uri,
        setTimeout(() => {
          this.debounced.delete(uri);
          this.schedule(uri);
        }, Math.min(cost, 250)),
      );
      return;
    }
    this.pending.add(uri);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) void this.validate(uri);
  }

  private async validate(uri: string): Promise<void> {
    this.validating++;
    try {
      await this.validateDocument(uri);
    } finally {
      this.validating--;
      this.simulateIfWaiting();
    }
  }

  private async validateDocument(uri: string): Promise<void> {
    const { host } = this;
    const doc = host.documents.get(uri);
    if (!doc || !host.isYaml(uri)) return;
    const version = doc.version;
    const run = (this.runs.get(uri) ?? 0) + 1;
    this.runs.set(uri, run);
    const publish = (findings: Finding[]): void => {
      this.published.add(uri);
      host.publish(uri, version, findings);
    };
    try {
      if (host.enabled()) {
        const text = doc.getText();
        const afterEdit = this.edited.delete(uri);
        const opened = !this.published.has(uri);
        let early = opened;
        let sliceStart = performance.now();
        let cost = 0;
        for (const step of host.workspace.documentFindingsInSteps(uri, text)) {
          if (step.done) {
            if (afterEdit) {
              cost += performance.now() - sliceStart;
              // An edit whose own analysis took longer than a model may (a large document opened or
              // pasted) changed too much for the last model's cost to say anything: its model waits for
              // the simulation, made in steps.
              if (cost <= MODEL_AFTER_EDIT_MS) this.modelAfterEdit(uri);
              sliceStart = performance.now();
            }
            const outside = this.outside(uri, text);
            this.workspaceFindings.set(uri, outside);
            publish(withPlaced([...(step.findings ?? []), ...outside.live], outside.placed));
            // What an edit costs predicts the next edit's cost (DEBOUNCE_ABOVE_MS); opening a file parses
            // all of it, an edit one document: the first keystroke after opening a large file waited
            // 250 ms for nothing.
            if (afterEdit && !opened) this.cost.set(uri, cost + performance.now() - sliceStart);
            break;
          }
          if (early && step.findings) {
            publish(step.findings);
            early = false;
          }
          if (performance.now() - sliceStart > SLICE_MS) {
            cost += performance.now() - sliceStart;
            await nextTurn();
            if (host.documents.get(uri)?.version !== version || this.runs.get(uri) !== run) return;
            sliceStart = performance.now();
          }
        }
      } else {
        publish([]);
      }
    } catch (e) {
      host.logError(`analysing ${uri}`, e);
      publish([
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
          severity: 'error',
          code: RULES.fileNotAnalysed.code,
          message: `kubeplan could not analyse this file (internal error: ${(e as Error).message}); the log has details`,
        },
      ]);
    }
    host.analysisComplete(uri, version);
  }

  /**
   * After an edit of `uri`, in a workspace cheap to model (MODEL_AFTER_EDIT_MS): the model made again
   * now, and the other open documents whose workspace findings it changes published again (the edited
   * one publishes next, with them).
   */
  private modelAfterEdit(uri: string): void {
    const { workspace, documents } = this.host;
    // Before the first model (made after the workspace is parsed, by the simulation) its cost is unknown.
    if (!this.ready || !this.host.enabled() || workspace.modelMs === 0 || workspace.modelMs > MODEL_AFTER_EDIT_MS) return;
    try {
      workspace.refreshModel((file, e) => this.host.logError(file ? `reading ${file} for the workspace's findings` : "making the workspace's findings", e));
    } catch (e) {
      this.host.logError("making the workspace's findings", e);
      return;
    }
    for (const doc of documents.all()) {
      if (doc.uri === uri || !this.workspaceFindings.has(doc.uri)) continue;
      const now = this.outside(doc.uri, doc.getText());
      if (JSON.stringify(this.workspaceFindings.get(doc.uri)) !== JSON.stringify(now)) this.schedule(doc.uri);
    }
  }

  /** A document's findings from outside its text: the workspace's (live), and those the rendered overlays place on it; none before the workspace is complete. */
  private outside(uri: string, text: string): Outside {
    return this.ready ? { live: this.host.workspace.liveFindings(uri, text), placed: this.host.placed(uri, text) } : NOTHING;
  }

  /** Simulates the workspace shortly after the last change: edits in quick succession simulate once. */
  simulateSoon(delay = SIMULATION_DELAY_MS): void {
    this.simulationWaits = false;
    if (this.simulationTimer) clearTimeout(this.simulationTimer);
    const generation = ++this.simulationGeneration;
    this.simulationTimer = setTimeout(() => void this.simulate(generation), delay);
  }

  /** The last analysis ended: a simulation waiting for it starts (unless a newer change has one coming). */
  private simulateIfWaiting(): void {
    if (this.simulationWaits && this.validating === 0 && this.pending.size === 0 && this.simulationTimer === undefined) this.simulateSoon(0);
  }

  private async simulate(generation: number): Promise<void> {
    this.simulationTimer = undefined;
    // A newer change (even one whose own run has started: it may be waiting for the same analyses) drops this run.
    const superseded = (): boolean => this.simulationGeneration !== generation;
    const { host } = this;
    // Analyses first, and the whole workspace: the simulation waits until no document is being
    // validated and the folders are scanned.
    if (this.validating > 0 || this.pending.size > 0 || !this.ready) {
      this.simulationWaits = this.ready;
      return;
    }
    let run = 0;
    try {
      if (this.prewarming) await this.prewarming;
      if (superseded() || !(await this.warm(superseded))) return;
      let snapshot: SimulationSnapshot | undefined;
      if (host.enabled()) {
        // In slices that yield to other requests; a newer change drops the run.
        const steps = host.workspace.simulationInSteps(undefined, (file, e) => host.logError(file ? `reading ${file} for the simulation` : 'simulating the workspace', e));
        const finished = await inSlices(steps, superseded);
        if (!finished) return;
        snapshot = finished.value;
      }
      run = snapshot?.run ?? 0;
      for (const doc of host.documents.all()) {
        const now = snapshot ? this.outside(doc.uri, doc.getText()) : NOTHING;
        if (JSON.stringify(this.workspaceFindings.get(doc.uri) ?? NOTHING) !== JSON.stringify(now)) this.schedule(doc.uri);
      }
      if (snapshot) host.simulated();
    } catch (e) {
      host.logError('simulating the workspace', e);
    }
    host.simulationComplete(run);
  }

  /**
   * Parses and analyses every document of the workspace, yielding to other requests every SLICE_MS,
   * so that the simulation itself (synchronous) finds them ready. False when `abandoned` (a newer change came).
   */
  private async warm(abandoned: () => boolean): Promise<boolean> {
    const { workspace } = this.host;
    const everyFile = function* (): Generator<unknown> {
      for (const [file, text] of workspace.analyzer.analysedFiles()) yield* workspace.analyzer.analyzeInSteps(text, workspace.settings, workspace.roleOf(file, text));
    };
    return (await inSlices(everyFile(), abandoned)) !== undefined;
  }

}
