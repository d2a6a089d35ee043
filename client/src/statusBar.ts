import * as path from 'node:path';
import { StatusBarAlignment, window, workspace, type Disposable, type StatusBarItem } from 'vscode';

/** The profile name shown in the status bar: the kubeplan.cluster file, .kubeplan/cluster.yaml, or default. */
export async function activeProfile(): Promise<string> {
  const file = workspace.getConfiguration('kubeplan').get<string>('cluster', '');
  if (file) return path.basename(file).replace(/\.ya?ml$/i, '');
  const found = await workspace.findFiles('.kubeplan/cluster.yaml', null, 1);
  return found.length ? 'cluster' : 'default';
}

/** `kubeplan: default · 1.35`; a click picks another Kubernetes version. */
export class KubeplanStatusBar implements Disposable {
  private readonly item: StatusBarItem;

  constructor(command: string) {
    this.item = window.createStatusBarItem('kubeplan.status', StatusBarAlignment.Right, 100);
    this.item.name = 'kubeplan';
    this.item.command = command;
  }

  async refresh(): Promise<void> {
    const version = workspace.getConfiguration('kubeplan').get<string>('kubernetesVersion', '1.35');
    const profile = await activeProfile();
    this.item.text = `kubeplan: ${profile} · ${version}`;
    this.item.tooltip = `kubeplan: cluster profile ${profile}, Kubernetes ${version}. Click to select the Kubernetes version.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
