import { obj, type Obj } from '../../model/obj';
import { isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isHTTPHeaderName, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from '../../schema/apimachineryValidation';
import { isConfigMapKey } from './configData';
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

/**
 * The volume sources in validateVolumeSource's order, with the path its "more than 1 volume type"
 * error names (upstream's `cephFS` and misspelled `downwarAPI` are kept).
 */
const VOLUME_SOURCES: Array<[field: string, errorPath: string]> = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'], ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'], ['cinder', 'cinder'], ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'], ['flexVolume', 'flexVolume'], ['configMap', 'configMap'],
  ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'], ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'], ['storageos', 'storageos'], ['projected', 'projected'],
  ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'], ['image', 'image'],
];

export interface PodSpecOptions {
  /**
   * A Pod being created (validatePodMetadataAndSpec, ValidatePodCreate: images without surrounding
   * whitespace, no ephemeral containers) rather than a pod template (ValidatePodTemplateSpec).
   */
  pod: boolean;
  /** Volumes the API server adds before validating (a StatefulSet's volumeClaimTemplates). */
  extraVolumes?: string[];
}

/**
 * ValidatePodSpec, then what ValidatePodCreate (a Pod) or ValidatePodTemplateSpec (a template) adds
 * after it.
 */
export function validatePodSpec(spec: Obj, path: PathSegment[], fe: FieldErrors, options: PodSpecOptions): void {
  const volumes = validateVolumes(list(spec.volumes), [...path, 'volumes'], fe);
  for (const v of options.extraVolumes ?? []) volumes.add(v);
  const containers = list(spec.containers);
  const init = list(spec.initContainers);
  const ephemeral = list(spec.ephemeralContainers);
  const grace = num(spec.terminationGracePeriodSeconds) ?? 30;
  validateContainers(containers, volumes, grace, [...path, 'containers'], fe);
  validateInitContainers(init, containers, volumes, grace, [...path, 'initContainers'], fe);
  validateEphemeralContainers(ephemeral, [...containers, ...init], volumes, [...path, 'ephemeralContainers'], fe);
  validatePodSecurityContext(obj(spec.securityContext), spec, [...path, 'securityContext'], fe);
  const deadline = num(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) fe.invalid([...path, 'activeDeadlineSeconds'], deadline, 'must be between 1 and 2147483647, inclusive');
  if (options.pod) {
    // validateContainersOnlyForPod, after the whole spec; then ValidatePodCreate.
    containers.forEach((c, i) => validateContainerOnlyForPod(c, [...path, 'containers', i], fe));
    init.forEach((c, i) => validateContainerOnlyForPod(c, [...path, 'initContainers', i], fe));
    if (ephemeral.length) fe.forbidden([...path, 'ephemeralContainers'], 'cannot be set on create');
  } else if (ephemeral.length) fe.forbidden([...path, 'ephemeralContainers'], 'ephemeral containers not allowed in pod template');
}

function validateContainerOnlyForPod(c: Obj, at: PathSegment[], fe: FieldErrors): void {
  const image = str(c.image);
  if (image.trim() !== image) fe.invalid([...at, 'image'], image, 'must not have leading or trailing whitespace');
}

/** ValidateVolumes: the names that may be mounted (a volume with an error may not). */
function validateVolumes(volumes: Obj[], path: PathSegment[], fe: FieldErrors): Set<string> {
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const at = [...path, i];
    const before = fe.list.length;
    // validateVolumeSource first (a volume without a source is defaulted to emptyDir), then the name.
    const sources = VOLUME_SOURCES.filter(([f]) => v[f] !== undefined && v[f] !== null);
    for (const [, errorPath] of sources.slice(1)) fe.forbidden([...at, errorPath], 'may not specify more than 1 volume type');
    const name = str(v.name);
    if (name === '') fe.required([...at, 'name']);
    else for (const msg of isDNS1123Label(name)) fe.invalid([...at, 'name'], name, msg);
    if (name !== '' && names.has(name)) fe.duplicate([...at, 'name'], name);
    if (fe.list.length === before) names.add(name);
  });
  return names;
}

function validateContainers(containers: Obj[], volumes: Set<string>, grace: number, path: PathSegment[], fe: FieldErrors): void {
  if (containers.length === 0) {
    fe.required(path);
    return;
  }
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const at = [...path, i];
    validateContainerCommon(c, volumes, at, fe);
    const name = str(c.name);
    if (names.has(name)) fe.duplicate([...at, 'name'], name);
    else names.add(name);
    validateLifecycle(obj(c.lifecycle), grace, [...at, 'lifecycle'], fe);
    validateProbe(obj(c.livenessProbe), 'liveness', grace, [...at, 'livenessProbe'], fe);
    validateProbe(obj(c.readinessProbe), 'readiness', grace, [...at, 'readinessProbe'], fe);
    validateProbe(obj(c.startupProbe), 'startup', grace, [...at, 'startupProbe'], fe);
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) fe.forbidden([...at, 'restartPolicy'], 'may not be set for non-init containers');
  });
  checkHostPorts(containers, path, fe);
}

function validateInitContainers(init: Obj[], containers: Obj[], volumes: Set<string>, grace: number, path: PathSegment[], fe: FieldErrors): void {
  const names = new Set(containers.map((c) => str(c.name)));
  init.forEach((c, i) => {
    const at = [...path, i];
    validateContainerCommon(c, volumes, at, fe);
    const restart = c.restartPolicy;
    if (restart !== undefined && restart !== null && restart !== 'Always') fe.notSupported([...at, 'restartPolicy'], restart, ['Always']);
    const name = str(c.name);
    if (names.has(name)) fe.duplicate([...at, 'name'], name);
    else if (name !== '') names.add(name);
    checkHostPorts([c], [...path], fe, i);
    if (restart === 'Always') {
      // A sidecar: lifecycle and probes as a regular container's.
      validateLifecycle(obj(c.lifecycle), grace, [...at, 'lifecycle'], fe);
      validateProbe(obj(c.livenessProbe), 'liveness', grace, [...at, 'livenessProbe'], fe);
      validateProbe(obj(c.readinessProbe), 'readiness', grace, [...at, 'readinessProbe'], fe);
      validateProbe(obj(c.startupProbe), 'startup', grace, [...at, 'startupProbe'], fe);
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
    validateContainerCommon(c, volumes, at, fe);
    validateContainerOnlyForPod(c, at, fe);
    const name = str(c.name);
    if (names.has(name)) fe.duplicate([...at, 'name'], name);
    else if (name !== '') names.add(name);
    const target = str(c.targetContainerName);
    if (target !== '' && !targets.has(target)) fe.notFound([...at, 'targetContainerName'], target);
    for (const f of ['ports', 'resources', 'lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe', 'resizePolicy', 'restartPolicy']) {
      if (c[f] !== undefined && c[f] !== null) fe.forbidden([...at, f], 'cannot be set for an Ephemeral Container');
    }
    // Subpaths are bind mounts that outlive the container.
    list(c.volumeMounts).forEach((m, j) => {
      for (const f of ['subPath', 'subPathExpr']) if (str(m[f]) !== '') fe.forbidden([...at, 'volumeMounts', j, f], 'cannot be set for an Ephemeral Container');
    });
  });
}

/** validateContainerCommon: name, image, ports, env, envFrom, volumeMounts, security context. */
function validateContainerCommon(c: Obj, volumes: Set<string>, at: PathSegment[], fe: FieldErrors): void {
  const name = str(c.name);
  if (name === '') fe.required([...at, 'name']);
  else for (const msg of isDNS1123Label(name)) fe.invalid([...at, 'name'], name, msg);
  if (str(c.image) === '') fe.required([...at, 'image']);
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

/**
 * IsRelaxedEnvVarName from 1.32 (RelaxedEnvironmentVariableValidation on by default), IsEnvVarName
 * before.
 */
const envVarNameProblems = (name: string, fe: FieldErrors): string[] => (fe.minor >= 32 ? isRelaxedEnvVarName(name) : isEnvVarName(name));

/** ValidateEnv and validateEnvVarValueFrom: names, and one value source. */
function validateEnv(env: Obj[], path: PathSegment[], fe: FieldErrors): void {
  env.forEach((e, i) => {
    const at = [...path, i];
    const name = str(e.name);
    if (name === '') fe.required([...at, 'name']);
    else for (const msg of envVarNameProblems(name, fe)) fe.invalid([...at, 'name'], name, msg);
    const from = obj(e.valueFrom);
    if (!from) return;
    const fromPath = [...at, 'valueFrom'];
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((s) => from[s] !== undefined && from[s] !== null);
    for (const ref of ['configMapKeyRef', 'secretKeyRef']) {
      const r = obj(from[ref]);
      if (r) validateKeySelector(r, [...fromPath, ref], fe);
    }
    if (sources.length === 0) fe.invalid(fromPath, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
    else if (str(e.value) !== '') fe.invalid(fromPath, '', 'may not be specified when `value` is not empty');
    else if (sources.length > 1) fe.invalid(fromPath, '', 'may not have more than one field specified at a time');
  });
}

/**
 * validateConfigMapKeySelector / validateSecretKeySelector: the name is checked as a Secret name
 * even when empty, the key as a ConfigMap key.
 */
function validateKeySelector(r: Obj, at: PathSegment[], fe: FieldErrors): void {
  const name = str(r.name);
  for (const msg of isDNS1123Subdomain(name)) fe.invalid([...at, 'name'], name, msg);
  const key = str(r.key);
  if (key === '') fe.required([...at, 'key']);
  else for (const msg of isConfigMapKey(key)) fe.invalid([...at, 'key'], key, msg);
}

/** NameIsDNSSubdomain with prefix=true (maskTrailingDash: a trailing dash is allowed). */
function prefixNameProblems(name: string): string[] {
  const masked = name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
  return isDNS1123Subdomain(masked);
}

/** ValidateEnvFrom: the prefix, each reference's name, exactly one reference. */
function validateEnvFrom(envFrom: Obj[], path: PathSegment[], fe: FieldErrors): void {
  envFrom.forEach((e, i) => {
    const at = [...path, i];
    const prefix = str(e.prefix);
    if (prefix !== '') for (const msg of envVarNameProblems(prefix, fe)) fe.invalid([...at, 'prefix'], prefix, msg);
    const refs = ['configMapRef', 'secretRef'].filter((r) => e[r] !== undefined && e[r] !== null);
    for (const ref of refs) {
      const name = str(obj(e[ref])?.name);
      if (name === '') fe.required([...at, ref, 'name']);
      else for (const msg of prefixNameProblems(name)) fe.invalid([...at, ref, 'name'], name, msg);
    }
    // Upstream names the list, not the item, in these two.
    if (refs.length === 0) fe.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`');
    else if (refs.length > 1) fe.invalid(path, '', 'may not have more than one field specified at a time');
  });
}

/** validateLocalDescendingPath (the path has no index: `…volumeMounts.subPath`). */
function validateLocalDescendingPath(target: string, path: PathSegment[], fe: FieldErrors): void {
  if (target.startsWith('/')) fe.invalid(path, target, 'must be a relative path');
  if (target.split('/').includes('..')) fe.invalid(path, target, "must not contain '..'");
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
    if (paths.has(mountPath)) fe.invalid([...at, 'mountPath'], mountPath, 'must be unique');
    paths.add(mountPath);
    const subPath = str(m.subPath);
    const subPathExpr = str(m.subPathExpr);
    if (subPath !== '') validateLocalDescendingPath(subPath, [...path, 'subPath'], fe);
    if (subPathExpr !== '') {
      if (subPath !== '') fe.invalid([...at, 'subPathExpr'], subPathExpr, 'subPathExpr and subPath are mutually exclusive');
      validateLocalDescendingPath(subPathExpr, [...path, 'subPathExpr'], fe);
    }
  });
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/** validateProbe: one handler, non-negative numbers, successThreshold 1 for liveness and startup. */
function validateProbe(probe: Obj | undefined, kind: 'liveness' | 'readiness' | 'startup', grace: number, path: PathSegment[], fe: FieldErrors): void {
  if (!probe) return;
  validateHandler(probe, HANDLERS, grace, path, fe);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = num(probe[f]);
    if (v !== undefined && v < 0) fe.invalid([...path, f], v, 'must be greater than or equal to 0');
  }
  const probeGrace = num(probe.terminationGracePeriodSeconds);
  if (probeGrace !== undefined && probeGrace <= 0) fe.invalid([...path, 'terminationGracePeriodSeconds'], probeGrace, 'must be greater than 0');
  // SetDefaults_Probe: a successThreshold of 0 (or none) is 1.
  const success = num(probe.successThreshold) || 1;
  if (kind !== 'readiness' && success !== 1) fe.invalid([...path, 'successThreshold'], success, 'must be 1');
  if (kind === 'readiness' && probeGrace !== undefined) fe.invalid([...path, 'terminationGracePeriodSeconds'], probeGrace, 'must not be set for readinessProbes');
}

function validateLifecycle(lifecycle: Obj | undefined, grace: number, path: PathSegment[], fe: FieldErrors): void {
  if (!lifecycle) return;
  for (const hook of ['postStart', 'preStop']) {
    const h = obj(lifecycle[hook]);
    if (h) validateHandler(h, [...HANDLERS.filter((x) => x !== 'grpc'), 'sleep'], grace, [...path, hook], fe);
  }
}

/** A port number (ValidatePortNumOrName; a named port is the port name check's, KP134). */
function validatePortNum(port: unknown, path: PathSegment[], fe: FieldErrors): void {
  if (typeof port === 'number') for (const msg of isValidPortNum(port)) fe.invalid(path, port, msg);
}

/** validateHandler: the first handler is validated, each further one is forbidden. */
function validateHandler(h: Obj, handlers: string[], grace: number, path: PathSegment[], fe: FieldErrors): void {
  const set = handlers.filter((k) => h[k] !== undefined && h[k] !== null);
  set.forEach((kind, i) => {
    const at = [...path, kind];
    if (i > 0) {
      fe.forbidden(at, 'may not specify more than 1 handler type');
      return;
    }
    const action = obj(h[kind]) ?? {};
    if (kind === 'exec' && (!Array.isArray(action.command) || action.command.length === 0)) fe.required([...at, 'command']);
    if (kind === 'httpGet') {
      // SetDefaults_HTTPGetAction fills path and scheme.
      validatePortNum(action.port, [...at, 'port'], fe);
      for (const header of list(action.httpHeaders)) {
        const name = str(header.name);
        for (const msg of isHTTPHeaderName(name)) fe.invalid([...at, 'httpHeaders'], name, msg);
      }
    }
    if (kind === 'tcpSocket' || kind === 'grpc') validatePortNum(kind === 'grpc' ? (action.port ?? 0) : action.port, [...at, 'port'], fe);
    if (kind === 'sleep') validateSleepAction(num(action.seconds) ?? 0, grace, at, fe);
  });
  if (set.length === 0) fe.required(path, 'must specify a handler type');
}

/**
 * validateSleepAction: zero seconds allowed from 1.33 (PodLifecycleSleepActionAllowZero beta); the
 * duration may equal the grace period.
 */
function validateSleepAction(seconds: number, grace: number, path: PathSegment[], fe: FieldErrors): void {
  if (fe.minor >= 33) {
    if (seconds < 0 || seconds > grace) fe.invalid(path, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`);
  } else if (seconds <= 0 || seconds > grace) {
    const hint = fe.minor === 32 ? '. Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.' : '';
    fe.invalid(path, seconds, `must be greater than 0 and less than terminationGracePeriodSeconds (${grace})${hint}`);
  }
}

const IDS = ['runAsUser', 'runAsGroup'];

/** validatePodSpecSecurityContext (the internal pod always has one: hostPID lives in it). */
function validatePodSecurityContext(ctx: Obj = {}, spec: Obj, path: PathSegment[], fe: FieldErrors): void {
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

