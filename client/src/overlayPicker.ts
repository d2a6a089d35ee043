import { ConfigurationTarget, StatusBarAlignment, window, workspace, type Disposable, type StatusBarItem } from 'vscode';
import type { OverlaysParams } from '../../server/src/lsp/protocol';

export const PICK_OVERLAY = 'kubeplan.pickOverlay';

/**
 * `kubeplan: overlay staging` in the status bar: the kustomize overlay the simulation applies (the
 * server says which, `kubeplan/overlays`); hidden in a workspace without overlays. A click, or
 * **Kubeplan: Pick Kustomize Overlay**, writes kubeplan.kustomize.overlay.
 */
export class OverlayPicker implements Disposable {
  private readonly item: StatusBarItem;
  private latest: OverlaysParams = { overlays: [], simulated: [] };

  constructor() {
    this.item = window.createStatusBarItem('kubeplan.overlay', StatusBarAlignment.Right, 99);
    this.item.name = 'kubeplan overlay';
    this.item.command = PICK_OVERLAY;
  }

  show(params: OverlaysParams): void {
    this.latest = params;
    if (params.overlays.length === 0) return this.item.hide();
    const simulated = params.simulated.length ? params.simulated.join(', ') : 'none rendered';
    this.item.text = `kubeplan: overlay ${simulated}`;
    this.item.tooltip = `The kustomize overlay the simulation applies (of ${params.overlays.length}). Click to pick another (kubeplan.kustomize.overlay).`;
    this.item.show();
  }

  async pick(): Promise<void> {
    const { overlays, simulated } = this.latest;
    if (overlays.length === 0) {
      void window.showInformationMessage('kubeplan: no kustomize overlay in this workspace (or kubeplan.kustomize.enable is off).');
      return;
    }
    const picked = await window.showQuickPick(
      overlays.map((o) => ({ label: o, description: simulated.includes(o) ? 'simulated' : undefined })),
      { title: 'Kustomize overlay the simulation applies', placeHolder: simulated.join(', ') || 'none rendered' },
    );
    if (!picked) return;
    const target = workspace.workspaceFolders?.length ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
    await workspace.getConfiguration('kubeplan').update('kustomize.overlay', picked.label, target);
  }

  dispose(): void {
    this.item.dispose();
  }
}
