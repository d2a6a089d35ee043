import { RULES } from '../rules';
import { obj, podContainers, type Obj } from '../model/obj';
import { groupOf } from '../schema/apiLifecycle';
import { workloadOf } from '../resources/workloads';
import { parseImage, unpinnedImage } from '../checks/bestPractices/imageTag';
import type { Manifest } from '../cluster/manifests';
import type { SimulationFinding } from '../cluster/findings/types';

const listOf = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Obj => !!x) : []);

/**
 * The images a build tool of the workspace tags when it deploys: kustomize gives each image its
 * kustomizations' (and components') `images` names a `newTag` or `digest`, skaffold tags each of its
 * configs' `build.artifacts` (its profiles' too). Their tags in the manifests are placeholders.
 */
export function builtImages(kustomizations: Obj[], skaffoldConfigs: Obj[]): Set<string> {
  const out = new Set<string>();
  for (const k of kustomizations) {
    // An entry that only names the image (no newTag, no digest) leaves its tag as it is.
    for (const image of listOf(k.images)) if (typeof image.name === 'string' && (image.newTag != null || image.digest != null)) out.add(image.name);
  }
  for (const config of skaffoldConfigs) {
    const builds = [obj(config.build), ...listOf(config.profiles).map((p) => obj(p.build))];
    for (const build of builds) for (const artifact of listOf(build?.artifacts)) if (typeof artifact.image === 'string') out.add(artifact.image);
  }
  return out;
}

/** The groups of the built-in kinds that make pods (workloadOf). */
const WORKLOAD_GROUPS = new Set(['', 'apps', 'batch']);

/**
 * KP170 (warning): an image of a valid workload's pod template without a tag or tagged `latest`
 * (checks/bestPractices/imageTag.ts), unless a build tool of the workspace sets its tag at deploy
 * time (a Kustomization's `images`, a skaffold.yaml's artifacts): the manifest's tag is then a
 * placeholder, as in kubebuilder's `controller:latest` or skaffold's bare artifact names.
 */
export function imageTagFindings(manifests: Manifest[], built: Set<string>, defaultNamespace: string): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  for (const m of manifests) {
    if (m.invalid || !WORKLOAD_GROUPS.has(groupOf(m.object.apiVersion))) continue;
    const workload = workloadOf(m.object, defaultNamespace);
    if (!workload) continue;
    for (const { list, index, name, container } of podContainers(workload.podSpec)) {
      const image = typeof container.image === 'string' ? container.image.trim() : '';
      const problem = image ? unpinnedImage(image) : undefined;
      if (!problem || built.has(parseImage(image).repository)) continue;
      out.push({
        file: m.file,
        range: m.locate([...workload.podSpecPath, list, index, 'image']),
        code: RULES.imageTag.code,
        severity: RULES.imageTag.severity,
        message: `${list === 'initContainers' ? 'init container' : 'container'} ${name}: ${problem}`,
      });
    }
  }
  return out;
}
