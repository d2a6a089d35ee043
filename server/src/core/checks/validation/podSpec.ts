import { obj, type Obj } from '../../model/obj';
import { isDNS1123Label, isValidPortName } from '../../schema/apimachineryValidation';
import type { FieldErrors, PathSegment } from '../../schema/fieldErrors';

/**
 * The API server's validation of a pod spec (pkg/apis/core/validation/validation.go ValidatePodSpec,
 * validateContainers, validateInitContainers, validateEphemeralContainers, validateContainerCommon,
 * validateContainerPorts, ValidateEnv, ValidateEnvFrom, ValidateVolumes, ValidateVolumeMounts,
 * validateProbe, validateHandler, ValidatePodSecurityContext), in upstream's order, after the
 * defaulting the API server applies first (pkg/apis/core/v1/defaults.go): the checks a default always
 * satisfies (dnsPolicy, imagePullPolicy, terminationMessagePolicy, a volume's source) are left out.
 * What the OpenAPI schema already rejects (types, enums, required fields) is the schema checks' job.
 */

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The volume sources of core/v1 VolumeSource (upstream's misspelled `downwarAPI` path is kept in its message). */
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

export interface PodSpecOptions {
  /** A Pod (not a template): the image may not have leading or trailing whitespace. */
  pod: boolean;
}

export function validatePodSpec(spec: Obj, path: PathSegment[], fe: FieldErrors, options: PodSpecOptions): void {
  const volumes = validateVolumes(list(spec.volumes), [...path, 'volumes'], fe);
  const containers = list(spec.containers);
  const init = list(spec.initContainers);
  const ephemeral = list(spec.ephemeralContainers);
  const grace = num(spec.terminationGracePeriodSeconds) ?? 30;
  validateContainers(containers, volumes, grace, [...path, 'containers'], fe, options);
  validateInitContainers(init, containers, volumes, grace, [...path, 'initContainers'], fe, options);
  validateEphemeralContainers(ephemeral, [...containers, ...init], volumes, [...path, 'ephemeralContainers'], fe);
  const deadline = num(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) fe.invalid([...path, 'activeDeadlineSeconds'], deadline, 'must be between 1 and 2147483647, inclusive');
  validatePodSecurityContext(obj(spec.securityContext), spec, [...path, 'securityContext'], fe);
}

/** ValidateVolumes: the names that may be mounted (a volume with an error may not). */
function validateVolumes(volumes: Obj[], path: PathSegment[], fe: FieldErrors): Set<string> {
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const at = [...path, i];
    const before = fe.list.length;
    const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
    for (const extra of sources.slice(1)) fe.forbidden([...at, extra === 'downwardAPI' ? 'downwarAPI' : extra], 'may not specify more than 1 volume type');
    const name = str(v.name);
    if (name === '') fe.required([...at, 'name']);
    else for (const msg of isDNS1123Label(name)) fe.invalid([...at, 'name'], name, msg);
    if (name !== '' && names.has(name)) fe.duplicate([...at, 'name'], name);
    if (fe.list.length === before) names.add(name);
  });
  return names;
}

function validateContainers(containers: Obj[], volumes: Set<string>, grace: number, path: PathSegment[], fe: FieldErrors, options: PodSpecOptions): void {
  if (containers.length === 0) {
    fe.required(path);
    return;
  }
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const at = [...path, i];
    validateContainerCommon(c, volumes, at, fe, options);
    const name = str(c.name);
    if (names.has(name)) fe.duplicate([...at, 'name'], name);
    else names.add(name);
    validateLifecycle(obj(c.lifecycle), grace, [...at, 'lifecycle'], fe);
    validateProbe(obj(c.livenessProbe), 'liveness', [...at, 'livenessProbe'], fe);
    validateProbe(obj(c.readinessProbe), 'readiness', [...at, 'readinessProbe'], fe);
    validateProbe(obj(c.startupProbe), 'startup', [...at, 'startupProbe'], fe);
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) fe.forbidden([...at, 'restartPolicy'], 'may not be set for non-init containers');
  });
  checkHostPorts(containers, path, fe);
}

function validateInitContainers(init: Obj[], containers: Obj[], volumes: Set<string>, grace: number, path: PathSegment[], fe: FieldErrors, options: PodSpecOptions): void {
  const names = new Set(containers.map((c) => str(c.name)));
  init.forEach((c, i) => {
    const at = [...path, i];
    validateContainerCommon(c, volumes, at, fe, options);
    const restart = c.restartPolicy;
    if (restart !== undefined && restart !== null && restart !== 'Always') fe.notSupported([...at, 'restartPolicy'], restart, ['Always']);
    const name = str(c.name);
    if (names.has(name)) fe.duplicate([...at, 'name'], name);
    else if (name !== '') names.add(name);
    checkHostPorts([c], [...path], fe, i);
    if (restart === 'Always') {
      // A sidecar: lifecycle and probes as a regular container's.
      validateLifecycle(obj(c.lifecycle), grace, [...at, 'lifecycle'], fe);
      validateProbe(obj(c.livenessProbe), 'liveness', [...at, 'livenessProbe'], fe);
      validateProbe(obj(c.readinessProbe), 'readiness', [...at, 'readinessProbe'], fe);
      validateProbe(obj(c.startupProbe), 'startup', [...at, 'startupProbe'], fe);
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f] !== undefined && c[f] !== null) fe.forbidden([...at, f], 'may not be set for init containers without restartPolicy=Always');
      }
    }
  });
}

function validateEphemeralContainers(ephemeral: Obj[], others: Obj[], volumes: Set<string>, path: PathSegment[], fe: FieldErrors): void {
  const names = new Set(others.map((c) => str(c.name)).filter((n) => n !== ''));
  const targets = new Set(names);
  ephemeral.forEach((c, i) => {
    const at = [...path, i];
    validateContainerCommon(c, volumes, at, fe, { pod: true });
    const name = str(c.name);
    if (names.has(name)) fe.duplicate([...at, 'name'], name);
    else if (name !== '') names.add(name);
    const target = str(c.targetContainerName);
    if (target !== '' && !targets.has(target)) fe.notFound([...at, 'targetContainerName'], target);
    for (const f of ['ports', 'resources', 'lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe', 'resizePolicy', 'restartPolicy']) {
      if (c[f] !== undefined && c[f] !== null) fe.forbidden([...at, f], 'cannot be set for an Ephemeral Container');
    }
  });
}

/** validateContainerCommon: name, image, ports, env, envFrom, volumeMounts, security context. */
function validateContainerCommon(c: Obj, volumes: Set<string>, at: PathSegment[], fe: FieldErrors, options: PodSpecOptions): void {
  const name = str(c.name);
  if (name === '') fe.required([...at, 'name']);
  else for (const msg of isDNS1123Label(name)) fe.invalid([...at, 'name'], name, msg);
  const image = str(c.image);
  if (image === '') fe.required([...at, 'image']);
  else if (options.pod && image.trim() !== image) fe.invalid([...at, 'image'], image, 'must not have leading or trailing whitespace');
  validateContainerPorts(list(c.ports), [...at, 'ports'], fe);
  validateEnv(list(c.env), [...at, 'env'], fe);
  validateEnvFrom(list(c.envFrom), [...at, 'envFrom'], fe);
  validateVolumeMounts(list(c.volumeMounts), volumes, [...at, 'volumeMounts'], fe);
  validateContainerSecurityContext(obj(c.securityContext), [...at, 'securityContext'], fe);
}

function validateContainerPorts(ports: Obj[], path: PathSegment[], fe: FieldErrors): void {
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const at = [...path, i];
    const name = str(p.name);
    // The port name's form is checked with the schema (KP134); its uniqueness here.
    if (name !== '' && isValidPortName(name).length === 0) {
      if (names.has(name)) fe.duplicate([...at, 'name'], name);
      else names.add(name);
    }
    const containerPort = num(p.containerPort);
    if (containerPort === 0) fe.required([...at, 'containerPort']);
    else if (containerPort !== undefined && (containerPort < 1 || containerPort > 65535)) fe.invalid([...at, 'containerPort'], containerPort, 'must be between 1 and 65535, inclusive');
    const hostPort = num(p.hostPort);
    if (hostPort !== undefined && hostPort !== 0 && (hostPort < 1 || hostPort > 65535)) fe.invalid([...at, 'hostPort'], hostPort, 'must be between 1 and 65535, inclusive');
  });
}

/** Host ports taken twice, `"<protocol>/<hostIP>/<hostPort>"` (checkHostPortConflicts). */
function checkHostPorts(containers: Obj[], path: PathSegment[], fe: FieldErrors, index?: number): void {
  const taken = new Set<string>();
  containers.forEach((c, i) => {
    list(c.ports).forEach((p, j) => {
      const hostPort = num(p.hostPort);
      if (!hostPort) return;
      const key = `${str(p.protocol) || 'TCP'}/${str(p.hostIP)}/${hostPort}`;
      if (taken.has(key)) fe.duplicate([...path, index ?? i, 'ports', j, 'hostPort'], key);
      else taken.add(key);
    });
  });
}

/** ValidateEnv (RelaxedEnvironmentVariableValidation, on by default since 1.32): names, and one value source. */
function validateEnv(env: Obj[], path: PathSegment[], fe: FieldErrors): void {
  env.forEach((e, i) => {
    const at = [...path, i];
    const name = str(e.name);
    if (name === '') fe.required([...at, 'name']);
    else if (/[^\x20-\x7e]|=/.test(name)) fe.invalid([...at, 'name'], name, "a valid environment variable name must consist only of printable ASCII characters other than '='");
    const from = obj(e.valueFrom);
    if (!from) return;
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((s) => from[s] !== undefined && from[s] !== null);
    const fromPath = [...at, 'valueFrom'];
    if (sources.length === 0) fe.invalid(fromPath, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
    else if (str(e.value) !== '') fe.invalid(fromPath, '', 'may not be specified when `value` is not empty');
    else if (sources.length > 1) fe.invalid(fromPath, '', 'may not have more than one field specified at a time');
    for (const ref of ['configMapKeyRef', 'secretKeyRef']) {
      const r = obj(from[ref]);
      if (r && str(r.key) === '') fe.required([...fromPath, ref, 'key']);
    }
  });
}

function validateEnvFrom(envFrom: Obj[], path: PathSegment[], fe: FieldErrors): void {
  for (const e of envFrom) {
    const refs = ['configMapRef', 'secretRef'].filter((r) => e[r] !== undefined && e[r] !== null);
    // Upstream names the list, not the item, in these two.
    if (refs.length === 0) fe.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`');
    else if (refs.length > 1) fe.invalid(path, '', 'may not have more than one field specified at a time');
  }
}

function validateVolumeMounts(mounts: Obj[], volumes: Set<string>, path: PathSegment[], fe: FieldErrors): void {
  const paths = new Set<string>();
  mounts.forEach((m, i) => {
    const at = [...path, i];
    const name = str(m.name);
    if (name === '') fe.required([...at, 'name']);
    if (!volumes.has(name)) fe.notFound([...at, 'name'], name);
    const mountPath = str(m.mountPath);
    if (mountPath === '') fe.required([...at, 'mountPath']);
    else if (paths.has(mountPath)) fe.invalid([...at, 'mountPath'], mountPath, 'must be unique');
    else paths.add(mountPath);
    const subPath = str(m.subPath);
    // Upstream's path here has no index: `…volumeMounts.subPath`.
    if (subPath.startsWith('/')) fe.invalid([...path, 'subPath'], subPath, 'must be a relative path');
    else if (subPath.split('/').includes('..')) fe.invalid([...path, 'subPath'], subPath, "must not contain '..'");
    if (subPath !== '' && str(m.subPathExpr) !== '') fe.invalid([...at, 'subPathExpr'], str(m.subPathExpr), 'subPathExpr and subPath are mutually exclusive');
  });
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/** validateProbe: one handler, non-negative numbers, successThreshold 1 for liveness and startup. */
function validateProbe(probe: Obj | undefined, kind: 'liveness' | 'readiness' | 'startup', path: PathSegment[], fe: FieldErrors): void {
  if (!probe) return;
  validateHandler(probe, HANDLERS, path, fe);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = num(probe[f]);
    if (v !== undefined && v < 0) fe.invalid([...path, f], v, 'must be greater than or equal to 0');
  }
  const grace = num(probe.terminationGracePeriodSeconds);
  if (grace !== undefined && grace <= 0) fe.invalid([...path, 'terminationGracePeriodSeconds'], grace, 'must be greater than 0');
  const success = num(probe.successThreshold);
  if (kind !== 'readiness' && success !== undefined && success !== 1) fe.invalid([...path, 'successThreshold'], success, 'must be 1');
  if (kind === 'readiness' && grace !== undefined) fe.invalid([...path, 'terminationGracePeriodSeconds'], grace, 'must not be set for readinessProbes');
}

function validateLifecycle(lifecycle: Obj | undefined, grace: number, path: PathSegment[], fe: FieldErrors): void {
  if (!lifecycle) return;
  for (const hook of ['postStart', 'preStop']) {
    const h = obj(lifecycle[hook]);
    if (!h) continue;
    validateHandler(h, [...HANDLERS.filter((x) => x !== 'grpc'), 'sleep'], [...path, hook], fe);
    const sleep = num(obj(h.sleep)?.seconds);
    if (sleep !== undefined && (sleep < 0 || sleep >= grace)) fe.invalid([...path, hook, 'sleep'], sleep, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`);
  }
}

function validateHandler(h: Obj, handlers: string[], path: PathSegment[], fe: FieldErrors): void {
  const set = handlers.filter((k) => h[k] !== undefined && h[k] !== null);
  if (set.length === 0) fe.required(path, 'must specify a handler type');
  for (const extra of set.slice(1)) fe.forbidden([...path, extra], 'may not specify more than 1 handler type');
  const exec = obj(h.exec);
  if (set[0] === 'exec' && exec && (!Array.isArray(exec.command) || exec.command.length === 0)) fe.required([...path, 'exec', 'command']);
}

const IDS = ['runAsUser', 'runAsGroup'];

function validatePodSecurityContext(ctx: Obj | undefined, spec: Obj, path: PathSegment[], fe: FieldErrors): void {
  if (!ctx) return;
  for (const f of ['fsGroup', ...IDS]) {
    const v = num(ctx[f]);
    if (v !== undefined && (v < 0 || v > 2147483647)) fe.invalid([...path, f], v, 'must be between 0 and 2147483647, inclusive');
  }
  (Array.isArray(ctx.supplementalGroups) ? ctx.supplementalGroups : []).forEach((g, i) => {
    if (typeof g === 'number' && (g < 0 || g > 2147483647)) fe.invalid([...path, 'supplementalGroups', i], g, 'must be between 0 and 2147483647, inclusive');
  });
  if (spec.shareProcessNamespace === true && spec.hostPID === true) fe.invalid([...path, 'shareProcessNamespace'], true, 'ShareProcessNamespace and HostPID cannot both be enabled');
}

function validateContainerSecurityContext(ctx: Obj | undefined, path: PathSegment[], fe: FieldErrors): void {
  if (!ctx) return;
  for (const f of IDS) {
    const v = num(ctx[f]);
    if (v !== undefined && (v < 0 || v > 2147483647)) fe.invalid([...path, f], v, 'must be between 0 and 2147483647, inclusive');
  }
}

