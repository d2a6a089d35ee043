/**
 * kubeplan end to end in a real VS Code: the packaged kubeplan.vsix installed into code-server 4.100.3
 * (VS Code 1.100.3), opened in headless Debian chromium driven by playwright-core, used through the
 * keyboard as a person would. Setup (Debian packages, code-server into .cache/code-server) is
 * scripts/e2e-setup.sh, called here; it is cached, about a second once installed.
 * Screenshots of every step: test-results/e2e/NN-step.png; code-server's log: test-results/e2e/code-server.log.
 * KUBEPLAN_E2E_KEEP=1 keeps the temporary workspace, user data and extensions folders.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, ensureVsix, launch, resultsDir } from './lib/codeServer.mjs';
import { Workbench } from './lib/workbench.mjs';
import { BROKEN, COMPLETION, CRONJOB, EXPECTED_PROBLEMS, CRONJOB_AT_1_35, CRONJOB_AT_1_24, REPLICAS_DESCRIPTION, VERSIONS, LENS, LENS_LINE, SCHEDULE, SCHEDULE_LENS_LINE, SCHEDULE_FIT_ERROR, SCHEDULE_PODS, OVERLAY_FILES, OVERLAY_PROBLEMS } from './lib/fixtures.mjs';
import { runCli } from '../helpers/run.mjs';


const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'editor.wordBasedSuggestions': 'off',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'files.autoSave': 'off',
  // The scenarios are about the client; the best-practice checks have their own tests.
  'kubeplan.bestPractices': false,
};

/** `kubeplan check --format json` on a workspace file, in the shape of Problems panel rows. */
function cliProblems(file, version = '1.35') {
  const { stdout } = runCli(['check', '--format', 'json', '--no-best-practices', '--kubernetes-version', version, file], { cwd: session.workspace });
  return JSON.parse(stdout).diagnostics.map((d) => ({
    file: d.file,
    severity: d.severity === 'information' ? 'info' : d.severity,
    message: d.message,
    source: 'kubeplan',
    code: d.code,
    position: `[Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}]`,
  }));
}
/** @type {Awaited<ReturnType<typeof launch>>} */
let session;

describe('kubeplan in VS Code (code-server 4.100.3, chromium)', () => {
  /** @type {Workbench} */
  let wb;
  const timings = {};

  before(async () => {
    rmSync(resultsDir, { recursive: true, force: true });
    timings.setupMs = setup();
    let t = Date.now();
    timings.vsix = ensureVsix();
    timings.vsixMs = Date.now() - t;
    t = Date.now();
    // cart.yaml is there from the start (quick open lists it), empty of objects until scenario k writes it.
    session = await launch({ files: { 'broken.yaml': BROKEN, 'completion.yaml': COMPLETION, 'cronjob.yaml': CRONJOB, 'lens.yaml': LENS, 'schedule.yaml': SCHEDULE, 'cart.yaml': '# scenario k writes this file\n', ...OVERLAY_FILES }, settings: USER_SETTINGS });
    wb = new Workbench(session.page);
    await wb.open(session.url);
    timings.workbenchMs = Date.now() - t;
    await wb.shot('workbench');
  }, { timeout: 20 * 60_000 });

  after(async () => {
    await session?.stop();
    process.stderr.write(`e2e: setup ${timings.setupMs} ms, kubeplan.vsix ${timings.vsix} ${timings.vsixMs} ms, code-server + workbench ${timings.workbenchMs} ms\n`);
  });

  /** Runs a scenario; on failure saves a screenshot named after it before rethrowing. */
  const scenario = (name, fn) => test(name, { timeout: 120_000 }, async () => {
    try {
      await fn();
    } catch (e) {
      await wb?.shot(`FAILED-${name.slice(0, 1)}`).catch(() => {});
      throw e;
    }
  });

  scenario('0. the installed kubeplan.vsix has its runtime files', async () => {
    // What the bundles load beside them (server/src/runtimeFiles.ts, launch.ts): dist/server.js starts
    // dist/server.bundle.js; without dist/validators.js the server still works, but compiles every
    // schema with ajv at run time, and without the .cache files it starts as without a code cache.
    const missing = ['package.json', 'dist/extension.js', 'dist/server.js', 'dist/server.bundle.js', 'dist/server.bundle.js.cache', 'dist/validators.js', 'dist/validators.js.cache', 'schemas/api-lifecycle.json',
      'schemas/1.35/definitions.json', 'schemas/1.35/kinds.json'].filter((f) => !existsSync(join(session.extensionFolder, f)));
    assert.deepEqual(missing, [], `missing from ${session.extensionFolder}`);
    assert.equal(JSON.parse(readFileSync(join(session.extensionFolder, 'package.json'), 'utf8')).name, 'kubeplan');
  });

  scenario('a. the Problems panel lists kubeplan diagnostics with codes and exact messages', async () => {
    // The expectations are the core's own output: if this fails, the core's messages changed.
    assert.deepEqual(cliProblems('broken.yaml'), EXPECTED_PROBLEMS,
      'kubeplan check broken.yaml no longer reports what this test expects: update test/e2e/lib/fixtures.mjs');
    await wb.openFile('broken.yaml');
    await wb.shot('a-broken-yaml-open');
    await wb.showProblems();
    const rows = await wb.untilProblems('broken.yaml', (p) => p.length >= EXPECTED_PROBLEMS.length, 30_000, 'three kubeplan problems')
      .catch(async (e) => { await wb.shot('a-problems-missing'); throw e; });
    await wb.shot('a-problems-panel');
    assert.deepEqual(rows, EXPECTED_PROBLEMS);
  });

  scenario('b. quick fix "Quote yes" rewrites the value and the KP124 problem goes away', async () => {
    await wb.openFile('broken.yaml');
    await wb.goTo(21, 18);
    await wb.page.keyboard.press('Control+.');
    const actions = await wb.until(() => [...document.querySelectorAll('.action-widget .monaco-list-row.action')]
      .map((r) => r.getAttribute('aria-label')), null, (a) => a.length > 0, 15_000, 'the quick fix menu');
    await wb.shot('b-quick-fix-menu');
    assert.deepEqual(actions, ['Quote yes']);
    // The menu opens with its first action focused ("Enter to Apply").
    await wb.until(() => document.querySelector('.action-widget .monaco-list-row.action.focused')?.getAttribute('aria-label'),
      null, (l) => l === 'Quote yes', 5_000, '"Quote yes" focused');
    await wb.page.keyboard.press('Enter');

    const line21 = await wb.untilLine(21, (l) => l !== '          value: yes', 10_000, 'line 21 to change');
    assert.equal(line21, '          value: "yes"');
    const rows = await wb.untilProblems('broken.yaml', (p) => !p.some((r) => r.code === 'KP124'), 30_000, 'the KP124 problem to go away');
    await wb.shot('b-quick-fix-applied');
    assert.deepEqual(rows, EXPECTED_PROBLEMS.slice(0, 2));

    // Saved, the file on disk has exactly that line.
    await wb.focusEditor();
    await wb.page.keyboard.press('Control+S');
    await wb.page.waitForFunction(() => !document.querySelector('.part.editor .editor-group-container.active .tab.active.dirty'), null, { timeout: 10_000 });
    assert.equal(readFileSync(join(session.workspace, 'broken.yaml'), 'utf8').split('\n')[20], '          value: "yes"');
  });

  scenario('c. hover on the replicas key shows its path, type and API description', async () => {
    await wb.openFile('broken.yaml');
    await wb.goTo(6, 5);
    await wb.page.keyboard.press('Control+K');
    await wb.page.keyboard.press('Control+I');
    const hover = await wb.until(() => [...document.querySelectorAll('.monaco-hover')]
      .filter((h) => h.checkVisibility() && !h.classList.contains('hidden'))
      .map((h) => ({ text: h.innerText, strong: h.querySelector('strong')?.textContent ?? null })),
    null, (hs) => hs.some((h) => h.text.includes(REPLICAS_DESCRIPTION)), 15_000, 'a hover with the description of spec.replicas')
      .catch(async (e) => {
        await wb.shot('c-hover-missing');
        throw new Error(`no kubeplan hover on spec.replicas (needs the hover provider from main): ${e.message}`);
      });
    await wb.shot('c-hover');
    const ours = hover.find((h) => h.text.includes(REPLICAS_DESCRIPTION));
    assert.equal(ours.strong, 'spec.replicas');
    assert.equal(ours.text.split('\n').find((l) => l.trim()), 'spec.replicas · integer');
    await wb.escape();
  });

  scenario('d. completion inside a container offers imagePullPolicy', async () => {
    await wb.openFile('completion.yaml');
    await wb.goTo(16, 21); // end of "        image: nginx"
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type('imagePu');
    await wb.escape(1); // a quick suggestion may already be open: Ctrl+Space must open it by itself
    const typed = await wb.untilLine(17, (l) => l?.trim() === 'imagePu', 10_000, '"imagePu" on line 17');
    assert.equal(typed, '        imagePu', 'Enter after "image: nginx" keeps the container indentation');
    await wb.page.keyboard.press('Control+Space');
    const labels = await wb.until(() => {
      const widget = document.querySelector('.suggest-widget');
      if (!widget?.classList.contains('visible')) return [];
      return [...widget.querySelectorAll('.monaco-list-row .label-name')].map((l) => l.textContent);
    }, null, (l) => l.length > 0, 15_000, 'the suggest widget with entries')
      .catch(async (e) => {
        await wb.shot('d-no-suggestions');
        throw new Error(`no completion at "imagePu" (needs key completion from main): ${e.message}`);
      });
    await wb.shot('d-suggestions');
    assert.equal(labels[0], 'imagePullPolicy', `suggestions: ${JSON.stringify(labels)}`);
    await wb.page.keyboard.press('Enter');
    const accepted = await wb.untilLine(17, (l) => l !== '        imagePu', 10_000, 'the completion to be inserted');
    await wb.shot('d-accepted');
    assert.ok(accepted.startsWith('        imagePullPolicy'), `line 17 after accepting: ${JSON.stringify(accepted)}`);
    await wb.escape();
  });

  scenario('e. the status bar shows profile and Kubernetes version; picking 1.24 there re-validates for 1.24', async () => {
    const item = (text) => wb.until(() => [...document.querySelectorAll('.statusbar .statusbar-item')]
      .map((e) => e.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean), null, (items) => items.includes(text), 30_000,
    `status bar item "${text}"`);
    assert.deepEqual([cliProblems('cronjob.yaml', '1.35'), cliProblems('cronjob.yaml', '1.24')], [CRONJOB_AT_1_35, CRONJOB_AT_1_24],
      'kubeplan check cronjob.yaml no longer reports what this test expects: update test/e2e/lib/fixtures.mjs');
    await wb.openFile('cronjob.yaml');
    await item('kubeplan: default · 1.35').catch(async (e) => {
      await wb.shot('e-status-missing');
      throw new Error(`no kubeplan status bar item (needs the status bar item from main): ${e.message}`);
    });
    const before = await wb.untilProblems('cronjob.yaml', (p) => p.length > 0, 30_000, 'the problems of cronjob.yaml');
    await wb.shot('e-status-bar-1.35');
    assert.deepEqual(before, CRONJOB_AT_1_35);

    await wb.page.locator('.statusbar .statusbar-item', { hasText: 'kubeplan: default · 1.35' }).first().click();
    const picker = await wb.untilQuickPick((q) => q.title === 'Kubernetes version the manifests target', 10_000,
      'the quick pick "Kubernetes version the manifests target"');
    await wb.shot('e-version-quick-pick');
    assert.deepEqual(picker.labels, VERSIONS, 'the quick pick lists 1.35 down to 1.23, newest first');
    await wb.page.keyboard.type('1.24');
    await wb.untilQuickPick((q) => q.labels.length === 1 && q.labels[0] === '1.24', 10_000, 'only 1.24 left in the quick pick');
    await wb.page.keyboard.press('Enter');
    await item('kubeplan: default · 1.24');
    const after = await wb.untilProblems('cronjob.yaml', (p) => p[0]?.code !== 'KP111', 30_000, 'cronjob.yaml re-validated for 1.24');
    await wb.shot('e-status-bar-1.24');
    assert.deepEqual(after, CRONJOB_AT_1_24);
    // The choice is the workspace's setting.
    const settings = JSON.parse(readFileSync(join(session.workspace, '.vscode', 'settings.json'), 'utf8'));
    assert.equal(settings['kubeplan.kubernetesVersion'], '1.24');
  });

  /** The code lens lines of the active editor, as shown (lenses of one line joined by " | "). */
  const lensLines = (accept, what) => wb.until(() => [...document.querySelectorAll('.part.editor .editor-group-container.active .monaco-editor .codelens-decoration')]
    .map((l) => l.textContent.trim()).filter(Boolean), null, accept, 30_000, what);

  scenario('f. the resources lens above a Deployment, and where its replicas are scheduled', async () => {
    await wb.openFile('lens.yaml');
    const lenses = await lensLines((l) => l[0] === LENS_LINE, 'the resources and scheduling lenses in lens.yaml');
    await wb.shot('f-lens');
    assert.deepEqual(lenses, [LENS_LINE]);
  });

  scenario('g. an unschedulable replica: KP153, the lens, and Explain Scheduling shows the FitError', async () => {
    const settingsFile = join(session.workspace, '.vscode', 'settings.json');
    const version = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8'))['kubeplan.kubernetesVersion'] ?? '1.35' : '1.35';
    const fitError = SCHEDULE_FIT_ERROR[version];
    await wb.openFile('schedule.yaml');
    const lenses = await lensLines((l) => l[0] === SCHEDULE_LENS_LINE, 'the scheduling lens of schedule.yaml');
    assert.deepEqual(lenses, [SCHEDULE_LENS_LINE]);
    await wb.showProblems();
    const problems = await wb.untilProblems('schedule.yaml', (p) => p.length > 0, 30_000, 'the KP153 problem of schedule.yaml');
    await wb.shot('g-lens-and-problem');
    assert.deepEqual(problems, [{ file: 'schedule.yaml', severity: 'error', message: `1/3 replicas would not be scheduled: ${fitError}`, source: 'kubeplan', code: 'KP153', position: '[Ln 16, Col 9]' }]);

    // The lens runs Kubeplan: Explain Scheduling for the Deployment; the webview is a nested frame.
    await wb.page.locator('.part.editor .editor-group-container.active .codelens-decoration a', { hasText: 'Explain' }).click();
    const { value: view } = await wb.untilFrame(() => document.getElementById('title')?.textContent ? {
      title: document.getElementById('title').textContent,
      pods: [...document.querySelectorAll('h2')].map((h) => h.textContent),
      fitErrors: [...document.querySelectorAll('.fit-error')].map((e) => e.textContent),
      chosen: [...document.querySelectorAll('tr.chosen td:first-child')].map((td) => td.textContent),
      // The last pod's table: unschedulable, so filter columns only.
      header: [...[...document.querySelectorAll('table')].at(-1).querySelectorAll('thead tr:last-child th')].map((th) => th.textContent),
    } : null, () => true, 30_000, 'the Explain Scheduling webview');
    await wb.shot('g-explain-scheduling');
    assert.deepEqual(view, {
      title: 'Scheduling of Deployment/default/batch (simulated, default profile)',
      pods: SCHEDULE_PODS,
      fitErrors: [fitError],
      chosen: ['worker-1 (chosen)', 'worker-1 (chosen)'],
      header: ['Node', 'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity', ...(version >= '1.34' ? ['DynamicResources'] : [])],
    });
  });

  scenario('h. Kubeplan: Simulate Apply of the current file opens the panel; clicking an event reveals its manifest line', async () => {
    // The expectation is the CLI's simulation of the same file (same core, same cluster).
    const { stdout } = runCli(['simulate', 'lens.yaml', '--format', 'json', '--kubernetes-version', '1.24'], { cwd: session.workspace });
    const expected = JSON.parse(stdout).events.map((e) => [e.type, e.reason, e.object, e.message, e.component].join('|'));
    assert.equal(expected[1].split('|')[1], 'ScalingReplicaSet');
    // A webview panel of an earlier scenario may hold the keyboard focus: click into the workbench first.
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'lens.yaml' }).first().click();
    await wb.openFile('lens.yaml');
    await wb.runCommand('Kubeplan: Simulate Apply');
    const pick = await wb.untilQuickPick((q) => q.title === 'Kubeplan: Simulate Apply of…', 10_000, 'the Simulate Apply quick pick');
    assert.deepEqual(pick.labels, ['Workspace', 'Current file (lens.yaml)']);
    await wb.page.keyboard.type('Current file');
    await wb.untilQuickPick((q) => q.labels.length === 1, 10_000, 'only "Current file" left');
    await wb.page.keyboard.press('Enter');
    const { frame, value: found } = await wb.untilFrame(() => (document.getElementById('events')
      ? [...document.querySelectorAll('#events tr')].map((tr) => [...tr.children].map((td) => td.textContent).join('|')) : null),
    (rows) => rows.length >= expected.length, 30_000, 'the Simulate Apply panel with the events')
      .catch(async (e) => { await wb.shot('h-panel-missing'); throw e; });
    await wb.shot('h-simulate-apply-panel');
    assert.deepEqual(found, expected);
    const flow = await frame.evaluate(() => [document.getElementById('selected').textContent, [...document.querySelectorAll('.step.on')].map((e) => e.textContent)]);
    assert.deepEqual(flow, ['Deployment/default/api', ['kubectl', 'kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kubelet']]);
    // Click the ScalingReplicaSet event: the editor selects the Deployment's kind (line 2).
    await frame.locator('#events tr').nth(1).click();
    const status = await wb.until(() => [...document.querySelectorAll('.statusbar .statusbar-item')].map((e) => e.textContent.trim())
      .find((t) => /^Ln \d+, Col \d+/.test(t)) ?? '', null, (t) => t.startsWith('Ln 2, Col'), 15_000, 'the cursor on line 2');
    await wb.shot('h-revealed');
    assert.equal(status, 'Ln 2, Col 17 (10 selected)');
  });
  scenario('i. Kubeplan: Show kube-proxy Rules for Node… opens the node\'s iptables-save as a highlighted document', async () => {
    const { stdout } = runCli(['iptables', '.', '--node', 'worker-2', '--kubernetes-version', '1.24'], { cwd: session.workspace });
    const expected = stdout.split('\n').slice(0, 6);
    assert.equal(expected[0], '*filter');
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'lens.yaml' }).first().click();
    await wb.openFile('lens.yaml');
    await wb.runCommand('Kubeplan: Show kube-proxy Rules for Node…');
    const nodes = await wb.untilQuickPick((q) => q.title === 'kube-proxy rules of node…', 10_000, 'the node picker');
    assert.deepEqual(nodes.labels, ['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    await wb.page.keyboard.type('worker-2');
    await wb.untilQuickPick((q) => q.labels.length === 1, 10_000, 'only worker-2 left');
    await wb.page.keyboard.press('Enter');
    await wb.untilQuickPick((q) => q.title === 'kube-proxy mode on worker-2', 10_000, 'the mode picker');
    await wb.page.keyboard.type('iptables');
    await wb.untilQuickPick((q) => q.labels.length === 1, 10_000, 'only iptables left');
    await wb.page.keyboard.press('Enter');
    await wb.until(() => document.querySelector('.part.editor .editor-group-container.active .tab.active .label-name')?.textContent ?? '', null,
      (t) => t === 'worker-2 iptables.rules', 15_000, 'the rules document tab');
    const lines = await wb.untilLine(6, (t) => t === expected[5], 15_000, 'the ruleset in the editor');
    await wb.shot('i-proxy-rules');
    assert.equal(lines, expected[5]);
    const shown = await wb.editorLines();
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => shown.get(n)), expected);
    const language = await wb.until(() => [...document.querySelectorAll('.statusbar .statusbar-item')].map((e) => e.textContent.trim()),
      null, (items) => items.includes('iptables'), 10_000, 'the iptables language mode in the status bar');
    assert.equal(language.includes('iptables'), true);
  });
  scenario('j. a base file of a kustomize overlay shows the rendered overlay\'s finding; the status bar names the overlay', async () => {
    // The expectation is the CLI's own placing of the rendered overlay's finding.
    const cli = JSON.parse(runCli(['check', '--format', 'json', '--no-best-practices', 'overlay/staging'], { cwd: session.workspace }).stdout).diagnostics;
    assert.deepEqual(cli.map((d) => [d.file, `[Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}]`, d.code, d.message]),
      [['overlay/base/web.yaml', OVERLAY_PROBLEMS[0].position, OVERLAY_PROBLEMS[0].code, OVERLAY_PROBLEMS[0].message]],
      'kubeplan check overlay/staging no longer reports what this test expects: update test/e2e/lib/fixtures.mjs');
    await wb.openFile('web.yaml');
    await wb.showProblems();
    const rows = await wb.untilProblems('web.yaml', (p) => p.length > 0, 60_000, "the rendered overlay's problem on web.yaml");
    await wb.shot('j-overlay-problem');
    assert.deepEqual(rows, OVERLAY_PROBLEMS);
    const related = await wb.untilRelated((r) => r.some((x) => x.includes('rendered by kustomize')), 10_000, 'the overlay as related information');
    assert.ok(related.some((x) => x.includes('kustomization.yaml') && x.includes('rendered by kustomize from this overlay')), JSON.stringify(related));
    const items = await wb.until(() => [...document.querySelectorAll('.statusbar .statusbar-item')].map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
      null, (t) => t.includes('kubeplan: overlay overlay/staging'), 10_000, 'the overlay status bar item');
    assert.ok(items.includes('kubeplan: overlay overlay/staging'));
  });
  scenario('k. with a cluster state (kubeplan.clusterState), a changed image is a rollout: the CodeLens, and the plan in Simulate Apply', async () => {
    const cart = (image) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cart}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: cart}}\n  template:\n    metadata: {labels: {app: cart}}\n    spec:\n      containers: [{name: cart, image: ${image}}]\n`;
    // The state the previous release leaves, as the CLI's simulation of it (same core).
    writeFileSync(join(session.workspace, 'previous-release.yml.txt'), cart('example/cart:2.3.0'));
    const simulated = JSON.parse(runCli(['simulate', 'previous-release.yml.txt', '--format', 'json'], { cwd: session.workspace }).stdout);
    writeFileSync(join(session.workspace, 'cart-state.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: simulated.objects }));
    const settingsFile = join(session.workspace, '.vscode', 'settings.json');
    const settings = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : {};
    writeFileSync(settingsFile, JSON.stringify({ ...settings, 'kubeplan.clusterState': 'cart-state.json' }, null, 2));
    writeFileSync(join(session.workspace, 'cart.yaml'), cart('example/cart:2.4.0'));
    await wb.openFile('cart.yaml');
    const lenses = await lensLines((l) => l.some((x) => x.includes('rollout')), 'the rollout lens of cart.yaml')
      .catch(async (e) => { await wb.shot('k-lens-missing'); throw e; });
    await wb.shot('k-rollout-lens');
    assert.match(lenses[0], /\|\s~ rollout: 2 steps, completes$/);
    await wb.runCommand('Kubeplan: Simulate Apply');
    await wb.untilQuickPick((q) => q.title === 'Kubeplan: Simulate Apply of…', 10_000, 'the Simulate Apply quick pick');
    await wb.page.keyboard.type('Workspace');
    await wb.untilQuickPick((q) => q.labels.length === 1, 10_000, 'only "Workspace" left');
    await wb.page.keyboard.press('Enter');
    const { value: plan } = await wb.untilFrame(() => {
      const box = document.getElementById('plan');
      const change = box && [...box.querySelectorAll('.change')].find((c) => c.textContent.includes('Deployment/default/cart'));
      return change ? { head: box.firstChild.textContent, change: change.textContent, diff: change.nextSibling.textContent, steps: [...change.nextSibling.nextSibling.querySelectorAll('.pstep')].map((e) => e.textContent) } : null;
    }, () => true, 30_000, 'the plan in the Simulate Apply panel').catch(async (e) => { await wb.shot('k-plan-missing'); throw e; });
    await wb.shot('k-plan');
    assert.equal(plan.head, `Against the cluster state cart-state.json (${simulated.objects.length} objects).`);
    assert.equal(plan.change, '~Deployment/default/cart');
    assert.equal(plan.diff, '~ spec.template.spec.containers[name=cart].image: "example/cart:2.3.0" → "example/cart:2.4.0"');
    assert.deepEqual(plan.steps.map((t) => t.replace(/cart-[a-z0-9]+/g, 'cart-<hash>')), ['1. Scaled up replica set cart-<hash> from 0 to 1', '2. Scaled down replica set cart-<hash> to 0 from 1', '✓ completes']);
  });
});
