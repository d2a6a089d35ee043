/**
 * Driving the VS Code workbench in the page the way a person does: keyboard shortcuts, the command
 * palette, and reading what is on screen from the DOM. Every wait is bounded; a timeout error says
 * what was awaited and what was seen instead.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir } from './codeServer.mjs';

/** The editor of the active editor group (not the output panel's or a hover's). */
const ACTIVE_EDITOR = '.part.editor .editor-group-container.active .monaco-editor';

/**
 * Runs in the page: the Problems panel's marker rows in display order, each with the file of the
 * group it is in (the message is whole in the DOM, even when cut on screen).
 */
const readProblems = () => {
  const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')]
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
  const problems = [];
  let file = '';
  for (const row of rows) {
    if (row.querySelector('.related-info-resource')) continue; // a problem's related information (readRelated)
    const marker = row.querySelector('.marker-message-details-container');
    if (!marker) {
      file = row.querySelector('.label-name')?.textContent ?? '';
      continue;
    }
    const icon = row.querySelector('.marker-icon');
    problems.push({
      file,
      severity: ['error', 'warning', 'info'].find((s) => icon?.classList.contains(s)) ?? '',
      message: marker.querySelector('.marker-message')?.textContent ?? '',
      source: marker.querySelector('.marker-source')?.textContent ?? '',
      code: marker.querySelector('.marker-code')?.textContent ?? '',
      position: marker.querySelector('.marker-line')?.textContent ?? '',
    });
  }
  return problems;
};

/** Runs in the page: the related information rows of the Problems panel, as shown (`file(Ln, Col): message`). */
const readRelated = () => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
  .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
  .filter((row) => row.querySelector('.related-info-resource'))
  .map((row) => row.textContent.replace(/\s+/g, ' ').trim());

/** Runs in the page: the quick input widget (it keeps its last rows in the DOM while hidden). */
const readQuickPick = () => {
  const widget = document.querySelector('.quick-input-widget');
  return {
    visible: !!widget && widget.style.display !== 'none' && widget.checkVisibility(),
    title: widget?.querySelector('.quick-input-title')?.textContent ?? '',
    labels: [...(widget?.querySelectorAll('.quick-input-list .monaco-list-row') ?? [])]
      .map((r) => r.querySelector('.label-name')?.textContent ?? ''),
  };
};

export class Workbench {
  constructor(page) {
    this.page = page;
    this.step = 0;
    mkdirSync(resultsDir, { recursive: true });
  }

  /** A numbered screenshot in test-results/e2e/: what the test saw at this step. */
  async shot(name) {
    this.step += 1;
    const file = join(resultsDir, `${String(this.step).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Polls `probe` in the page context until `accept(value)`; throws after `timeoutMs` with the last
   * value seen, so a failure says what was on screen.
   */
  async until(probe, arg, accept, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    let seen;
    for (;;) {
      seen = await this.page.evaluate(probe, arg);
      if (accept(seen)) return seen;
      if (Date.now() > deadline) {
        const error = new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${JSON.stringify(seen)}`);
        error.seen = seen;
        throw error;
      }
      await this.page.waitForTimeout(150);
    }
  }

  async open(url) {
    await this.page.goto(url);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The explorer shows the workspace's files once the remote file system is connected.
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  }

  async escape(times = 2) {
    for (let i = 0; i < times; i++) await this.page.keyboard.press('Escape');
  }

  /**
   * Quick open (Ctrl+P): type the file name, Enter; waits until its editor tab is the active one. Once
   * after a quick pick of the status bar the Enter was lost (no editor opened): the quick open is
   * tried a second time before giving up.
   */
  async openFile(name) {
    for (let attempt = 1; ; attempt++) {
      await this.escape();
      await this.page.keyboard.press('Control+P');
      await this.page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 10_000 });
      await this.page.keyboard.type(name);
      await this.until((n) => [...document.querySelectorAll('.quick-input-list .monaco-list-row .label-name')]
        .some((e) => e.textContent === n), name, Boolean, 15_000, `quick open to list ${name}`);
      await this.page.keyboard.press('Enter');
      try {
        await this.until((n) => document.querySelector('.part.editor .editor-group-container.active .tab.active .label-name')?.textContent === n
          && !!document.querySelector('.part.editor .editor-group-container.active .monaco-editor .view-lines .view-line'),
        name, Boolean, attempt === 1 ? 15_000 : 30_000, `the editor of ${name}`);
        break;
      } catch (e) {
        if (attempt === 2) throw e;
        await this.shot(`open-${name}-retry`);
      }
    }
    await this.focusEditor();
  }

  async focusEditor() {
    await this.page.locator(`${ACTIVE_EDITOR} textarea`).first().focus();
  }

  /** Go to Line/Column (Ctrl+G) "line:column", both 1-based. */
  async goTo(line, column) {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    await this.page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 10_000 });
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    // The status bar's cursor position item ("Ln 21, Col 18") tells where the cursor is.
    await this.until(() => [...document.querySelectorAll('.statusbar .statusbar-item')].map((e) => e.textContent.trim())
      .find((t) => /^Ln \d+, Col \d+/.test(t)) ?? '', null, (t) => t === `Ln ${line}, Col ${column}`, 10_000,
    `the cursor at Ln ${line}, Col ${column}`);
  }

  /** Runs a command by its exact palette label (F1, type, pick the row whose label is exactly it). */
  async runCommand(label) {
    await this.page.keyboard.press('F1');
    await this.page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 10_000 });
    await this.page.keyboard.type(label);
    await this.until((l) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')]
      .some((r) => r.querySelector('.label-name')?.textContent === l), label, Boolean, 10_000, `command "${label}" in the palette`);
    await this.page.locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) })
      .filter({ hasText: label }).first().click();
  }

  /**
   * The active editor's rendered lines, 1-based line number → text (spaces as spaces), read from
   * the DOM: each `.view-line` is paired with the margin's line number at the same offset.
   */
  async editorLines() {
    return new Map(await this.page.evaluate((sel) => {
      const editor = document.querySelector(sel);
      if (!editor) return [];
      const numbers = new Map();
      for (const div of editor.querySelectorAll('.margin-view-overlays > div')) {
        const n = div.querySelector('.line-numbers')?.textContent;
        if (n) numbers.set(div.style.top, Number(n));
      }
      return [...editor.querySelectorAll('.view-lines > .view-line')]
        .filter((l) => numbers.has(l.style.top))
        .map((l) => [numbers.get(l.style.top), l.textContent.replace(/\u00a0/g, ' ')]);
    }, ACTIVE_EDITOR));
  }

  /** Polls line `n` of the active editor until `accept(text)`; returns the text. */
  async untilLine(n, accept, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = (await this.editorLines()).get(n);
      if (accept(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; line ${n}: ${JSON.stringify(text)}`);
      await this.page.waitForTimeout(150);
    }
  }

  /** Opens the Problems panel (Ctrl+Shift+M) unless it is open. */
  async showProblems() {
    if (!(await this.page.locator('.markers-panel').isVisible().catch(() => false))) {
      await this.page.keyboard.press('Control+Shift+M');
    }
    await this.page.waitForSelector('.markers-panel', { state: 'visible', timeout: 10_000 });
  }

  /** Problems panel rows: { file, severity, message, source, code, position } in display order. */
  async problems() {
    return this.page.evaluate(readProblems);
  }

  /** Waits until the Problems panel rows of `file` satisfy `accept`; returns them. */
  async untilProblems(file, accept, timeoutMs, what) {
    return (await this.until(readProblems, null, (all) => accept(all.filter((p) => p.file === file)), timeoutMs, what))
      .filter((p) => p.file === file);
  }

  /** Waits until the Problems panel's related information rows satisfy `accept`; returns them. */
  async untilRelated(accept, timeoutMs, what) {
    return this.until(readRelated, null, accept, timeoutMs, what);
  }

  /** Texts of the status bar items (each item's visible text, trimmed). */
  async statusBarItems() {
    return this.page.evaluate(() => [...document.querySelectorAll('.statusbar .statusbar-item')]
      .map((e) => e.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean));
  }

  /**
   * Polls every frame of the page (a webview panel is a nested frame) with `probe` until one answers
   * something `accept` takes; returns that frame and the answer.
   */
  async untilFrame(probe, accept, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        const value = await frame.evaluate(probe).catch(() => null);
        if (value !== null && value !== undefined && accept(value)) return { frame, value };
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
      await this.page.waitForTimeout(250);
    }
  }

  /** The quick input widget: visible or not, its title, and the labels of its rendered rows. */
  async quickPick() {
    return this.page.evaluate(readQuickPick);
  }

  /** Waits until the quick input is visible and `accept({ title, labels })`. */
  async untilQuickPick(accept, timeoutMs, what) {
    return this.until(readQuickPick, null, (q) => q.visible && accept(q), timeoutMs, what);
  }
}
