import { dirname } from 'node:path';

/** Paths changed on disk since the last pass ('all': everything renders again). */
export type Changes = Set<string> | 'all';

/** A pause after the last change on disk: a burst of file events (a checkout, a formatter) renders once. */
const RENDER_DELAY_MS = 300;
/** A save in the editor is one deliberate event: its render starts at once. */
const SAVE_DELAY_MS = 20;

/**
 * When renders run in the language server (kustomize overlays, Helm charts): a pass once the
 * workspace is scanned, then RENDER_DELAY_MS after the last change on disk or of the settings (at once
 * after a save in the editor; a later event does not postpone an earlier pass), one pass at a time (a
 * change during a pass brings another right after it), with the paths changed since the last one.
 */
export class RenderPasses {
  private started = false;
  private timer?: NodeJS.Timeout;
  private running = false;
  private changes: Changes = 'all';
  /** Passes done (kubeplan/serverStatus: the tests wait for one). */
  count = 0;

  constructor(private readonly pass: (changes: Changes) => Promise<void>) {}

  /** The folders are scanned: the first pass. */
  start(): void {
    this.started = true;
    this.renderAll();
  }

  /** Files changed on disk (created, deleted, changed; `saved` in the editor). */
  filesChanged(paths: string[], saved = false): void {
    if (this.changes !== 'all') for (const p of paths) this.changes.add(p);
    this.soon(saved ? SAVE_DELAY_MS : RENDER_DELAY_MS);
  }

  /** Everything again (the settings or the workspace's trust changed). */
  renderAll(): void {
    this.changes = 'all';
    this.soon();
  }

  /** When the pending pass runs (performance.now() time). */
  private due = 0;

  private soon(delay = RENDER_DELAY_MS): void {
    if (!this.started) return;
    const due = performance.now() + delay;
    if (this.timer && this.due <= due) return;
    clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delay);
  }

  private async run(): Promise<void> {
    if (this.running) return this.soon(SAVE_DELAY_MS); // the running pass ends first; this one follows
    this.running = true;
    const changes = this.changes;
    this.changes = new Set();
    try {
      await this.pass(changes);
      this.count++;
    } finally {
      this.running = false;
    }
  }
}

/**
 * What renders folders in the background (kustomize overlays, Helm charts): the folders that hold its
 * marker file (a kustomization, a Chart.yaml), as the scan and the file events find them, rendered in
 * RenderPasses by the subclass's `pass`.
 */
export abstract class FolderRenders {
  /** The folders holding the marker file. */
  protected readonly folders = new Set<string>();
  protected readonly passes = new RenderPasses((changes) => this.pass(changes));

  /** The marker file found by the scan, created (`exists`) or deleted. */
  markerFile(path: string, exists: boolean): void {
    if (exists) this.folders.add(dirname(path));
    else this.folders.delete(dirname(path));
  }

  /** The folders are scanned: the first renders. */
  start(): void {
    this.passes.start();
  }

  /** Files changed on disk (saved in the editor, created, deleted): the folders that read them render again (RenderPasses: when). */
  filesChanged(paths: string[], saved = false): void {
    this.passes.filesChanged(paths, saved);
  }

  /** Every folder again (the settings or the workspace's trust changed). */
  renderAll(): void {
    this.passes.renderAll();
  }

  /** One round: render what `changes` touches. */
  protected abstract pass(changes: Changes): Promise<void>;
}
