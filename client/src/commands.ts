import { ConfigurationTarget, window, workspace } from 'vscode';
import { KUBERNETES_VERSIONS } from '../../server/src/core/versions';

export const SELECT_VERSION = 'kubeplan.selectKubernetesVersion';
const VERSIONS = [...KUBERNETES_VERSIONS].reverse();

/** Kubeplan: Select Kubernetes Version — writes kubeplan.kubernetesVersion (workspace, else user). */
export async function selectKubernetesVersion(): Promise<void> {
  const current = workspace.getConfiguration('kubeplan').get<string>('kubernetesVersion', '1.35');
  const picked = await window.showQuickPick(
    VERSIONS.map((v) => ({ label: v, description: v === current ? 'current' : undefined })),
    { title: 'Kubernetes version the manifests target', placeHolder: `now ${current}` },
  );
  if (!picked || picked.label === current) return;
  const target = workspace.workspaceFolders?.length ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
  await workspace.getConfiguration('kubeplan').update('kubernetesVersion', picked.label, target);
}
