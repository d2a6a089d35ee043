/**
 * The VS Code side of kubeplan: starts the language server (dist/server.js), hands it the YAML files,
 * the kubeplan.* settings and file events, and adds the status bar item and commands. All analysis
 * happens in the server.
 */
import * as path from 'node:path';
import { commands, window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { KubeplanStatusBar } from './statusBar';
import { SELECT_VERSION, selectKubernetesVersion } from './commands';
import { noticeRedHatYaml } from './redHatYaml';
import { SIMULATE_APPLY, simulateApply } from './simulatePanel';
import { ProxyRulesProvider, RULES_SCHEME, SHOW_PROXY_RULES, showProxyRules, TRACE_PACKET, tracePacket } from './proxyRules';
import { EXPLAIN_SCHEDULING, explainScheduling } from './explainPanel';
import { APF_CLASSIFY, APF_LEVELS, apfClassify, apfLevels } from './apfClassify';
import { CAN_I, rbacQuestion, WHO_CAN } from './canI';
import { OverlayPicker, PICK_OVERLAY } from './overlayPicker';
import { Overlays, WorkspaceTrusted, type InitializationOptions } from '../../server/src/lsp/protocol';
import { SERVER_NODE_FLAGS } from '../../server/src/core/serverFlags';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = window.createOutputChannel('kubeplan', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      configurationSection: 'kubeplan',
      // YAML files, and kustomizations named `Kustomization` (a change renders their overlays again).
      fileEvents: workspace.createFileSystemWatcher('**/{*.yaml,*.yml,Kustomization}'),
    },
    outputChannel,
    // In an untrusted workspace the server never runs kustomize or helm (package.json, capabilities.untrustedWorkspaces).
    initializationOptions: { trusted: workspace.isTrusted } satisfies InitializationOptions,
  };
  client = new LanguageClient('kubeplan', 'kubeplan', serverOptions, clientOptions);

  const statusBar = new KubeplanStatusBar(SELECT_VERSION);
  const overlayPicker = new OverlayPicker();
  context.subscriptions.push(
    outputChannel,
    statusBar,
    overlayPicker,
    commands.registerCommand(PICK_OVERLAY, () => overlayPicker.pick()),
    client.onNotification(Overlays, (params) => overlayPicker.show(params)),
    workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(WorkspaceTrusted, { trusted: true })),
    commands.registerCommand(SELECT_VERSION, selectKubernetesVersion),
    commands.registerCommand('kubeplan.showOutput', () => outputChannel.show()),
    commands.registerCommand(SIMULATE_APPLY, () => (client ? simulateApply(client) : undefined)),
    commands.registerCommand(APF_CLASSIFY, () => (client ? apfClassify(client, outputChannel) : undefined)),
    commands.registerCommand(APF_LEVELS, () => (client ? apfLevels(client, outputChannel) : undefined)),
    commands.registerCommand(CAN_I, () => (client ? rbacQuestion(client, outputChannel, 'can-i') : undefined)),
    commands.registerCommand(WHO_CAN, () => (client ? rbacQuestion(client, outputChannel, 'who-can') : undefined)),
    commands.registerCommand(EXPLAIN_SCHEDULING, (args?: { workload?: string }) => (client ? explainScheduling(client, args) : undefined)),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubeplan')) void statusBar.refresh();
    }),
  );
  const rulesProvider = new ProxyRulesProvider(client);
  context.subscriptions.push(
    rulesProvider,
    workspace.registerTextDocumentContentProvider(RULES_SCHEME, rulesProvider),
    commands.registerCommand(SHOW_PROXY_RULES, () => (client ? showProxyRules(client) : undefined)),
    commands.registerCommand(TRACE_PACKET, () => (client ? tracePacket(client) : undefined)),
  );
  await statusBar.refresh();
  await client.start();
  void noticeRedHatYaml(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
