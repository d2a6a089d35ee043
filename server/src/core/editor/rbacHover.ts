import type { Analyzer } from '../analyzer';
import { obj } from '../model/obj';
import { permissionsMarkdown, type Policy, type Subject } from '../rbac';
import { documentAt } from './documentContext';
import { targetAt } from './cursor';
import type { Hover } from './hover';

const BINDINGS = new Set(['RoleBinding', 'ClusterRoleBinding']);

/**
 * Hover on a subject of a RoleBinding or ClusterRoleBinding (any of its keys) or on a
 * ServiceAccount's name: the subject's effective permissions in the workspace's RBAC policy (asked for only then).
 */
export function rbacHover(analyzer: Analyzer, text: string, offset: number, policy: () => Policy, defaultNamespace = 'default'): Hover | undefined {
  const ctx = documentAt(analyzer, text, offset);
  const target = ctx.kind ? targetAt(ctx.parsed, ctx.offset) : undefined;
  if (!target?.node.range) return undefined;
  const value = obj(ctx.parsed.value) ?? {};
  const metadata = obj(value.metadata) ?? {};
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : defaultNamespace;
  let subject: Subject | undefined;
  let bindingNamespace = '';
  if (ctx.apiVersion === 'rbac.authorization.k8s.io/v1' && BINDINGS.has(ctx.kind!) && target.path[0] === 'subjects' && typeof target.path[1] === 'number') {
    const s = obj((value.subjects as unknown[] | undefined)?.[target.path[1]]);
    if (s && typeof s.name === 'string' && (s.kind === 'User' || s.kind === 'Group' || s.kind === 'ServiceAccount')) subject = { kind: s.kind, name: s.name, namespace: typeof s.namespace === 'string' ? s.namespace : '' };
    bindingNamespace = ctx.kind === 'RoleBinding' ? namespace : '';
  } else if (ctx.apiVersion === 'v1' && ctx.kind === 'ServiceAccount' && target.path.length === 2 && target.path[0] === 'metadata' && target.path[1] === 'name' && typeof metadata.name === 'string') {
    subject = { kind: 'ServiceAccount', name: metadata.name, namespace };
  }
  if (!subject) return undefined;
  const r = target.node.range;
  const range = analyzer.layout(text).lines.range(ctx.chunk.start + r[0], ctx.chunk.start + r[1]);
  return { contents: permissionsMarkdown(policy(), subject, bindingNamespace), range };
}
