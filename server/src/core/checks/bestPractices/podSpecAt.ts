import { obj, podContainers, type Obj } from '../../model/obj';
import { formatPath } from '../../model/paths';
import type { JsonPath } from '../../yaml/nodeAt';
import type { DocSpans } from '../../yaml/spans';

/** A container of the pod spec being checked, with its path in the document. */
export interface ContainerAt {
  list: 'containers' | 'initContainers';
  index: number;
  name: string;
  container: Obj;
  /** Its securityContext, if it has one. */
  securityContext: Obj | undefined;
  path: JsonPath;
}

/** A pod spec being checked: where it is, and its containers. */
export interface PodSpecAt {
  /** The kind of the object that holds it (Pod, Deployment, CronJob…). */
  kind: string;
  spec: Obj;
  /** The pod-level securityContext, if any. */
  securityContext: Obj | undefined;
  /** Its path in the document (a List's items included). */
  path: JsonPath;
  /** Its path in the object, as the API server names fields: `spec.template.spec`. */
  fieldPath: string;
  spans: DocSpans;
  containers: ContainerAt[];
  /** `spec.os.name: windows`: Linux users, capabilities and privilege escalation do not apply. */
  windows: boolean;
}

export function podSpecAt(kind: string, spec: Obj, prefix: JsonPath, podSpecPath: JsonPath, spans: DocSpans): PodSpecAt {
  const path = [...prefix, ...podSpecPath];
  return {
    kind,
    spec,
    securityContext: obj(spec.securityContext),
    path,
    fieldPath: formatPath(podSpecPath),
    spans,
    containers: podContainers(spec).map((c) => ({ ...c, securityContext: obj(c.container.securityContext), path: [...path, c.list, c.index] })),
    windows: obj(spec.os)?.name === 'windows',
  };
}

/** Where a finding about what a container's securityContext lacks goes: that key, else the container's name. */
export function securityContextSpan(pod: PodSpecAt, c: ContainerAt): [number, number] {
  return c.securityContext ? pod.spans.key([...c.path, 'securityContext']) : nameSpan(pod, c);
}

export const nameSpan = (pod: PodSpecAt, c: ContainerAt): [number, number] => pod.spans.value([...c.path, typeof c.container.name === 'string' ? 'name' : 'image']);

/** `container web`, `init container setup`. */
export const containerName = (c: ContainerAt): string => `${c.list === 'initContainers' ? 'init container' : 'container'} ${c.name}`;
