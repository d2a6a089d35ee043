import { extensions, window, workspace, type ExtensionContext } from 'vscode';

const SEEN = 'kubeplan.redHatYamlNoticeShown';

/**
 * Red Hat's YAML extension validates against the Kubernetes schema when `yaml.schemas` maps
 * `kubernetes` to files; with kubeplan's schema validation on too, the same mistake shows twice.
 * Says so once, with the two ways out.
 */
export async function noticeRedHatYaml(context: ExtensionContext): Promise<void> {
  if (!extensions.getExtension('redhat.vscode-yaml') || context.globalState.get(SEEN)) return;
  const yaml = workspace.getConfiguration('yaml');
  const schemas = yaml.get<Record<string, unknown>>('schemas', {});
  const kubernetesSchema = Object.keys(schemas).some((k) => k === 'kubernetes' || /kubernetes/i.test(k));
  if (yaml.get<boolean>('validate', true) === false || !kubernetesSchema) return;
  if (!workspace.getConfiguration('kubeplan').get<boolean>('validation.schema', true)) return;
  await context.globalState.update(SEEN, true);
  const choice = await window.showInformationMessage(
    'kubeplan and the YAML extension both validate Kubernetes schemas here, so some mistakes show twice. Remove the "kubernetes" entry from yaml.schemas, or turn off kubeplan.validation.schema.',
    'Turn off kubeplan schema validation',
  );
  if (choice) await workspace.getConfiguration('kubeplan').update('validation.schema', false);
}
