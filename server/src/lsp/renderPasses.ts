/** Paths changed on disk since the last pass ('all': everything renders again). */
export type Changes = Set<string> | 'all';

/** A pause after the last change on disk: a save of several files renders once. */
const RENDER_DELAY_MS = 300;

/**
 * When renders run in the language server (kustomize overlays, Helm charts): a pass once the
 * workspace is scanned, then RENDER_DELAY_MS after the last change on disk or of the settings, one
 * pass at a time (a change during a pass brings another after it), with the paths changed since the
 * last one.
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

  /** Files changed on disk (saved, created, deleted). */
  filesChanged(paths: string[]): void {
    if (this.changes !== 'all') for (const p of paths) this.changes.add(p);
    this.soon();
  }

  /** Everything again (the settings or the workspace's trust changed). */
  renderAll(): void {
    this.changes = 'all';
    this.soon();
  }

  private soon(): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), RENDER_DELAY_MS);
  }

  private async run(): Promise<void> {
    if (this.running) return this.soon(); // the running pass ends first; this one follows
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
