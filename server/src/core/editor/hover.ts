import type { Analyzer } from '../analyzer';
import type { Range } from '../text/lineIndex';
import { formatPath } from '../model/paths';
import type { FieldInfo } from '../schema/fieldInfo';
import { documentAt, type DocumentContext } from './documentContext';
import { targetAt } from './cursor';
import { resourcesHover } from './resourcesHover';
import { workloadOf } from '../resources/workloads';
import { workloadResources } from '../resources/workloadResources';
import type { JsonPath } from '../yaml/nodeAt';
import type { SimulationResult } from '../cluster/simulate';
import { schedulingHover } from './schedulingHover';
import { selectorHover } from './selectorHover';
import type { Rename } from '../render/renamed';
import type { FileRole } from '../ecosystem/fileRoles';

export interface Hover {
  /** Markdown. */
  contents: string;
  range: Range;
}

/**
 * Hover on a key of a Kubernetes document: its path, type, whether it is required, the API's
 * description, enum values and default; on apiVersion/kind: the group/version/kind and what the
 * target Kubernetes version says about it. Never raw JSON Schema. Given the workspace's simulation,
 * scheduling fields of a pod template also say which nodes they match, and a Service's, a
 * PodDisruptionBudget's or a NetworkPolicy's pod selector which pods it selects. A kustomization
 * (`role`) is described by kustomize's schema.
 */
export function hover(analyzer: Analyzer, text: string, offset: number, kubernetesVersion: string, defaultNamespace = 'default', simulation?: SimulationResult, role: FileRole = 'manifest', rename?: Rename): Hover | undefined {
  const ctx = documentAt(analyzer, text, offset, role);
  if (!ctx.apiVersion || !ctx.kind) return undefined;
  const target = targetAt(ctx.parsed, ctx.offset);
  if (!target) return undefined;
  const lines = analyzer.layout(text).lines;
  const r = target.node.range!;
  const range = lines.range(ctx.chunk.start + r[0], ctx.chunk.start + r[1]);
  if (target.path.length === 1 && (target.path[0] === 'apiVersion' || target.path[0] === 'kind')) {
    return { contents: typeHover(analyzer, ctx, kubernetesVersion), range };
  }
  if (!target.onKey && typeof target.path[target.path.length - 1] === 'number') return undefined;
  if (!ctx.root) return undefined;
  const field = analyzer.fields.field(ctx.root, target.path);
  if (!field) return undefined;
  let contents = fieldHover(formatPath(target.path), field, `${ctx.apiVersion} ${ctx.kind}`);
  if (ctx.kustomization) return { contents, range };
  const resources = resourcesAt(analyzer, ctx, target.path, defaultNamespace, kubernetesVersion);
  if (resources) contents += `\n\n---\n\n${resources}`;
  const workload = simulation && target.onKey && 'definition' in ctx.root ? workloadOf(ctx.parsed.value, defaultNamespace) : undefined;
  const scheduling = workload && schedulingHover(simulation!, workload, target.path, rename);
  if (scheduling) contents += `\n\n---\n\n${scheduling}`;
  const selected = simulation && target.onKey ? selectorHover(simulation, ctx.parsed.value, target.path, defaultNamespace) : undefined;
  if (selected) contents += `\n\n---\n\n${selected}`;
  return { contents, range };
}

const RESOURCE_FIELDS = new Set(['containers', 'initContainers', 'resources', 'overhead']);

/** On a workload's containers, init containers or resources: the pod's resources explained. */
function resourcesAt(analyzer: Analyzer, ctx: DocumentContext, path: JsonPath, defaultNamespace: string, kubernetesVersion: string): string | undefined {
  const workload = ctx.root && 'definition' in ctx.root ? workloadOf(ctx.parsed.value, defaultNamespace) : undefined;
  if (!workload) return undefined;
  const inSpec = workload.podSpecPath.every((seg, i) => path[i] === seg);
  const next = path[workload.podSpecPath.length];
  if (!inSpec || typeof next !== 'string' || !RESOURCE_FIELDS.has(next)) return undefined;
  const rest = path.slice(workload.podSpecPath.length + 1);
  // On containers[i] or deeper: only on the container's own key, `resources` and below.
  if ((next === 'containers' || next === 'initContainers') && rest.length > 1 && rest[1] !== 'resources' && rest[1] !== 'name') return undefined;
  return resourcesHover(workloadResources(workload, analyzer.policies, kubernetesVersion));
}

export function fieldHover(path: string, field: FieldInfo, owner: string): string {
  const parts = [`**${path}** · \`${field.type}\``];
  if (field.description) parts.push(field.description);
  const facts = [field.required ? 'required' : 'optional'];
  if (field.default !== undefined) facts.push(`default \`${JSON.stringify(field.default)}\``);
  if (field.enum?.length) facts.push(`one of ${field.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  parts.push(`${facts.join(' · ')} — *${owner}*`);
  return parts.join('\n\n');
}

function typeHover(analyzer: Analyzer, ctx: DocumentContext, target: string): string {
  const apiVersion = ctx.apiVersion!;
  const kind = ctx.kind!;
  if (ctx.kustomization) return [`**${apiVersion} ${kind}**`, "kustomize's input, not an API object: `kustomize build` (or `kubectl apply -k`) reads it", analyzer.fields.field(ctx.root!, [])?.description].filter(Boolean).join('\n\n');
  const status = analyzer.lifecycle.status(apiVersion, kind, target);
  const head = `**${apiVersion} ${kind}**`;
  let verdict: string;
  switch (status.state) {
    case 'served':
      verdict = `served by Kubernetes ${target}`;
      break;
    case 'deprecated':
      verdict = `deprecated in Kubernetes ${target}${status.removedIn ? `, removed in ${status.removedIn}` : ''}${status.deprecatedFor ? `: use \`${status.deprecatedFor}\`` : ''}`;
      break;
    case 'removed':
      verdict = `removed in Kubernetes ${status.removedIn}${status.replacement ? `: use \`${status.replacement}\`` : ''}${status.shapeChanged ? ` (${status.shapeChanged})` : ''}`;
      break;
    case 'not-yet':
      verdict = `not served by Kubernetes ${target}: available from ${status.availableFrom}`;
      break;
    case 'unknown-kind':
      verdict = `not a kind of ${apiVersion} in Kubernetes ${target}`;
      break;
    case 'custom':
      verdict = ctx.crd
        ? `custom resource, defined by CustomResourceDefinition \`${ctx.crd.crdName}\` (version ${ctx.crd.version}${ctx.crd.served ? '' : ', not served'})`
        : 'custom resource: no CustomResourceDefinition for it in the workspace';
      break;
  }
  const description = ctx.root ? analyzer.fields.field(ctx.root, [])?.description : ctx.crd?.description;
  return [head, verdict, description].filter(Boolean).join('\n\n');
}
