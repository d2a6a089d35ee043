// The API server's validation (KP129), checked against upstream's own test cases: each group names
// the upstream test function and file, each case its upstream name. Manifests are written as a user
// writes them (the versioned API); the API server's defaulting applies before validation.
//
// Expected messages are the full `field.Error` strings the API server prints. Upstream tests often
// assert only the error type and field; the rest of each string comes from the validation code named
// in the implementation (server/src/core/checks/validation). Cases that only exist for internal
// objects, updates, feature gates off by default, or checks another rule reports (the schema's
// enums and required fields KP120–KP128, names KP130, label keys/values KP131–KP133, port names
// KP134, requests and limits KP140) are left out with a note.
import test from 'node:test';
import assert from 'node:assert/strict';
import { validateBuiltin, parseCron } from '../../dist/core.js';

const V = '1.35';
const messages = (o, group, kind, version = V) => validateBuiltin(o, group, kind, version).map((e) => e.message);

// apimachinery's messages (k8s.io/apimachinery/pkg/util/validation/validation.go).
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const ENV_MSG = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const RELAXED_ENV_MSG = "a valid environment variable name must consist only of printable ASCII characters other than '='";
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const HEADER_MSG = "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";
const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const NONNEG = 'must be greater than or equal to 0';

// Builders: the smallest valid object of each kind; `spec` fields override.
const ctr = (name, extra = {}) => ({ name, image: 'image', ...extra });
const pod = (spec) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [ctr('ctr')], ...spec } });
const podTemplate = (spec) => ({ apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template: { metadata: { labels: { a: 'b' } }, spec } });
const podErrors = (spec, version) => messages(pod(spec), '', 'Pod', version);
const withCtr = (extra, version) => podErrors({ containers: [ctr('abc', extra)] }, version);
const template = (spec = {}, labels = { a: 'b' }) => ({ metadata: { labels }, spec: { containers: [ctr('abc')], ...spec } });
const deployment = (spec) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'abc' }, spec: { selector: { matchLabels: { a: 'b' } }, template: template(), ...spec } });
const replicaSet = (spec) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'abc' }, spec: { selector: { matchLabels: { a: 'b' } }, template: template(), ...spec } });
const daemonSet = (spec) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'abc' }, spec: { selector: { matchLabels: { a: 'b' } }, template: template(), ...spec } });
const statefulSet = (spec) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'abc' }, spec: { selector: { matchLabels: { a: 'b' } }, template: template(), ...spec } });
const rc = (spec) => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'abc' }, spec: { selector: { a: 'b' }, template: template(), ...spec } });
const jobTemplate = (spec = {}, labels = {}) => ({ metadata: { labels }, spec: { restartPolicy: 'OnFailure', containers: [ctr('abc')], ...spec } });
const job = (spec) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'myjob' }, spec: { template: jobTemplate(), ...spec } });
const cronJob = (spec, jobSpec = {}) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'mycronjob' }, spec: { schedule: '* * * * ?', jobTemplate: { spec: { template: jobTemplate(), ...jobSpec } }, ...spec } });
const service = (spec) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'valid' }, spec: { ports: [{ name: 'p', port: 8675, targetPort: 8675 }], ...spec } });
const configMap = (o) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'valid' }, ...o });
const secret = (o) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'valid' }, ...o });
const pvc = (spec) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'foo' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10G' } }, ...spec } });
const pdb = (spec) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec });
const hpa = (spec) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'myautoscaler' }, spec: { scaleTargetRef: { kind: 'ReplicationController', name: 'myrc' }, minReplicas: 1, maxReplicas: 5, ...spec } });
const ingress = (spec) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'foo' }, spec });
const backend = { service: { name: 'defaultbackend', port: { number: 80 } } };
const ingressPath = (path, pathType, extra = {}) => ingress({ rules: [{ host: 'foo.bar.com', http: { paths: [{ path, pathType, backend, ...extra }] } }] });
const networkPolicy = (spec) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'bar' }, spec: { podSelector: { matchLabels: { a: 'b' } }, ...spec } });
const rbac = (kind, o) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'default' }, ...o });
const RBAC = 'rbac.authorization.k8s.io';

// -----------------------------------------------------------------------------------------------
// staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateObjectMeta), as the apps
// tests exercise it. Name formats are KP130's.
test('ValidateObjectMeta: a name is required', () => {
  // TestValidateDeployment "metadata.name: Required value"; TestValidateStatefulSet "zero-length name".
  assert.deepEqual(messages({ ...deployment({}), metadata: {} }, 'apps', 'Deployment'), ['metadata.name: Required value: name or generateName is required']);
  assert.deepEqual(messages({ ...statefulSet({}), metadata: { name: '' } }, 'apps', 'StatefulSet'), ['metadata.name: Required value: name or generateName is required']);
  // The API server fills the name from generateName, but kubectl apply refuses one (it needs the
  // name to find the live object): kubeplan reports that instead.
  assert.deepEqual(messages({ ...configMap({}), metadata: { generateName: 'settings-' } }, '', 'ConfigMap'), [
    'metadata.generateName: Invalid value: "settings-": kubectl apply cannot use a generated name (from generateName): use kubectl create, or set metadata.name',
  ]);
});

// -----------------------------------------------------------------------------------------------
// pkg/apis/core/validation/validation_test.go
test('TestValidateContainers: success cases', () => {
  // A template (not a Pod): "backwards compatibility to ensure containers in pod template spec do
  // not check for this" (the images " " and " some  ").
  const successCase = [
    ctr('abc'),
    { name: 'def', image: ' ' },
    { name: 'ghi', image: ' some  ' },
    ctr('123'),
    ctr('abc-123'),
    ctr('life-123', { lifecycle: { preStop: { exec: { command: ['ls', '-l'] } } } }),
    ctr('same-host-port-different-protocol', { ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }, { containerPort: 80, hostPort: 80, protocol: 'UDP' }] }),
    ctr('fallback-to-logs-termination-message', { terminationMessagePolicy: 'FallbackToLogsOnError' }),
    ctr('file-termination-message', { terminationMessagePolicy: 'File' }),
    ctr('env-from-source', { envFrom: [{ configMapRef: { name: 'test' } }] }),
    ctr('live-123', { livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 1 } }),
    ctr('startup-123', { startupProbe: { tcpSocket: { port: 80 }, successThreshold: 1 } }),
  ];
  assert.deepEqual(messages(podTemplate({ containers: successCase }), '', 'PodTemplate'), []);
});

test('TestValidateContainers: error cases', () => {
  assert.deepEqual(podErrors({ containers: [{ name: '', image: 'image' }] }), ['spec.containers[0].name: Required value'], 'zero-length name');
  assert.deepEqual(podErrors({ containers: [{ name: 'abc', image: '' }] }), ['spec.containers[0].image: Required value'], 'zero-length-image');
  const long = 'a'.repeat(64);
  assert.deepEqual(podErrors({ containers: [ctr(long)] }), [`spec.containers[0].name: Invalid value: "${long}": must be no more than 63 characters`], 'name > 63 characters');
  assert.deepEqual(podErrors({ containers: [ctr('a.b.c')] }), ['spec.containers[0].name: Invalid value: "a.b.c": must not contain dots'], 'name not a DNS label');
  assert.deepEqual(podErrors({ containers: [ctr('abc'), ctr('abc')] }), ['spec.containers[1].name: Duplicate value: "abc"'], 'name not unique');
  assert.deepEqual(
    podErrors({ containers: [ctr('abc', { ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }] }), ctr('def', { ports: [{ containerPort: 81, hostPort: 80, protocol: 'TCP' }] })] }),
    ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//80"'],
    'host port not unique',
  );
  // "invalid env var name": upstream's test uses the strict rule, the one before 1.32.
  assert.deepEqual(withCtr({ env: [{ name: 'ev!1' }] }, '1.31'), [`spec.containers[0].env[0].name: Invalid value: "ev!1": ${ENV_MSG}`], 'invalid env var name');
  assert.deepEqual(withCtr({ env: [{ name: 'ev!1' }] }), [], 'invalid env var name (relaxed from 1.32)');
  assert.deepEqual(withCtr({ volumeMounts: [{ name: 'anything', mountPath: '/foo' }] }), ['spec.containers[0].volumeMounts[0].name: Not found: "anything"'], 'unknown volume name');
  assert.deepEqual(withCtr({ lifecycle: { preStop: { exec: {} } } }), ['spec.containers[0].lifecycle.preStop.exec.command: Required value'], 'invalid lifecycle, no exec command.');
  // "no http path" and "no http scheme": SetDefaults_HTTPGetAction fills both. "no http port" and
  // "no tcp socket port": the schema requires a port; port 0 reaches the same check.
  assert.deepEqual(withCtr({ lifecycle: { preStop: { httpGet: { path: '/', port: 0 } } } }), [`spec.containers[0].lifecycle.preStop.httpGet.port: Invalid value: 0: ${PORT_RANGE}`], 'invalid lifecycle, no http port.');
  assert.deepEqual(withCtr({ lifecycle: { preStop: { tcpSocket: { port: 0 } } } }), [`spec.containers[0].lifecycle.preStop.tcpSocket.port: Invalid value: 0: ${PORT_RANGE}`], 'invalid lifecycle, zero tcp socket port.');
  assert.deepEqual(withCtr({ lifecycle: { preStop: {} } }), ['spec.containers[0].lifecycle.preStop: Required value: must specify a handler type'], 'invalid lifecycle, no action.');
  assert.deepEqual(
    withCtr({ readinessProbe: { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 10 } }),
    ['spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes'],
    'invalid readiness probe, terminationGracePeriodSeconds set.',
  );
  assert.deepEqual(withCtr({ livenessProbe: { tcpSocket: { port: 0 }, successThreshold: 1 } }), [`spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: 0: ${PORT_RANGE}`], 'invalid liveness probe, no tcp socket port.');
  assert.deepEqual(withCtr({ livenessProbe: { successThreshold: 1 } }), ['spec.containers[0].livenessProbe: Required value: must specify a handler type'], 'invalid liveness probe, no action.');
  assert.deepEqual(withCtr({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }), ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'], 'invalid liveness probe, successThreshold != 1');
  assert.deepEqual(withCtr({ startupProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }), ['spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1'], 'invalid startup probe, successThreshold != 1');
  const negative = { tcpSocket: { port: 80 }, initialDelaySeconds: -1, timeoutSeconds: -1, periodSeconds: -1, successThreshold: -1, failureThreshold: -1, terminationGracePeriodSeconds: -1 };
  const negativeErrors = (probe) => [
    `spec.containers[0].${probe}.initialDelaySeconds: Invalid value: -1: ${NONNEG}`,
    `spec.containers[0].${probe}.timeoutSeconds: Invalid value: -1: ${NONNEG}`,
    `spec.containers[0].${probe}.periodSeconds: Invalid value: -1: ${NONNEG}`,
    `spec.containers[0].${probe}.successThreshold: Invalid value: -1: ${NONNEG}`,
    `spec.containers[0].${probe}.failureThreshold: Invalid value: -1: ${NONNEG}`,
    `spec.containers[0].${probe}.terminationGracePeriodSeconds: Invalid value: -1: must be greater than 0`,
  ];
  assert.deepEqual(withCtr({ livenessProbe: negative }), [...negativeErrors('livenessProbe'), 'spec.containers[0].livenessProbe.successThreshold: Invalid value: -1: must be 1'], 'invalid liveness probe, negative numbers');
  assert.deepEqual(
    withCtr({ readinessProbe: negative }),
    [...negativeErrors('readinessProbe'), 'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: -1: must not be set for readinessProbes'],
    'invalid readiness probe, negative numbers',
  );
  assert.deepEqual(withCtr({ startupProbe: negative }), [...negativeErrors('startupProbe'), 'spec.containers[0].startupProbe.successThreshold: Invalid value: -1: must be 1'], 'invalid startup probe, negative numbers');
  assert.deepEqual(withCtr({ envFrom: [{ configMapRef: { name: '$%^&*#' } }] }), [`spec.containers[0].envFrom[0].configMapRef.name: Invalid value: "$%^&*#": ${SUBDOMAIN_MSG}`], 'Invalid env from');
  for (const policy of ['Always', 'OnFailure', 'Never', 'invalid', '']) {
    assert.deepEqual(withCtr({ restartPolicy: policy }), ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers'], `Forbidden RestartPolicy: ${policy || 'empty'}`);
  }
  // Not here: "invalid/empty message termination policy" and image pull policy (the schema's enum;
  // defaulted), "privilege disabled" (--allow-privileged), compute resources (KP140, not ported),
  // resize policies (not ported).
});

test('TestValidateInitContainers', () => {
  const sidecar = { restartPolicy: 'Always' };
  const success = [
    ctr('container-1-same-host-port-different-protocol', { ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }, { containerPort: 80, hostPort: 80, protocol: 'UDP' }] }),
    ctr('container-2-same-host-port-different-protocol', { ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }, { containerPort: 80, hostPort: 80, protocol: 'UDP' }] }),
    ctr('container-3-restart-always-with-lifecycle-hook-and-probes', {
      ...sidecar,
      lifecycle: { postStart: { exec: { command: ['echo', 'post start'] } }, preStop: { exec: { command: ['echo', 'pre stop'] } } },
      livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 1 },
      readinessProbe: { tcpSocket: { port: 80 } },
      startupProbe: { tcpSocket: { port: 80 }, successThreshold: 1 },
    }),
  ];
  assert.deepEqual(podErrors({ containers: [ctr('app')], initContainers: success, restartPolicy: 'Never' }), []);
  const init = (...initContainers) => podErrors({ containers: [ctr('app')], initContainers });
  assert.deepEqual(init({ name: '', image: 'image' }), ['spec.initContainers[0].name: Required value'], 'empty name');
  assert.deepEqual(init(ctr('app')), ['spec.initContainers[0].name: Duplicate value: "app"'], 'name collision with regular container');
  assert.deepEqual(init(ctr('init'), ctr('init')), ['spec.initContainers[1].name: Duplicate value: "init"'], 'duplicate names');
  assert.deepEqual(
    init(ctr('abc', { ports: [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }, { containerPort: 8080, hostPort: 8080, protocol: 'TCP' }] })),
    ['spec.initContainers[0].ports[1].hostPort: Duplicate value: "TCP//8080"'],
    'duplicate ports',
  );
  const notSidecar = 'may not be set for init containers without restartPolicy=Always';
  assert.deepEqual(init(ctr('debug', { lifecycle: { preStop: { exec: { command: ['ls', '-l'] } } } })), [`spec.initContainers[0].lifecycle: Forbidden: ${notSidecar}`], 'uses disallowed field: Lifecycle');
  assert.deepEqual(init(ctr('debug', { livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 1 } })), [`spec.initContainers[0].livenessProbe: Forbidden: ${notSidecar}`], 'uses disallowed field: LivenessProbe');
  assert.deepEqual(init(ctr('debug', { readinessProbe: { tcpSocket: { port: 80 } } })), [`spec.initContainers[0].readinessProbe: Forbidden: ${notSidecar}`], 'uses disallowed field: ReadinessProbe');
  assert.deepEqual(init(ctr('debug', { startupProbe: { tcpSocket: { port: 80 }, successThreshold: 1 } })), [`spec.initContainers[0].startupProbe: Forbidden: ${notSidecar}`], 'Container uses disallowed field: StartupProbe');
  assert.deepEqual(
    init(ctr('debug', { startupProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: -1, timeoutSeconds: -1, periodSeconds: -1, successThreshold: -1, failureThreshold: -1, terminationGracePeriodSeconds: -1 } })),
    [`spec.initContainers[0].startupProbe: Forbidden: ${notSidecar}`],
    'Disallowed field with other errors should only return a single Forbidden',
  );
  for (const policy of ['OnFailure', 'Never', 'invalid', '']) {
    assert.deepEqual(init(ctr('init', { restartPolicy: policy })), [`spec.initContainers[0].restartPolicy: Unsupported value: "${policy}": supported values: "Always"`], `Not supported RestartPolicy: ${policy || 'empty'}`);
  }
  assert.deepEqual(init(ctr('restartable-init', { ...sidecar, startupProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })), ['spec.initContainers[0].startupProbe.successThreshold: Invalid value: 2: must be 1'], 'invalid startup probe in restartable container, successThreshold != 1');
  assert.deepEqual(
    init(ctr('life-123', { ...sidecar, readinessProbe: { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 10 } })),
    ['spec.initContainers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes'],
    'invalid readiness probe, terminationGracePeriodSeconds set.',
  );
  assert.deepEqual(init(ctr('live-123', { ...sidecar, livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })), ['spec.initContainers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'], 'invalid liveness probe, successThreshold != 1');
  assert.deepEqual(init(ctr('life-123', { ...sidecar, lifecycle: { preStop: { exec: {} } } })), ['spec.initContainers[0].lifecycle.preStop.exec.command: Required value'], 'invalid lifecycle, no exec command.');
  assert.deepEqual(init(ctr('life-123', { ...sidecar, lifecycle: { preStop: { httpGet: { path: '/', port: 0 } } } })), [`spec.initContainers[0].lifecycle.preStop.httpGet.port: Invalid value: 0: ${PORT_RANGE}`], 'invalid lifecycle, no http port.');
  assert.deepEqual(init(ctr('life-123', { ...sidecar, lifecycle: { preStop: { tcpSocket: { port: 0 } } } })), [`spec.initContainers[0].lifecycle.preStop.tcpSocket.port: Invalid value: 0: ${PORT_RANGE}`], 'invalid lifecycle, zero tcp socket port.');
  assert.deepEqual(init(ctr('life-123', { ...sidecar, lifecycle: { preStop: {} } })), ['spec.initContainers[0].lifecycle.preStop: Required value: must specify a handler type'], 'invalid lifecycle, no action.');
});

test('TestValidateEphemeralContainers', () => {
  // Ephemeral containers are added through the ephemeralcontainers subresource: a Pod created with
  // some also gets ValidatePodCreate's Forbidden (last), a template ValidatePodTemplateSpec's.
  const onCreate = 'spec.ephemeralContainers: Forbidden: cannot be set on create';
  const eph = (...ephemeralContainers) => podErrors({ containers: [ctr('ctr')], initContainers: [ctr('ictr')], volumes: [{ name: 'vol', emptyDir: {} }], ephemeralContainers });
  assert.deepEqual(eph(ctr('debug', { targetContainerName: 'ctr', volumeMounts: [{ name: 'vol', mountPath: '/vol' }], env: [{ name: 'TEST', value: 'TRUE' }] })), [onCreate], 'All allowed fields');
  assert.deepEqual(eph(ctr('ctr'), ctr('debug1')), ['spec.ephemeralContainers[0].name: Duplicate value: "ctr"', onCreate], 'Name Collision with Container.Containers');
  assert.deepEqual(eph(ctr('ictr'), ctr('debug1')), ['spec.ephemeralContainers[0].name: Duplicate value: "ictr"', onCreate], 'Name Collision with Container.InitContainers');
  assert.deepEqual(eph(ctr('debug1'), ctr('debug1')), ['spec.ephemeralContainers[1].name: Duplicate value: "debug1"', onCreate], 'Name Collision with EphemeralContainers');
  assert.deepEqual(eph({ name: '', image: 'image' }), ['spec.ephemeralContainers[0].name: Required value', onCreate], 'empty Container Name');
  assert.deepEqual(eph({ name: 'debug', image: ' image' }), ['spec.ephemeralContainers[0].image: Invalid value: " image": must not have leading or trailing whitespace', onCreate], 'whitespace padded image name');
  assert.deepEqual(eph(ctr('debug', { targetContainerName: 'bogus' })), ['spec.ephemeralContainers[0].targetContainerName: Not found: "bogus"', onCreate], "TargetContainerName doesn't exist");
  assert.deepEqual(eph(ctr('debug'), ctr('debugception', { targetContainerName: 'debug' })), ['spec.ephemeralContainers[1].targetContainerName: Not found: "debug"', onCreate], 'Targets an ephemeral container');
  const forbidden = (f) => [`spec.ephemeralContainers[0].${f}: Forbidden: cannot be set for an Ephemeral Container`, onCreate];
  assert.deepEqual(eph(ctr('debug', { lifecycle: { preStop: { exec: { command: ['ls', '-l'] } } } })), forbidden('lifecycle'), 'Container uses disallowed field: Lifecycle');
  assert.deepEqual(eph(ctr('debug', { livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 1 } })), forbidden('livenessProbe'), 'Container uses disallowed field: LivenessProbe');
  assert.deepEqual(eph(ctr('debug', { ports: [{ protocol: 'TCP', containerPort: 80 }] })), forbidden('ports'), 'Container uses disallowed field: Ports');
  assert.deepEqual(eph(ctr('debug', { readinessProbe: { tcpSocket: { port: 80 } } })), forbidden('readinessProbe'), 'Container uses disallowed field: ReadinessProbe');
  assert.deepEqual(eph(ctr('debug', { startupProbe: { tcpSocket: { port: 80 }, successThreshold: 1 } })), forbidden('startupProbe'), 'Container uses disallowed field: StartupProbe');
  assert.deepEqual(eph(ctr('debug', { resources: { limits: { cpu: '10' } } })), forbidden('resources'), 'Container uses disallowed field: Resources');
  assert.deepEqual(eph(ctr('debug', { volumeMounts: [{ name: 'vol', mountPath: '/vol' }, { name: 'vol', mountPath: '/volsub', subPath: 'foo' }] })), forbidden('volumeMounts[1].subPath'), 'Container uses disallowed field: VolumeMount.SubPath');
  assert.deepEqual(eph(ctr('debug', { volumeMounts: [{ name: 'vol', mountPath: '/vol' }, { name: 'vol', mountPath: '/volsub', subPathExpr: '$(POD_NAME)' }] })), forbidden('volumeMounts[1].subPathExpr'), 'Container uses disallowed field: VolumeMount.SubPathExpr');
  assert.deepEqual(eph(ctr('debug', { lifecycle: { preStop: { exec: { command: [] } } } })), forbidden('lifecycle'), 'Disallowed field with other errors should only return a single Forbidden');
  for (const policy of ['Always', 'OnFailure', 'Never', 'invalid', '']) {
    assert.deepEqual(eph(ctr('foo', { restartPolicy: policy })), forbidden('restartPolicy'), `Forbidden RestartPolicy: ${policy || 'empty'}`);
  }
  // TestValidateDeployment "ephemeral containers not allowed" (pkg/apis/apps/validation/validation_test.go).
  assert.deepEqual(messages(deployment({ template: template({ ephemeralContainers: [ctr('ec')] }) }), 'apps', 'Deployment'), ['spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template']);
});

test('TestValidateVolumes: names and sources', () => {
  const vol = (name, source = { emptyDir: {} }) => podErrors({ volumes: [{ name, ...source }] });
  for (const name of ['empty', '123', 'empty-123', '123-empty']) assert.deepEqual(vol(name), [], `valid name ${name}`);
  assert.deepEqual(vol(''), ['spec.volumes[0].name: Required value'], 'zero-length name');
  const long = 'a'.repeat(64);
  assert.deepEqual(vol(long), [`spec.volumes[0].name: Invalid value: "${long}": must be no more than 63 characters`], 'name > 63 characters');
  assert.deepEqual(vol('a.b.c'), ['spec.volumes[0].name: Invalid value: "a.b.c": must not contain dots'], 'name has dots');
  assert.deepEqual(vol('Not a DNS label!'), [`spec.volumes[0].name: Invalid value: "Not a DNS label!": ${LABEL_MSG}`], 'name not a DNS label');
  assert.deepEqual(vol('dups', { emptyDir: {}, hostPath: { path: '/mnt/path', type: 'Directory' } }), ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type'], 'more than one source');
  assert.deepEqual(vol('secret', { secret: { secretName: 'my-secret' } }), [], 'valid Secret');
  assert.deepEqual(vol('cfgmap', { configMap: { name: 'my-cfgmap' } }), [], 'valid ConfigMap');
  assert.deepEqual(podErrors({ volumes: [{ name: 'abc', emptyDir: {} }, { name: 'abc', emptyDir: {} }] }), ['spec.volumes[1].name: Duplicate value: "abc"'], 'dupsCase');
  // "no volume source": SetDefaults_Volume makes it an emptyDir. The sources' own checks (hostPath,
  // secret items, downwardAPI, …) are not ported.
  assert.deepEqual(vol('volume', {}), [], 'no volume source (defaulted to emptyDir)');
});

test('TestValidateVolumeMounts', () => {
  const volumes = [{ name: 'abc', persistentVolumeClaim: { claimName: 'testclaim1' } }, { name: 'abc-123', persistentVolumeClaim: { claimName: 'testclaim2' } }, { name: '123', hostPath: { path: '/foo/baz' } }];
  const mounts = (...volumeMounts) => podErrors({ volumes, containers: [ctr('ctr', { volumeMounts })] });
  const successCase = [
    { name: 'abc', mountPath: '/foo' },
    { name: '123', mountPath: '/bar' },
    { name: 'abc-123', mountPath: '/baz' },
    { name: 'abc-123', mountPath: '/baa', subPath: '' },
    { name: 'abc-123', mountPath: '/bab', subPath: 'baz' },
    { name: 'abc-123', mountPath: 'd:', subPath: '' },
    { name: 'abc-123', mountPath: 'F:', subPath: '' },
    { name: 'abc-123', mountPath: 'G:\\mount', subPath: '' },
    { name: 'abc-123', mountPath: '/bac', subPath: '.baz' },
    { name: 'abc-123', mountPath: '/bad', subPath: '..baz' },
  ];
  assert.deepEqual(mounts(...successCase), []);
  const at = 'spec.containers[0].volumeMounts';
  assert.deepEqual(mounts({ name: '', mountPath: '/foo' }), [`${at}[0].name: Required value`, `${at}[0].name: Not found: ""`], 'empty name');
  assert.deepEqual(mounts({ name: 'abc', mountPath: '' }), [`${at}[0].mountPath: Required value`], 'empty mountpath');
  assert.deepEqual(mounts({ name: 'abc', mountPath: '/path/a' }, { name: 'abc-123', mountPath: '/path/a' }), [`${at}[1].mountPath: Invalid value: "/path/a": must be unique`], 'mountpath collision');
  assert.deepEqual(mounts({ name: 'abc', mountPath: '/bar', subPath: '/baz' }), [`${at}.subPath: Invalid value: "/baz": must be a relative path`], 'absolute subpath');
  assert.deepEqual(mounts({ name: 'abc', mountPath: '/bar', subPath: '../baz' }), [`${at}.subPath: Invalid value: "../baz": must not contain '..'`], 'subpath in ..');
  assert.deepEqual(mounts({ name: 'abc', mountPath: '/bar', subPath: 'baz/../bat' }), [`${at}.subPath: Invalid value: "baz/../bat": must not contain '..'`], 'subpath contains ..');
  assert.deepEqual(mounts({ name: 'abc', mountPath: '/bar', subPath: './..' }), [`${at}.subPath: Invalid value: "./..": must not contain '..'`], 'subpath ends in ..');
  // validateLocalDescendingPath reports both problems of an absolute path with '..'.
  assert.deepEqual(mounts({ name: 'abc', mountPath: '/bar', subPath: '/../baz' }), [`${at}.subPath: Invalid value: "/../baz": must be a relative path`, `${at}.subPath: Invalid value: "/../baz": must not contain '..'`]);
  // Not here: mount propagation, recursiveReadOnly, volumeDevices and image volumes (not ported).
});

test('TestValidateSubpathMutuallyExclusive', () => {
  const mounts = (...volumeMounts) => podErrors({ volumes: [{ name: 'abc-123', persistentVolumeClaim: { claimName: 'testclaim2' } }], containers: [ctr('ctr', { volumeMounts })] });
  assert.deepEqual(mounts({ name: 'abc-123', mountPath: '/bab' }), [], 'subpath and subpathexpr not specified');
  assert.deepEqual(mounts({ name: 'abc-123', mountPath: '/bab', subPathExpr: '$(POD_NAME)' }), [], 'subpath expr specified');
  assert.deepEqual(mounts({ name: 'abc-123', mountPath: '/bab', subPath: 'baz' }), [], 'subpath specified');
  assert.deepEqual(
    mounts({ name: 'abc-123', mountPath: '/bab', subPath: 'baz', subPathExpr: '$(POD_NAME)' }),
    ['spec.containers[0].volumeMounts[0].subPathExpr: Invalid value: "$(POD_NAME)": subPathExpr and subPath are mutually exclusive'],
    'subpath and subpathexpr specified',
  );
});

test('TestValidatePorts', () => {
  const successCase = [
    { name: 'abc', containerPort: 80, hostPort: 80, protocol: 'TCP' },
    { name: 'easy', containerPort: 82, protocol: 'TCP' },
    { name: 'as', containerPort: 83, protocol: 'UDP' },
    { name: 'do-re-me', containerPort: 84, protocol: 'SCTP' },
    { containerPort: 85, protocol: 'TCP' },
  ];
  assert.deepEqual(withCtr({ ports: successCase }), []);
  assert.deepEqual(withCtr({ ports: [{ containerPort: 80 }] }), [], 'nonCanonicalCase (protocol defaults to TCP)');
  const at = 'spec.containers[0].ports';
  assert.deepEqual(withCtr({ ports: [{ name: 'abc', containerPort: 80 }, { name: 'abc', containerPort: 81 }] }), [`${at}[1].name: Duplicate value: "abc"`], 'name not unique');
  assert.deepEqual(withCtr({ ports: [{ containerPort: 0 }] }), [`${at}[0].containerPort: Required value`], 'zero container port');
  assert.deepEqual(withCtr({ ports: [{ containerPort: 65536 }] }), [`${at}[0].containerPort: Invalid value: 65536: ${PORT_RANGE}`], 'invalid container port');
  assert.deepEqual(withCtr({ ports: [{ containerPort: 80, hostPort: 65536 }] }), [`${at}[0].hostPort: Invalid value: 65536: ${PORT_RANGE}`], 'invalid host port');
  // Not here: "name > 15 characters", "name contains invalid characters", "name is a number" (KP134);
  // "invalid protocol", "invalid protocol case" (the schema's enum); "protocol required" (defaulted).
});

test('TestValidateEnv and TestRelaxedValidateEnv', () => {
  const env = (list, version) => withCtr({ env: list }, version);
  const successCase = [
    { name: 'abc', value: 'value' },
    { name: 'ABC', value: 'value' },
    { name: 'AbC_123', value: 'value' },
    { name: 'abc', value: '' },
    { name: 'a.b.c', value: 'value' },
    { name: 'a-b-c', value: 'value' },
    { name: 'abc', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    { name: 'secret_value', valueFrom: { secretKeyRef: { name: 'some-secret', key: 'secret-key' } } },
    { name: 'ENV_VAR_1', valueFrom: { configMapKeyRef: { name: 'some-config-map', key: 'some-key' } } },
  ];
  assert.deepEqual(env(successCase, '1.31'), [], 'successCase (strict)');
  const relaxed = ['!"#$%&\'()', '* +,-./0123456789', ':;<>?@', 'ABCDEFG', 'abcdefghijklmn', '[\\]^_`{}|~'];
  assert.deepEqual(env(relaxed.map((name) => ({ name, value: 'value' }))), [], 'updateSuccessCase (relaxed)');
  for (const [label, name] of [['invalid name a', '!"#$%&\'()'], ['invalid name b', '* +,-./0123456789'], ['invalid name c', ':;<>?@'], ['invalid name d', '[\\]^_{}|~']]) {
    assert.deepEqual(env([{ name, value: 'value' }], '1.31'), [`spec.containers[0].env[0].name: Invalid value: ${JSON.stringify(name)}: ${ENV_MSG}`], label);
  }
  const at = 'spec.containers[0].env[0]';
  assert.deepEqual(env([{ name: '=abc' }]), [`${at}.name: Invalid value: "=abc": ${RELAXED_ENV_MSG}`], 'illegal character (relaxed)');
  assert.deepEqual(env([{ name: '' }]), [`${at}.name: Required value`], 'zero-length name');
  const fieldRef = { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } };
  const secretKeyRef = { secretKeyRef: { name: 'a-secret', key: 'a-key' } };
  const configMapKeyRef = { configMapKeyRef: { name: 'some-config-map', key: 'some-key' } };
  assert.deepEqual(env([{ name: 'abc', value: 'foo', valueFrom: fieldRef }]), [`${at}.valueFrom: Invalid value: "": may not be specified when \`value\` is not empty`], 'value and valueFrom specified');
  assert.deepEqual(env([{ name: 'abc', valueFrom: {} }]), [`${at}.valueFrom: Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\` or \`secretKeyRef\``], 'valueFrom without a source');
  const tooMany = [`${at}.valueFrom: Invalid value: "": may not have more than one field specified at a time`];
  assert.deepEqual(env([{ name: 'abc', valueFrom: { ...fieldRef, ...secretKeyRef } }]), tooMany, 'valueFrom.fieldRef and valueFrom.secretKeyRef specified');
  assert.deepEqual(env([{ name: 'some_var_name', valueFrom: { ...fieldRef, ...configMapKeyRef } }]), tooMany, 'valueFrom.fieldRef and valueFrom.configMapKeyRef set');
  assert.deepEqual(env([{ name: 'abc', valueFrom: { ...fieldRef, ...secretKeyRef, ...configMapKeyRef } }]), tooMany, 'valueFrom.fieldRef and valueFrom.secretKeyRef specified (all three)');
  assert.deepEqual(env([{ name: 'abc', valueFrom: { secretKeyRef: { name: '$%^&*#', key: 'a-key' } } }]), [`${at}.valueFrom.secretKeyRef.name: Invalid value: "$%^&*#": ${SUBDOMAIN_MSG}`], 'valueFrom.secretKeyRef.name invalid');
  assert.deepEqual(env([{ name: 'abc', valueFrom: { configMapKeyRef: { name: '$%^&*#', key: 'some-key' } } }]), [`${at}.valueFrom.configMapKeyRef.name: Invalid value: "$%^&*#": ${SUBDOMAIN_MSG}`], 'valueFrom.configMapKeyRef.name invalid');
  // validateConfigMapKeySelector checks the name even when it is empty, and the key as a ConfigMap key.
  assert.deepEqual(env([{ name: 'abc', valueFrom: { configMapKeyRef: { key: 'k' } } }]), [`${at}.valueFrom.configMapKeyRef.name: Invalid value: "": ${SUBDOMAIN_MSG}`]);
  assert.deepEqual(env([{ name: 'abc', valueFrom: { secretKeyRef: { name: 's', key: 'a*b' } } }]), [`${at}.valueFrom.secretKeyRef.key: Invalid value: "a*b": ${CONFIG_KEY_MSG}`]);
  // Not here: the fieldRef/resourceFieldRef paths ("invalid fieldPath", "metadata.labels without
  // subscript", "unsupported fieldPath", …): validateObjectFieldSelector is not ported; the schema
  // requires fieldPath, apiVersion defaults to v1.
});

test('TestValidateEnvFrom and TestRelaxedValidateEnvFrom', () => {
  const envFrom = (list, version) => withCtr({ envFrom: list }, version);
  const successCase = [
    { configMapRef: { name: 'abc' } },
    { prefix: 'pre_', configMapRef: { name: 'abc' } },
    { prefix: 'a.b', configMapRef: { name: 'abc' } },
    { secretRef: { name: 'abc' } },
    { prefix: 'pre_', secretRef: { name: 'abc' } },
    { prefix: 'a.b', secretRef: { name: 'abc' } },
  ];
  assert.deepEqual(envFrom(successCase, '1.31'), [], 'successCase');
  assert.deepEqual(envFrom([{ prefix: '!"#$%&\'()', configMapRef: { name: 'abc' } }, { prefix: '[\\]^_`{}|~', secretRef: { name: 'abc' } }]), [], 'relaxed successCase');
  const at = 'spec.containers[0].envFrom';
  for (const [label, prefix] of [['invalid name a', '!"#$%&\'()'], ['invalid name b', '* +,-./0123456789'], ['invalid name c', ':;<>?@'], ['invalid name d', '[\\]^_{}|~']]) {
    assert.deepEqual(envFrom([{ prefix, secretRef: { name: 'abc' } }], '1.31'), [`${at}[0].prefix: Invalid value: ${JSON.stringify(prefix)}: ${ENV_MSG}`], label);
  }
  assert.deepEqual(envFrom([{ prefix: '=abc', configMapRef: { name: 'abc' } }]), [`${at}[0].prefix: Invalid value: "=abc": ${RELAXED_ENV_MSG}`], 'invalid prefix (relaxed)');
  assert.deepEqual(envFrom([{ configMapRef: { name: '' } }]), [`${at}[0].configMapRef.name: Required value`], 'zero-length name (configMapRef)');
  assert.deepEqual(envFrom([{ configMapRef: { name: '$' } }]), [`${at}[0].configMapRef.name: Invalid value: "$": ${SUBDOMAIN_MSG}`], 'invalid name (configMapRef)');
  assert.deepEqual(envFrom([{ secretRef: { name: '' } }]), [`${at}[0].secretRef.name: Required value`], 'zero-length name (secretRef)');
  assert.deepEqual(envFrom([{ secretRef: { name: '&' } }]), [`${at}[0].secretRef.name: Invalid value: "&": ${SUBDOMAIN_MSG}`], 'invalid name (secretRef)');
  assert.deepEqual(envFrom([{}]), [`${at}: Invalid value: "": must specify one of: \`configMapRef\` or \`secretRef\``], 'no refs');
  assert.deepEqual(envFrom([{ secretRef: { name: 'abc' }, configMapRef: { name: 'abc' } }]), [`${at}: Invalid value: "": may not have more than one field specified at a time`], 'multiple refs');
  assert.deepEqual(envFrom([{ secretRef: { name: '$%^&*#' } }]), [`${at}[0].secretRef.name: Invalid value: "$%^&*#": ${SUBDOMAIN_MSG}`], 'invalid secret ref name');
  // ValidateConfigMapName with prefix=true: a trailing dash is masked (maskTrailingDash).
  assert.deepEqual(envFrom([{ configMapRef: { name: 'abc-' } }]), []);
});

test('TestValidateProbe and Test_validateProbe', () => {
  const probe = (p) => withCtr({ readinessProbe: p });
  const handler = { exec: { command: ['echo'] } };
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    assert.deepEqual(probe({ ...handler, [f]: 10 }), [], `positive ${f}`);
    assert.deepEqual(probe({ ...handler, [f]: -10 }), [`spec.containers[0].readinessProbe.${f}: Invalid value: -10: ${NONNEG}`], `negative ${f}`);
  }
  assert.deepEqual(probe({ timeoutSeconds: 10, initialDelaySeconds: 10 }), ['spec.containers[0].readinessProbe: Required value: must specify a handler type'], 'no handler');
  const live = (p) => withCtr({ livenessProbe: p });
  assert.deepEqual(live({ ...handler, terminationGracePeriodSeconds: -1 }), ['spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: -1: must be greater than 0']);
  assert.deepEqual(live({ ...handler, terminationGracePeriodSeconds: 0 }), ['spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0']);
  assert.deepEqual(live({ ...handler, terminationGracePeriodSeconds: 1 }), []);
  // SetDefaults_Probe: successThreshold 0 becomes 1.
  assert.deepEqual(live({ ...handler, successThreshold: 0 }), []);
});

test('TestValidateHandler', () => {
  const h = (handler) => withCtr({ readinessProbe: handler });
  const successCases = [
    { exec: { command: ['echo'] } },
    { httpGet: { path: '/', port: 1, host: '', scheme: 'HTTP' } },
    { httpGet: { path: '/foo', port: 65535, host: 'host', scheme: 'HTTP' } },
    { httpGet: { path: '/', port: 'port', host: '', scheme: 'HTTP' } },
    { httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'Host', value: 'foo.example.com' }] } },
    { httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'X-Forwarded-For', value: '1.2.3.4' }, { name: 'X-Forwarded-For', value: '5.6.7.8' }] } },
  ];
  for (const c of successCases) assert.deepEqual(h(c), []);
  const at = 'spec.containers[0].readinessProbe';
  assert.deepEqual(h({}), [`${at}: Required value: must specify a handler type`]);
  assert.deepEqual(h({ exec: { command: [] } }), [`${at}.exec.command: Required value`]);
  assert.deepEqual(h({ httpGet: { path: '', port: 0, host: '' } }), [`${at}.httpGet.port: Invalid value: 0: ${PORT_RANGE}`]);
  assert.deepEqual(h({ httpGet: { path: '/foo', port: 65536, host: 'host' } }), [`${at}.httpGet.port: Invalid value: 65536: ${PORT_RANGE}`]);
  assert.deepEqual(h({ httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'Host:', value: 'foo.example.com' }] } }), [`${at}.httpGet.httpHeaders: Invalid value: "Host:": ${HEADER_MSG}`]);
  assert.deepEqual(h({ httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'X_Forwarded_For', value: 'foo.example.com' }] } }), [`${at}.httpGet.httpHeaders: Invalid value: "X_Forwarded_For": ${HEADER_MSG}`]);
  // The first handler is validated, each further one forbidden.
  assert.deepEqual(h({ exec: { command: [] }, tcpSocket: { port: 80 } }), [`${at}.exec.command: Required value`, `${at}.tcpSocket: Forbidden: may not specify more than 1 handler type`]);
  assert.deepEqual(h({ grpc: { port: 70000 } }), [`${at}.grpc.port: Invalid value: 70000: ${PORT_RANGE}`]);
  // Not here: `port: ""` (IsValidPortName of an empty name: the port-name check skips empty names).
});

test('validateSleepAction (lifecycle sleep hooks)', () => {
  // PodLifecycleSleepActionAllowZero is on from 1.33: 0 is allowed, and the grace period itself.
  const sleep = (seconds, version, grace) => podErrors({ terminationGracePeriodSeconds: grace, containers: [ctr('abc', { lifecycle: { preStop: { sleep: { seconds } } } })] }, version);
  assert.deepEqual(sleep(0), []);
  assert.deepEqual(sleep(30), []);
  assert.deepEqual(sleep(31), ['spec.containers[0].lifecycle.preStop.sleep: Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)']);
  assert.deepEqual(sleep(5, V, 1), ['spec.containers[0].lifecycle.preStop.sleep: Invalid value: 5: must be non-negative and less than terminationGracePeriodSeconds (1)']);
  assert.deepEqual(sleep(0, '1.32'), ['spec.containers[0].lifecycle.preStop.sleep: Invalid value: 0: must be greater than 0 and less than terminationGracePeriodSeconds (30). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.']);
});

test('TestValidatePodSpec and ValidatePodCreate: pod-only checks', () => {
  // validateContainersOnlyForPod runs after the whole pod spec: images without surrounding spaces.
  assert.deepEqual(
    podErrors({ containers: [{ name: 'abc', image: ' image ' }, ctr('abc')], activeDeadlineSeconds: 0 }),
    ['spec.containers[1].name: Duplicate value: "abc"', 'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive', 'spec.containers[0].image: Invalid value: " image ": must not have leading or trailing whitespace'],
  );
  assert.deepEqual(podErrors({ initContainers: [{ name: 'init', image: 'image\t' }] }), ['spec.initContainers[0].image: Invalid value: "image\\t": must not have leading or trailing whitespace']);
  assert.deepEqual(podErrors({ activeDeadlineSeconds: 2147483647 }), []);
  assert.deepEqual(podErrors({ containers: [] }), ['spec.containers: Required value']);
  const sc = (securityContext) => podErrors({ securityContext });
  assert.deepEqual(sc({ runAsUser: -1, runAsGroup: 2147483648, fsGroup: -1, supplementalGroups: [1, -1] }), [
    'spec.securityContext.fsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive',
    'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
    'spec.securityContext.runAsGroup: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive',
    'spec.securityContext.supplementalGroups[1]: Invalid value: -1: must be between 0 and 2147483647, inclusive',
  ]);
  assert.deepEqual(podErrors({ hostPID: true, shareProcessNamespace: true }), ['spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled']);
});

// -----------------------------------------------------------------------------------------------
// pkg/apis/apps/validation/validation_test.go
test('TestValidateDeployment', () => {
  assert.deepEqual(messages(deployment({}), 'apps', 'Deployment'), [], 'validDeployment()');
  assert.deepEqual(messages(deployment({ template: template({ hostNetwork: true, containers: [ctr('abc', { ports: [{ containerPort: 12345, protocol: 'TCP' }] })] }) }), 'apps', 'Deployment'), [], 'hostNetwork');
  const d = (spec) => messages(deployment(spec), 'apps', 'Deployment');
  assert.deepEqual(d({ selector: { matchLabels: { name: 'def' } }, template: template({}, { name: 'abc' }) }), ['spec.template.metadata.labels: Invalid value: {"name":"abc"}: `selector` does not match template `labels`'], '`selector` does not match template `labels`');
  assert.deepEqual(d({ template: template({ restartPolicy: 'Never' }) }), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'], 'Unsupported value: "Never"');
  assert.deepEqual(d({ strategy: { type: 'Recreate', rollingUpdate: {} } }), ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"], "may not be specified when strategy `type` is 'Recreate'");
  assert.deepEqual(
    d({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '20Percent', maxUnavailable: 0 } } }),
    [`spec.strategy.rollingUpdate.maxSurge: Invalid value: "20Percent": ${PERCENT_MSG}`, 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
    'a valid percent string must be',
  );
  assert.deepEqual(d({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } } }), ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'], 'may not be 0 when `maxSurge` is 0');
  assert.deepEqual(d({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '110%' } } }), ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%'], 'must not be greater than 100%');
  assert.deepEqual(d({ progressDeadlineSeconds: 600, minReadySeconds: 600 }), ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'], 'must be greater than minReadySeconds');
  // TestValidateDeploymentUpdate "negative replicas" (the create checks of an update).
  assert.deepEqual(d({ replicas: -1 }), [`spec.replicas: Invalid value: -1: ${NONNEG}`], 'negative replicas');
  // Not here: "supported values: "Recreate", "RollingUpdate"" (the schema's enum) and the rollback
  // revision (internal only).
});

test('TestValidateReplicaSet', () => {
  const r = (spec) => messages(replicaSet(spec), 'apps', 'ReplicaSet');
  assert.deepEqual(r({}), []);
  assert.deepEqual(r({ selector: undefined }), ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`'], 'empty selector');
  assert.deepEqual(r({ selector: {} }), ['spec.selector: Invalid value: {}: empty selector is invalid for deployment'], 'selector {} (ReplicaSet says "deployment" too)');
  assert.deepEqual(r({ selector: { matchLabels: { foo: 'bar' } } }), ['spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`'], 'selector_doesnt_match');
  // ValidateReplicaSetSpec checks replicas and minReadySeconds before the selector.
  assert.deepEqual(r({ replicas: -1, minReadySeconds: -1, selector: undefined }), [
    `spec.replicas: Invalid value: -1: ${NONNEG}`,
    `spec.minReadySeconds: Invalid value: -1: ${NONNEG}`,
    'spec.selector: Required value',
    'spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`',
  ], 'negative_replicas');
  assert.deepEqual(r({ template: template({ restartPolicy: 'OnFailure' }) }), ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'], 'invalid restart policy 1');
  assert.deepEqual(r({ template: template({ restartPolicy: 'Never' }) }), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'], 'invalid restart policy 2');
  assert.deepEqual(r({ template: template({ activeDeadlineSeconds: 60 }) }), ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported']);
});

test('TestValidateDaemonSet and TestDaemonSetUpdateMaxSurge', () => {
  const ds = (spec) => messages(daemonSet(spec), 'apps', 'DaemonSet');
  assert.deepEqual(ds({}), []);
  assert.deepEqual(ds({ updateStrategy: { type: 'OnDelete' } }), []);
  assert.deepEqual(ds({ selector: undefined }), ['spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`'], 'nil selector');
  assert.deepEqual(ds({ selector: {} }), ['spec.selector: Invalid value: {}: empty selector is invalid for daemonset'], 'empty selector');
  assert.deepEqual(ds({ selector: { matchLabels: { foo: 'bar' } } }), ['spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`'], 'selector_doesnt_match');
  assert.deepEqual(ds({ template: template({ restartPolicy: 'OnFailure' }) }), ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'], 'invalid restart policy 1');
  assert.deepEqual(ds({ template: template({ restartPolicy: 'Never' }) }), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'], 'invalid restart policy 2');
  assert.deepEqual(ds({ template: template({ containers: [] }) }), ['spec.template.spec.containers: Required value'], 'invalid template');
  assert.deepEqual(ds({ template: template({ ephemeralContainers: [ctr('debug')] }), updateStrategy: { type: 'OnDelete' } }), ['spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template'], 'template may not contain ephemeral containers');
  // TestDaemonSetUpdateMaxSurge, after SetDefaults_DaemonSet (maxUnavailable 1, maxSurge 0).
  const rolling = (rollingUpdate) => ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate } });
  assert.deepEqual(rolling({ maxUnavailable: 0, maxSurge: 1 }), [], 'valid: surge only');
  assert.deepEqual(rolling({ maxUnavailable: '1%', maxSurge: 0 }), [], 'valid: unavailable only');
  assert.deepEqual(rolling({ maxUnavailable: 0, maxSurge: 0 }), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'], 'invalid: unset');
  assert.deepEqual(rolling({ maxUnavailable: '1%', maxSurge: '1%' }), ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "1%": may not be set when maxUnavailable is non-zero'], 'invalid: surge enabled, surge and unavailable set');
  assert.deepEqual(rolling({ maxSurge: 1 }), ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero'], 'maxSurge with the default maxUnavailable 1');
  assert.deepEqual(rolling({ maxUnavailable: '101%' }), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "101%": must not be greater than 100%'], 'invalid: greater than 100%');
  assert.deepEqual(ds({ minReadySeconds: -1, revisionHistoryLimit: -1 }), [`spec.minReadySeconds: Invalid value: -1: ${NONNEG}`, `spec.revisionHistoryLimit: Invalid value: -1: ${NONNEG}`]);
});

test('TestValidateStatefulSet', () => {
  const ss = (spec, version) => messages(statefulSet(spec), 'apps', 'StatefulSet', version);
  for (const [name, spec] of [
    ['alpha name', {}],
    ['hostNetwork true', { template: template({ hostNetwork: true, containers: [ctr('abc', { ports: [{ containerPort: 12345, protocol: 'TCP' }] })] }) }],
    ['parallel pod management', { podManagementPolicy: 'Parallel' }],
    ['ordered ready pod management', { podManagementPolicy: 'OrderedReady' }],
    ['update strategy', { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }],
    ['maxUnavailable with parallel pod management', { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2, maxUnavailable: 2 } } }],
    ['ordinals.start positive value', { replicas: 3, ordinals: { start: 2 } }],
    ['PVC policy', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }],
  ]) assert.deepEqual(ss(spec), [], `success case ${name}`);
  const labelsMismatch = 'spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`';
  assert.deepEqual(ss({ selector: undefined }), ['spec.selector: Required value', labelsMismatch], 'empty selector');
  assert.deepEqual(ss({ selector: { matchLabels: { foo: 'bar' } } }), [labelsMismatch], 'selector_doesnt_match');
  assert.deepEqual(ss({ replicas: -1 }), [`spec.replicas: Invalid value: -1: ${NONNEG}`], 'negative_replicas');
  for (const policy of ['OnFailure', 'Never']) assert.deepEqual(ss({ template: template({ restartPolicy: policy }) }), [`spec.template.spec.restartPolicy: Unsupported value: "${policy}": supported values: "Always"`], `invalid restart policy ${policy}`);
  assert.deepEqual(ss({ replicas: 3, updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } }), ['spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":1,"MaxUnavailable":null}: only allowed for updateStrategy \'RollingUpdate\''], 'invalid rolling update');
  assert.deepEqual(ss({ replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } }), [`spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: ${NONNEG}`], 'negative partition');
  assert.deepEqual(ss({ podManagementPolicy: 'foo' }), ['spec.podManagementPolicy: Invalid value: "foo": must be \'OrderedReady\' or \'Parallel\''], 'invalid pod management policy');
  // SetDefaults_StatefulSet: an empty policy is OrderedReady ("empty pod management policy" is internal only).
  assert.deepEqual(ss({ podManagementPolicy: '' }), [], 'empty pod management policy (defaulted)');
  assert.deepEqual(ss({ replicas: 3, template: template({ activeDeadlineSeconds: 60 }) }), ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported'], 'set active deadline seconds');
  const maxUnavailable = (value) => ({ replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: value } } });
  assert.deepEqual(ss(maxUnavailable(0)), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0'], 'zero maxUnavailable');
  assert.deepEqual(ss(maxUnavailable('0%')), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "0%": cannot be 0'], 'zero percent maxUnavailable');
  assert.deepEqual(ss(maxUnavailable('101%')), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "101%": must not be greater than 100%'], 'greater than 100 percent maxUnavailable');
  // Before 1.35 MaxUnavailableStatefulSet is off and the field is dropped on create.
  assert.deepEqual(ss(maxUnavailable(0), '1.34'), [], 'zero maxUnavailable (gate off)');
  assert.deepEqual(ss({ replicas: 3, ordinals: { start: -2 } }), [`spec.ordinals.start: Invalid value: -2: ${NONNEG}`], 'invalid ordinals.start');
  assert.deepEqual(ss({ minReadySeconds: -1 }), [`spec.minReadySeconds: Invalid value: -1: ${NONNEG}`], 'TestValidateStatefulSetMinReadySeconds invalid : minReadySeconds enabled, negative');
  assert.deepEqual(ss({ minReadySeconds: 2147483647 }), [], 'TestValidateStatefulSetMinReadySeconds valid : minReadySeconds enabled, very large value');
  assert.deepEqual(ss({ serviceName: 'Foo_bar' }), [`spec.serviceName: Invalid value: "Foo_bar": ${LABEL_MSG}`], 'serviceName not a DNS label');
  // Not here: "invalid update strategy", "invalid PersistentVolumeClaimRetentionPolicy" (the schema's
  // enums); "empty update strategy" (defaulted); names, labels and annotations (KP130–KP133).
});

test('TestValidateStatefulSet: pod template and volumeClaimTemplates (1.34+)', () => {
  // kubernetes#131790 and #132212: the template is validated with the claim templates as volumes.
  const ss = (spec, version) => messages(statefulSet(spec), 'apps', 'StatefulSet', version);
  const claim = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
  const mounting = template({ containers: [ctr('abc', { volumeMounts: [{ name: 'data', mountPath: '/data' }] })] });
  assert.deepEqual(ss({ volumeClaimTemplates: [claim], template: mounting }), []);
  assert.deepEqual(ss({ template: template({ containers: [] }) }), ['spec.template.spec.containers: Required value']);
  assert.deepEqual(ss({ template: template({ containers: [] }) }, '1.33'), [], 'the pod template was not validated before 1.34');
  assert.deepEqual(ss({ volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }], replicas: -1 }), [
    'spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required',
    `spec.replicas: Invalid value: -1: ${NONNEG}`,
  ]);
});

// pkg/apis/core/validation/validation_test.go
test('TestValidateReplicationController', () => {
  const r = (spec) => messages(rc(spec), '', 'ReplicationController');
  assert.deepEqual(r({}), []);
  // SetDefaults_ReplicationController: a missing selector is the template's labels.
  assert.deepEqual(r({ selector: undefined }), []);
  assert.deepEqual(r({ selector: { foo: 'bar' } }), ['spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`'], 'selector_doesnt_match');
  assert.deepEqual(r({ replicas: -1 }), [`spec.replicas: Invalid value: -1: ${NONNEG}`], 'negative_replicas');
  assert.deepEqual(r({ template: template({ restartPolicy: 'OnFailure' }) }), ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'], 'invalid restart policy 1');
  assert.deepEqual(r({ template: template({ restartPolicy: 'Never' }) }), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'], 'invalid restart policy 2');
  assert.deepEqual(r({ selector: undefined, template: template({}, {}) }), ['spec.selector: Required value'], 'no selector and no labels');
  // 1.33 printed the labels with Go's %#v.
  assert.deepEqual(messages(rc({ selector: { foo: 'bar' } }), '', 'ReplicationController', '1.33'), ['spec.template.metadata.labels: Invalid value: map[string]string{"a":"b"}: `selector` does not match template `labels`']);
});

// -----------------------------------------------------------------------------------------------
// pkg/apis/batch/validation/validation_test.go
test('TestValidateJob', () => {
  const j = (spec) => messages(job(spec), 'batch', 'Job');
  assert.deepEqual(j({}), [], 'valid generated selector');
  assert.deepEqual(j({ manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: jobTemplate({}, { a: 'b' }) }), [], 'valid manual selector');
  assert.deepEqual(j({ completionMode: 'NonIndexed' }), [], 'valid NonIndexed completion mode');
  assert.deepEqual(j({ completionMode: 'Indexed', completions: 2, parallelism: 100000 }), [], 'valid Indexed completion mode');
  assert.deepEqual(j({ completionMode: 'Indexed', completions: 100000, parallelism: 100000, maxFailedIndexes: 100000, backoffLimitPerIndex: 1 }), [], 'valid parallelism and maxFailedIndexes for high completions when backoffLimitPerIndex is used');
  assert.deepEqual(j({ podFailurePolicy: { rules: [] }, template: jobTemplate({ restartPolicy: 'Never' }) }), [], 'pod failure policy with Never');
  assert.deepEqual(j({ parallelism: -1 }), [`spec.parallelism: Invalid value: -1: ${NONNEG}`], 'spec.parallelism:must be greater than or equal to 0');
  assert.deepEqual(j({ backoffLimit: -1 }), [`spec.backoffLimit: Invalid value: -1: ${NONNEG}`], 'spec.backoffLimit:must be greater than or equal to 0');
  assert.deepEqual(j({ backoffLimitPerIndex: 1 }), ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode'], 'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode');
  assert.deepEqual(j({ backoffLimitPerIndex: -1, completionMode: 'Indexed', completions: 2 }), [`spec.backoffLimitPerIndex: Invalid value: -1: ${NONNEG}`], 'spec.backoffLimitPerIndex:must be greater than or equal to 0');
  assert.deepEqual(j({ completions: 10, maxFailedIndexes: 11, backoffLimitPerIndex: 1, completionMode: 'Indexed' }), ['spec.maxFailedIndexes: Invalid value: 11: must be less than or equal to completions'], 'spec.maxFailedIndexes: Invalid value: 11: must be less than or equal to completions');
  assert.deepEqual(j({ completions: 100001, backoffLimitPerIndex: 1, completionMode: 'Indexed' }), ['spec.maxFailedIndexes: Required value: must be specified when completions is above 100000'], 'spec.maxFailedIndexes: Required value: must be specified when completions is above 100000');
  assert.deepEqual(
    j({ completions: 100001, parallelism: 50000, backoffLimitPerIndex: 1, maxFailedIndexes: 1, completionMode: 'Indexed' }),
    ['spec.parallelism: Invalid value: 50000: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index'],
    'spec.parallelism: Invalid value: 50000: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index',
  );
  assert.deepEqual(
    j({ completions: 100001, backoffLimitPerIndex: 1, maxFailedIndexes: 100001, completionMode: 'Indexed' }),
    ['spec.maxFailedIndexes: Invalid value: 100001: must be less than or equal to 100000', 'spec.maxFailedIndexes: Invalid value: 100001: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index'],
    'spec.maxFailedIndexes: Invalid value: 100001: must be less than or equal to 100000',
  );
  assert.deepEqual(
    j({ completions: 100001, backoffLimitPerIndex: 1, maxFailedIndexes: 50000, completionMode: 'Indexed' }),
    ['spec.maxFailedIndexes: Invalid value: 50000: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index'],
    'spec.maxFailedIndexes: Invalid value: 50000: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index',
  );
  assert.deepEqual(j({ backoffLimitPerIndex: 1, maxFailedIndexes: -1, completionMode: 'Indexed', completions: 2 }), [`spec.maxFailedIndexes: Invalid value: -1: ${NONNEG}`], 'spec.maxFailedIndexes:must be greater than or equal to 0');
  assert.deepEqual(j({ maxFailedIndexes: 1, completionMode: 'Indexed', completions: 2 }), ['spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified'], 'spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified');
  assert.deepEqual(j({ completions: -1 }), [`spec.completions: Invalid value: -1: ${NONNEG}`], 'spec.completions:must be greater than or equal to 0');
  assert.deepEqual(j({ activeDeadlineSeconds: -1 }), [`spec.activeDeadlineSeconds: Invalid value: -1: ${NONNEG}`], 'spec.activeDeadlineSeconds:must be greater than or equal to 0');
  assert.deepEqual(j({ manualSelector: true }), ['spec.selector: Required value'], 'spec.selector:Required value');
  assert.deepEqual(
    j({ manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: jobTemplate({}, { y: 'z' }) }),
    ['spec.template.metadata.labels: Invalid value: {"y":"z"}: `selector` does not match template `labels`'],
    'spec.template.metadata.labels: Invalid value: {"y":"z"}: `selector` does not match template `labels`',
  );
  assert.deepEqual(
    j({ manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: jobTemplate({}, { 'controller-uid': '4d5e6f' }) }),
    ['spec.template.metadata.labels: Invalid value: {"controller-uid":"4d5e6f"}: `selector` does not match template `labels`'],
    'spec.template.metadata.labels: Invalid value: {"controller-uid":"4d5e6f"}: `selector` does not match template `labels`',
  );
  assert.deepEqual(
    j({ manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [ctr('abc')] } } }),
    ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    'spec.template.spec.restartPolicy: Required value',
  );
  assert.deepEqual(j({ template: jobTemplate({ restartPolicy: 'Invalid' }) }), ['spec.template.spec.restartPolicy: Unsupported value: "Invalid": supported values: "OnFailure", "Never"'], 'spec.template.spec.restartPolicy: Unsupported value');
  assert.deepEqual(j({ ttlSecondsAfterFinished: -1 }), [`spec.ttlSecondsAfterFinished: Invalid value: -1: ${NONNEG}`], 'spec.ttlSecondsAfterFinished: must be greater than or equal to 0');
  assert.deepEqual(j({ completionMode: 'Indexed' }), ['spec.completions: Required value: when completion mode is Indexed'], 'spec.completions: Required value: when completion mode is Indexed');
  assert.deepEqual(j({ completionMode: 'Indexed', completions: 2, parallelism: 100001 }), ['spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed'], 'spec.parallelism: must be less than or equal to 100000 when completion mode is Indexed');
  assert.deepEqual(
    j({ podFailurePolicy: { rules: [] } }),
    ['spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified'],
    'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
  );
  // Not here: managedBy, successPolicy, podFailurePolicy rules, podReplacementPolicy (not ported);
  // the generated selector's labels and "`selector` not auto-generated" (they need the UID the API
  // server assigns).
});

test('TestValidateCronJob', () => {
  const c = (spec, jobSpec) => messages(cronJob(spec, jobSpec), 'batch', 'CronJob');
  assert.deepEqual(c({}), [], 'basic scheduled job');
  assert.deepEqual(c({}, { template: jobTemplate({ hostNetwork: true, containers: [ctr('abc', { ports: [{ containerPort: 12345, protocol: 'TCP' }] })] }) }), [], 'hostnet job');
  assert.deepEqual(c({ schedule: '@hourly' }), [], 'non-standard scheduled');
  assert.deepEqual(c({ schedule: '0 * * * *', timeZone: 'Europe/Rome' }), [], 'correct timeZone value');
  assert.deepEqual(c({ schedule: 'error' }), ['spec.schedule: Invalid value: "error": expected exactly 5 fields, found 1: [error]'], 'spec.schedule: Invalid value');
  assert.deepEqual(c({ schedule: '' }), ['spec.schedule: Required value'], 'spec.schedule: Required value');
  assert.deepEqual(
    c({ schedule: '0 * * * *', timeZone: 'LOCAL' }),
    ['spec.timeZone: Invalid value: "LOCAL": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones', 'spec.timeZone: Invalid value: "LOCAL": unknown time zone LOCAL'],
    'spec.timeZone: timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
  );
  assert.deepEqual(c({ schedule: '0 * * * *', timeZone: ' Europe/Rome' }), ['spec.timeZone: Invalid value: " Europe/Rome": unknown time zone  Europe/Rome'], 'spec.timeZone: Invalid value: " Continent/Zone": unknown time zone  Continent/Zone');
  assert.deepEqual(c({ schedule: '0 * * * *', timeZone: 'Europe/InvalidRome' }), ['spec.timeZone: Invalid value: "Europe/InvalidRome": unknown time zone Europe/InvalidRome'], 'spec.timeZone: Invalid value: "Continent/InvalidZone": unknown time zone  Continent/InvalidZone');
  assert.deepEqual(c({ schedule: '0 * * * *', timeZone: ' ' }), ['spec.timeZone: Invalid value: " ": unknown time zone  '], 'spec.timeZone: Invalid value: " ": unknown time zone  ');
  assert.deepEqual(c({ schedule: '0 * * * *', timeZone: 'Europe/Rome ' }), ['spec.timeZone: Invalid value: "Europe/Rome ": unknown time zone Europe/Rome '], 'spec.timeZone: Invalid value: "Continent/Zone ": unknown time zone Continent/Zone ');
  assert.deepEqual(c({ startingDeadlineSeconds: -1 }), [`spec.startingDeadlineSeconds: Invalid value: -1: ${NONNEG}`], 'spec.startingDeadlineSeconds:must be greater than or equal to 0');
  assert.deepEqual(c({ successfulJobsHistoryLimit: -1 }), [`spec.successfulJobsHistoryLimit: Invalid value: -1: ${NONNEG}`], 'spec.successfulJobsHistoryLimit: must be greater than or equal to 0');
  assert.deepEqual(c({ failedJobsHistoryLimit: -1 }), [`spec.failedJobsHistoryLimit: Invalid value: -1: ${NONNEG}`], 'spec.failedJobsHistoryLimit: must be greater than or equal to 0');
  assert.deepEqual(c({}, { parallelism: -1 }), [`spec.jobTemplate.spec.parallelism: Invalid value: -1: ${NONNEG}`], 'spec.jobTemplate.spec.parallelism:must be greater than or equal to 0');
  assert.deepEqual(c({}, { completions: -1 }), [`spec.jobTemplate.spec.completions: Invalid value: -1: ${NONNEG}`], 'spec.jobTemplate.spec.completions:must be greater than or equal to 0');
  assert.deepEqual(c({}, { activeDeadlineSeconds: -1 }), [`spec.jobTemplate.spec.activeDeadlineSeconds: Invalid value: -1: ${NONNEG}`], 'spec.jobTemplate.spec.activeDeadlineSeconds:must be greater than or equal to 0');
  assert.deepEqual(c({}, { selector: { matchLabels: { a: 'b' } } }), ['spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated'], 'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated');
  assert.deepEqual(c({}, { manualSelector: true }), ['spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"'], 'spec.jobTemplate.spec.manualSelector: Unsupported value');
  assert.deepEqual(c({}, { template: { spec: { containers: [ctr('abc')] } } }), ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'], 'spec.jobTemplate.spec.template.spec.restartPolicy: Required value');
  assert.deepEqual(c({}, { template: { spec: { restartPolicy: 'Invalid', containers: [ctr('abc')] } } }), ['spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Invalid": supported values: "OnFailure", "Never"'], 'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value');
  assert.deepEqual(c({}, { ttlSecondsAfterFinished: -1 }), [`spec.jobTemplate.spec.ttlSecondsAfterFinished: Invalid value: -1: ${NONNEG}`], 'spec.jobTemplate.spec.ttlSecondsAfterFinished:must be greater than or equal to 0');
  // Not here: "spec.concurrencyPolicy: Required value" (defaulted to Allow), "metadata.name: must be
  // no more than 52 characters" (KP130), "spec.timeZone: Too short" (1.36's wording).
});

test('TestValidateCronJobScheduleTZ: create', () => {
  assert.deepEqual(messages(cronJob({ schedule: 'TZ=UTC 0 * * * *' }), 'batch', 'CronJob'), ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'], 'update removing TZ should work (its create)');
  // A schedule both unparseable and with TZ gets both errors (validateScheduleFormat).
  assert.deepEqual(messages(cronJob({ schedule: 'TZ=UTC' }), 'batch', 'CronJob'), [
    'spec.schedule: Invalid value: "TZ=UTC": invalid schedule format: runtime error: slice bounds out of range [:-1]',
    'spec.schedule: Invalid value: "TZ=UTC": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
  ]);
  assert.deepEqual(messages(cronJob({ schedule: 'CRON_TZ=Mars/Olympus 0 * * * *' }), 'batch', 'CronJob'), [
    'spec.schedule: Invalid value: "CRON_TZ=Mars/Olympus 0 * * * *": provided bad location Mars/Olympus: unknown time zone Mars/Olympus',
    'spec.schedule: Invalid value: "CRON_TZ=Mars/Olympus 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
  ]);
});

// github.com/robfig/cron/v3 parser_test.go (vendored by Kubernetes): the standard parser's errors.
test('robfig/cron parser: TestRange, TestParseScheduleErrors, TestStandardSpecSchedule, TestParseSchedule', () => {
  const err = (spec) => {
    const r = parseCron(spec);
    return typeof r === 'string' ? r : 'ok';
  };
  // TestRange (each range placed in a field with the test's bounds where they exist).
  assert.equal(err('5--5 * * * *'), 'too many hyphens: 5--5');
  assert.equal(err('* * * jan-x *'), 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
  assert.equal(err('* * 2-x * *'), 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
  assert.equal(err('*/-12 * * * *'), 'negative number (-12) not allowed: -12');
  assert.equal(err('*//2 * * * *'), 'too many slashes: *//2');
  assert.equal(err('* * 0 * *'), 'beginning of range (0) below minimum (1): 0');
  assert.equal(err('* * * * 7'), 'end of range (7) above maximum (6): 7');
  assert.equal(err('* * * 5-3 *'), 'beginning of range (5) beyond end of range (3): 5-3');
  assert.equal(err('*/0 * * * *'), 'step of range should be a positive number: */0');
  for (const ok of ['5 * * * *', '5-5 * * * *', '5-7/2 * * * *', '*/2 * * * *', '1,5-7/2,3 * * * *']) assert.equal(err(ok), 'ok', ok);
  // TestParseScheduleErrors (the standard parser's wording).
  assert.equal(err('* 5 j * *'), 'failed to parse int from j: strconv.Atoi: parsing "j": invalid syntax');
  assert.equal(err('@every Xm'), 'failed to parse duration @every Xm: time: invalid duration "Xm"');
  assert.equal(err('@unrecognized'), 'unrecognized descriptor: @unrecognized');
  assert.equal(err('* * * *'), 'expected exactly 5 fields, found 4: [* * * *]');
  assert.equal(err(''), 'empty spec string');
  // TestStandardSpecSchedule.
  assert.equal(err('5 j * * *'), 'failed to parse int from j: strconv.Atoi: parsing "j": invalid syntax');
  assert.equal(err('@every 5m'), 'ok');
  // TestParseSchedule (standard parser entries).
  for (const ok of ['5 * * * *', 'CRON_TZ=UTC  5 * * * *', '@midnight', 'TZ=UTC  @midnight', 'TZ=Asia/Tokyo @midnight', '@yearly', '@annually']) assert.equal(err(ok), 'ok', ok);
  // strings.FieldsFunc drops empty list items; Go's ParseDuration has its own messages.
  assert.equal(err('1,,2 * * * *'), 'ok');
  assert.equal(err('@every 1'), 'failed to parse duration @every 1: time: missing unit in duration "1"');
  assert.equal(err('@every 5x'), 'failed to parse duration @every 5x: time: unknown unit "x" in duration "5x"');
  assert.equal(err('@every 1h30m'), 'ok');
});

// -----------------------------------------------------------------------------------------------
// pkg/apis/core/validation/validation_test.go
test('TestValidateServiceCreate', () => {
  const s = (spec) => messages(service(spec), '', 'Service');
  assert.deepEqual(s({}), [], 'makeValidService');
  assert.deepEqual(s({ ports: [] }), ['spec.ports: Required value'], 'missing ports');
  assert.deepEqual(s({ ports: [], clusterIP: 'None' }), [], 'missing ports but headless');
  assert.deepEqual(s({ ports: [{ name: 'p', port: 12345 }, { port: 12346 }] }), ['spec.ports[1].name: Required value'], 'empty port[1] name');
  assert.deepEqual(s({ ports: [{ port: 12345 }] }), [], 'empty port[0] name');
  assert.deepEqual(s({ ports: [{ name: 'p', port: 65536 }] }), [`spec.ports[0].port: Invalid value: 65536: ${PORT_RANGE}`], 'invalid port');
  assert.deepEqual(s({ ports: [{ name: 'p', port: 80, targetPort: 65536 }] }), [`spec.ports[0].targetPort: Invalid value: 65536: ${PORT_RANGE}`], 'invalid target port');
  assert.deepEqual(s({ ports: [{ name: 'p', port: 1 }, { name: 'p', port: 2 }] }), ['spec.ports[1].name: Duplicate value: "p"'], 'dup port name');
  assert.deepEqual(s({ ports: [{ name: 'p', port: 1 }, { name: 'q', port: 2, nodePort: 1 }] }), ["spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"], 'invalid cluster service with NodePort');
  assert.deepEqual(s({ type: 'LoadBalancer', clusterIP: 'None' }), ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"], 'LoadBalancer type cannot have None ClusterIP');
  assert.deepEqual(s({ type: 'NodePort', clusterIP: 'None' }), ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"], 'NodePort type cannot have None ClusterIP');
  assert.deepEqual(s({ type: 'ExternalName', externalName: 'foo.bar.example.com' }), [], 'valid ExternalName');
  assert.deepEqual(s({ type: 'ExternalName', externalName: 'foo.bar.example.com.' }), [], 'valid ExternalName (trailing dot)');
  assert.deepEqual(s({ type: 'ExternalName', externalName: 'foo.bar.example.com', clusterIP: '1.2.3.4' }), ['spec.clusterIPs: Forbidden: may not be set for ExternalName services'], 'invalid ExternalName clusterIP (valid IP)');
  assert.deepEqual(s({ type: 'ExternalName', externalName: '-123' }), [`spec.externalName: Invalid value: "-123": ${SUBDOMAIN_MSG}`], 'invalid ExternalName (not a DNS name)');
  assert.deepEqual(s({ type: 'ExternalName' }), ['spec.externalName: Required value'], 'missing ExternalName');
  assert.deepEqual(s({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 90 } } }), ['spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None'], "sessionAffinityConfig can't be set when session affinity is None");
  assert.deepEqual(s({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: -1 } } }), ['spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: -1: must be greater than 0 and less than 86400'], 'invalid timeoutSeconds field');
  assert.deepEqual(s({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } }), [], 'valid timeoutSeconds field');
  assert.deepEqual(s({ ports: [{ name: 'p', port: 1, protocol: 'TCP' }, { name: 'q', port: 1, protocol: 'TCP' }] }), ['spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":1,"TargetPort":0,"NodePort":0}'], 'invalid duplicate ports (with same protocol)');
  assert.deepEqual(s({ ports: [{ name: 'p', port: 1, protocol: 'TCP' }, { name: 'q', port: 1, protocol: 'UDP' }] }), [], 'valid duplicate ports (with different protocols)');
  assert.deepEqual(s({ type: 'NodePort', ports: [{ name: 'p', port: 1, nodePort: 30001, protocol: 'TCP' }, { name: 'q', port: 2, nodePort: 30001, protocol: 'UDP' }] }), [], 'duplicate nodeports (different protocols)');
  assert.deepEqual(s({ type: 'NodePort', ports: [{ name: 'p', port: 1, nodePort: 30001 }, { name: 'q', port: 2, nodePort: 30001 }] }), ['spec.ports[1].nodePort: Duplicate value: 30001'], 'invalid duplicate nodeports (with same protocol)');
  assert.deepEqual(s({ loadBalancerSourceRanges: ['10.0.0.0/8'] }), ["spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"], 'invalid load balancer source ranges for non-LB type');
  assert.deepEqual(s({ externalTrafficPolicy: 'Cluster' }), ['spec.externalTrafficPolicy: Invalid value: "Cluster": may only be set for externally-accessible services'], 'externalTrafficPolicy on a ClusterIP service');
  assert.deepEqual(s({ type: 'NodePort', healthCheckNodePort: 31100 }), ["spec.healthCheckNodePort: Invalid value: 31100: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"], 'healthCheckNodePort without LoadBalancer/Local');
  assert.deepEqual(s({ allocateLoadBalancerNodePorts: true }), ["spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"], 'invalid ClusterIP service with allocateLoadBalancerNodePorts');
  assert.deepEqual(s({ loadBalancerClass: 'test.com/test' }), ["spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'"], 'invalid: set loadBalancerClass when type is not LoadBalancer');
  assert.deepEqual(s({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'], allocateLoadBalancerNodePorts: false, loadBalancerClass: 'test.com/test', externalTrafficPolicy: 'Local', healthCheckNodePort: 31100 }), [], 'valid LoadBalancer');
  // 1.33 printed the internal ServicePort with Go's %#v.
  assert.deepEqual(messages(service({ ports: [{ name: 'p', port: 1 }, { name: 'q', port: 1 }] }), '', 'Service', '1.33'), [
    'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:1, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
  ]);
  // Not here: "invalid port name" (KP134), "missing session affinity" and
  // "missing AllocateLoadBalancerNodePorts" (defaulted), "invalid externalTraffic field" (the
  // schema's enum), externalIPs, clusterIPs and IP families (not ported).
});

test('TestValidateConfigMap', () => {
  const cm = (o) => messages(configMap(o), '', 'ConfigMap');
  assert.deepEqual(cm({ data: { key: 'value' } }), [], 'valid');
  assert.deepEqual(cm({ data: { '.ab': 'value' } }), [], 'leading dot key');
  assert.deepEqual(cm({ data: { ['a'.repeat(253)]: 'value' } }), [], 'max key length');
  assert.deepEqual(cm({ binaryData: { key: Buffer.from([0xff, 0xfe]).toString('base64') } }), [], 'binary data non utf-8 bytes');
  assert.deepEqual(cm({ data: { key: 'value' }, binaryData: { key: 'dmFsdWU=' } }), ['data[key]: Invalid value: "key": duplicate of key present in binaryData'], 'duplicated key');
  assert.deepEqual(cm({ data: { 'a*b': 'value' } }), [`data[a*b]: Invalid value: "a*b": ${CONFIG_KEY_MSG}`], 'invalid key');
  assert.deepEqual(cm({ data: { '.': 'value' } }), ['data[.]: Invalid value: ".": must not be \'.\''], 'dot key');
  assert.deepEqual(cm({ data: { '..': 'value' } }), ['data[..]: Invalid value: "..": must not be \'..\''], 'double dot key');
  const over = 'a'.repeat(254);
  assert.deepEqual(cm({ data: { [over]: 'value' } }), [`data[${over}]: Invalid value: "${over}": must be no more than 253 characters`], 'over max key length');
  assert.deepEqual(cm({ data: { key: 'a'.repeat(1024 * 1024 + 1) } }), ['[]: Too long: may not be more than 1048576 bytes'], 'over max size');
  assert.deepEqual(messages(configMap({ data: { key: 'a'.repeat(1024 * 1024 + 1) } }), '', 'ConfigMap', '1.31'), ['[]: Too long: must have at most 1048576 bytes'], 'over max size (before 1.32)');
  assert.deepEqual(cm({ binaryData: { key: Buffer.alloc(1024 * 1024).toString('base64') } }), [], 'binaryData counts decoded bytes');
});

test('TestValidateSecret and the typed Secret tests', () => {
  const s = (o) => messages(secret(o), '', 'Secret');
  const b64 = (v) => Buffer.from(v).toString('base64');
  assert.deepEqual(s({ data: { 'data-1': b64('bar') } }), [], 'valid');
  assert.deepEqual(s({ data: { 'a*b': b64('x') } }), [`data[a*b]: Invalid value: "a*b": ${CONFIG_KEY_MSG}`], 'invalid key');
  assert.deepEqual(s({ data: { '.dotfile': b64('x') } }), [], 'leading dot key');
  assert.deepEqual(s({ data: { '.': b64('x') } }), ['data[.]: Invalid value: ".": must not be \'.\''], 'dot key');
  assert.deepEqual(s({ data: { '..': b64('x') } }), ['data[..]: Invalid value: "..": must not be \'..\''], 'double dot key');
  assert.deepEqual(s({ stringData: { over: 'a'.repeat(1024 * 1024 + 1) } }), ['data: Too long: may not be more than 1048576 bytes'], 'over max size');
  // data is base64: its decoded size counts (1 MiB of bytes is 1.33 MiB of text).
  assert.deepEqual(s({ data: { big: Buffer.alloc(1024 * 1024).toString('base64') } }), [], 'exactly max size');
  assert.deepEqual(s({ type: 'kubernetes.io/service-account-token' }), ['metadata.annotations[kubernetes.io/service-account.name]: Required value'], 'missing service-account-token annotation');
  assert.deepEqual(s({ type: 'kubernetes.io/service-account-token', metadata: { name: 'valid', annotations: { 'kubernetes.io/service-account.name': 'foo' } } }), [], 'valid service-account-token');
  // TestValidateDockerConfigSecret
  assert.deepEqual(s({ type: 'kubernetes.io/dockercfg', data: {} }), ['data[.dockercfg]: Required value'], 'missing dockercfg');
  assert.deepEqual(s({ type: 'kubernetes.io/dockerconfigjson', data: {} }), ['data[.dockerconfigjson]: Required value'], 'missing dockerconfigjson');
  assert.deepEqual(s({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"auths":{}}') } }), [], 'valid dockerconfigjson');
  // TestValidateBasicAuthSecret
  assert.deepEqual(s({ type: 'kubernetes.io/basic-auth', data: { username: b64('u'), password: b64('p') } }), [], 'valid basic auth');
  assert.deepEqual(s({ type: 'kubernetes.io/basic-auth', data: { username: b64('u') } }), [], 'username only (either key suffices)');
  assert.deepEqual(s({ type: 'kubernetes.io/basic-auth', data: {} }), ['data[username]: Required value', 'data[password]: Required value'], 'missing username and password');
  // TestValidateSSHAuth
  assert.deepEqual(s({ type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': b64('key') } }), [], 'valid ssh-auth');
  assert.deepEqual(s({ type: 'kubernetes.io/ssh-auth', data: {} }), ['data[ssh-privatekey]: Required value'], 'missing private key');
  assert.deepEqual(s({ type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } }), ['data[ssh-privatekey]: Required value'], 'empty private key');
  // TestValidateTLSSecret
  assert.deepEqual(s({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c'), 'tls.key': b64('k') } }), [], 'valid tls');
  assert.deepEqual(s({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c') } }), ['data[tls.key]: Required value'], 'missing private key');
  assert.deepEqual(s({ type: 'kubernetes.io/tls', stringData: { 'tls.key': 'k' } }), ['data[tls.crt]: Required value'], 'missing certificate (stringData merged into data)');
  // Not here: "empty dockercfg", "invalid dockercfg" (the JSON checks are not ported).
});

test('testValidatePVC (TestValidatePersistentVolumeClaim)', () => {
  const p = (spec) => messages(pvc(spec), '', 'PersistentVolumeClaim');
  assert.deepEqual(p({}), [], 'good-claim');
  assert.deepEqual(p({ accessModes: ['ReadWriteOncePod'] }), [], 'with-read-write-once-pod');
  assert.deepEqual(p({ accessModes: [] }), ['spec.accessModes: Required value: at least 1 access mode is required'], 'no-access-modes');
  assert.deepEqual(p({ resources: {} }), ['spec.resources[storage]: Required value'], 'no-resource-requests');
  assert.deepEqual(p({ resources: { requests: { memory: '10G' } } }), ['spec.resources[storage]: Required value'], 'invalid-resource-requests');
  assert.deepEqual(p({ resources: { requests: { storage: '0G' } } }), ['spec.resources[storage]: Invalid value: "0": must be greater than zero'], 'zero-storage-request');
  assert.deepEqual(p({ resources: { requests: { storage: '-10G' } } }), ['spec.resources[storage]: Invalid value: "-10G": must be greater than zero'], 'negative-storage-request');
  assert.deepEqual(p({ accessModes: ['ReadWriteOncePod', 'ReadWriteMany'] }), ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes'], 'with-read-write-once-pod-and-others');
  assert.deepEqual(p({ storageClassName: '-invalid-' }), [`spec.storageClassName: Invalid value: "-invalid-": ${SUBDOMAIN_MSG}`], 'invalid-storage-class-name');
  assert.deepEqual(p({ storageClassName: '' }), [], 'empty storage class name (no dynamic provisioning)');
  // Not here: "invalid-accessmode", "invalid-volume-mode" (the schema's enums); dataSource checks
  // (not ported); "missing-namespace" (the namespace is the workspace's).
});

// -----------------------------------------------------------------------------------------------
// pkg/apis/policy/validation/validation_test.go
test('TestValidateMinAvailablePodDisruptionBudgetSpec and friends', () => {
  const p = (spec) => messages(pdb(spec), 'policy', 'PodDisruptionBudget');
  for (const v of ['0%', '1%', '100%', 0, 1, 100]) assert.deepEqual(p({ minAvailable: v }), [], `success ${v}`);
  for (const v of ['1.1%', 'nope', '-1%']) assert.deepEqual(p({ minAvailable: v }), [`spec.minAvailable: Invalid value: ${JSON.stringify(v)}: ${PERCENT_MSG}`], `failure ${v}`);
  assert.deepEqual(p({ minAvailable: '101%' }), ['spec.minAvailable: Invalid value: "101%": must not be greater than 100%'], 'failure 101%');
  assert.deepEqual(p({ minAvailable: -1 }), [`spec.minAvailable: Invalid value: -1: ${NONNEG}`], 'failure -1');
  assert.deepEqual(p({ maxUnavailable: '101%' }), ['spec.maxUnavailable: Invalid value: "101%": must not be greater than 100%'], 'TestValidateMaxUnavailablePodDisruptionBudgetSpec');
  // TestValidateMinAvailablePodAndMaxUnavailableDisruptionBudgetSpec: the whole internal spec prints.
  assert.deepEqual(p({ minAvailable: '10%', maxUnavailable: 1 }), ['spec: Invalid value: {"MinAvailable":"10%","Selector":null,"MaxUnavailable":1,"UnhealthyPodEvictionPolicy":null}: minAvailable and maxUnavailable cannot be both set']);
  // Not here: TestValidateUnhealthyPodEvictionPolicyDisruptionBudgetSpec (the schema's enum).
});

// pkg/apis/autoscaling/validation/validation_test.go
test('TestValidateHorizontalPodAutoscaler', () => {
  const h = (spec) => messages(hpa(spec), 'autoscaling', 'HorizontalPodAutoscaler');
  assert.deepEqual(h({}), [], 'success');
  assert.deepEqual(h({ scaleTargetRef: { name: 'myrc' } }), ['spec.scaleTargetRef.kind: Required value'], 'scaleTargetRef.kind: Required');
  assert.deepEqual(h({ scaleTargetRef: { kind: '..', name: 'myrc' } }), ['spec.scaleTargetRef.kind: Invalid value: "..": may not be \'..\''], 'scaleTargetRef.kind: Invalid');
  assert.deepEqual(h({ scaleTargetRef: { kind: 'ReplicationController' } }), ['spec.scaleTargetRef.name: Required value'], 'scaleTargetRef.name: Required');
  assert.deepEqual(h({ scaleTargetRef: { kind: 'ReplicationController', name: 'my/rc' } }), ['spec.scaleTargetRef.name: Invalid value: "my/rc": may not contain \'/\''], 'scaleTargetRef.name: Invalid');
  assert.deepEqual(h({ minReplicas: -1 }), ['spec.minReplicas: Invalid value: -1: must be greater than or equal to 1'], 'must be greater than or equal to 1');
  assert.deepEqual(h({ minReplicas: 7, maxReplicas: 5 }), ['spec.maxReplicas: Invalid value: 5: must be greater than or equal to `minReplicas`'], 'must be greater than or equal to `minReplicas`');
  assert.deepEqual(h({ minReplicas: 1, maxReplicas: 0 }), ['spec.maxReplicas: Invalid value: 0: must be greater than 0', 'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`']);
  // Not here: the metrics and behavior checks (not ported).
});

// -----------------------------------------------------------------------------------------------
// pkg/apis/networking/validation/validation_test.go
test('TestValidateIngressRuleValue', () => {
  const at = 'spec.rules[0].http.paths[0].path';
  const i = (path, pathType) => messages(ingressPath(path, pathType), 'networking.k8s.io', 'Ingress');
  assert.deepEqual(i('/foo', 'Prefix'), [], 'prefix: valid');
  assert.deepEqual(i('foo', 'Prefix'), [`${at}: Invalid value: "foo": must be an absolute path`], 'prefix: no leading slash');
  assert.deepEqual(i('/foo//bar/foo', 'Prefix'), [`${at}: Invalid value: "/foo//bar/foo": must not contain '//'`], 'prefix: repeating slashes');
  assert.deepEqual(i('/foo/./bar', 'Prefix'), [`${at}: Invalid value: "/foo/./bar": must not contain '/./'`], 'prefix: with /./');
  assert.deepEqual(i('/foo/../bar', 'Exact'), [`${at}: Invalid value: "/foo/../bar": must not contain '/../'`], 'exact: with /../');
  assert.deepEqual(i('/foo%2fbar', 'Prefix'), [`${at}: Invalid value: "/foo%2fbar": must not contain '%2f'`], 'prefix: with %2f');
  assert.deepEqual(i('/foo/..', 'Exact'), [`${at}: Invalid value: "/foo/..": cannot end with '/..'`], 'exact: ending in /..');
  assert.deepEqual(i('/foo//bar/foo', 'ImplementationSpecific'), [], 'implementation specific: repeating slashes');
  assert.deepEqual(i('foo', 'ImplementationSpecific'), [`${at}: Invalid value: "foo": must be an absolute path`], 'implementation specific: no leading slash');
  assert.deepEqual(i('', 'ImplementationSpecific'), [], 'implementation specific: empty path');
});

test('TestValidateIngress and TestValidateIngressCreate', () => {
  const i = (o) => messages(o, 'networking.k8s.io', 'Ingress');
  assert.deepEqual(i(ingress({ defaultBackend: backend })), [], 'valid default backend');
  assert.deepEqual(i(ingress({})), ['spec: Invalid value: null: either `defaultBackend` or `rules` must be specified'], 'empty rules and no default backend');
  assert.deepEqual(i(ingress({ rules: [{ host: '127.0.0.1', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] })), ['spec.rules[0].host: Invalid value: "127.0.0.1": must be a DNS name, not an IP address'], 'invalid host (127.0.0.1)');
  assert.deepEqual(i(ingress({ rules: [{ host: '::1', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] })), ['spec.rules[0].host: Invalid value: "::1": must be a DNS name, not an IP address'], 'invalid host (::1)');
  assert.deepEqual(i(ingress({ rules: [{ host: 'foobar:80', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] })), [`spec.rules[0].host: Invalid value: "foobar:80": ${SUBDOMAIN_MSG}`], 'invalid host (foobar:80)');
  assert.deepEqual(i(ingress({ rules: [{ host: '*.bar.com', http: { paths: [{ path: 'foo', pathType: 'Prefix', backend }] } }] })), ['spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path'], 'v1: invalid rules with wildcard host');
  assert.deepEqual(i(ingress({ rules: [{ host: 'foo.bar.com', http: { paths: [] } }] })), ['spec.rules[0].http.paths: Required value'], 'no paths');
  assert.deepEqual(i(ingressPath('/foo', 'Prefix', { backend: { service: { name: 'svc', port: { number: 80 } }, resource: { apiGroup: 'example.com', kind: 'foo', name: 'bar' } } })), ['spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both resource and service backends'], 'path resource backend and service name are not allowed together');
  assert.deepEqual(i(ingressPath('/foo', 'Prefix', { backend: { service: { name: 'svc', port: { name: 'http', number: 80 } } } })), ['spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number'], 'backend with both port name and number');
  assert.deepEqual(i(ingressPath('/foo', 'Prefix', { backend: { service: { name: 'svc', port: {} } } })), ['spec.rules[0].http.paths[0].backend: Required value: port name or number is required'], 'backend without a port');
  assert.deepEqual(i(ingressPath('/foo', 'Prefix', { backend: { service: { name: 'svc', port: { number: 70000 } } } })), [`spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: ${PORT_RANGE}`], 'backend port out of range');
  assert.deepEqual(i(ingressPath('/foo', 'Prefix', { backend: { service: { name: '1svc', port: { number: 80 } } } })), [`spec.rules[0].http.paths[0].backend.service.name: Invalid value: "1svc": ${DNS1035_MSG}`], 'backend service name not a DNS-1035 label');
  assert.deepEqual(i(ingressPath('/foo', 'Prefix', { backend: { service: { name: 'svc', port: { name: 'Http' } } } })), ['spec.rules[0].http.paths[0].backend.service.port.name: Invalid value: "Http": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'], 'backend port name');
  // Not here: "v1: invalid secret" (TLS is not ported), "invalid path type" (the schema's enum),
  // ingressClassName and the class annotation.
});

test('TestValidateNetworkPolicy', () => {
  const n = (spec) => messages(networkPolicy(spec), 'networking.k8s.io', 'NetworkPolicy');
  assert.deepEqual(n({}), [], 'success');
  assert.deepEqual(n({ ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] }), [], 'namespaceSelector and podSelector');
  assert.deepEqual(n({ ingress: [{ ports: [{ protocol: 'TCP', port: 80, endPort: 90 }] }] }), [], 'valid endPort');
  assert.deepEqual(n({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { c: 'd' } }, ipBlock: { cidr: '192.168.0.0/16' } }] }] }), ['spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer'], 'namespaceSelector and ipBlock');
  assert.deepEqual(n({ ingress: [{ from: [{}] }], egress: [{ to: [{}] }] }), ['spec.ingress[0].from[0]: Required value: must specify a peer', 'spec.egress[0].to[0]: Required value: must specify a peer'], 'missing from and to type');
  assert.deepEqual(n({ ingress: [{ ports: [{ protocol: 'TCP', port: 123456789 }] }] }), [`spec.ingress[0].ports[0].port: Invalid value: 123456789: ${PORT_RANGE}`], 'invalid ingress.ports.port (int)');
  assert.deepEqual(n({ ingress: [{ ports: [{ protocol: 'TCP', port: '!@#$' }] }] }), [
    'spec.ingress[0].ports[0].port: Invalid value: "!@#$": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'spec.ingress[0].ports[0].port: Invalid value: "!@#$": must contain at least one letter (a-z)',
  ], 'invalid ingress.ports.port (str)');
  assert.deepEqual(n({ egress: [{ ports: [{ protocol: 'TCP', port: 80, endPort: 70 }] }] }), ['spec.egress[0].ports[0].endPort: Invalid value: 70: must be greater than or equal to `port`'], 'endPort smaller than port');
  assert.deepEqual(n({ egress: [{ ports: [{ protocol: 'TCP', port: 80, endPort: 65536 }] }] }), [`spec.egress[0].ports[0].endPort: Invalid value: 65536: ${PORT_RANGE}`], 'endPort out of range');
  assert.deepEqual(n({ egress: [{ ports: [{ protocol: 'TCP', port: 'http', endPort: 81 }] }] }), ['spec.egress[0].ports[0].endPort: Invalid value: 81: may not be specified when `port` is non-numeric'], 'endPort with a named port');
  assert.deepEqual(n({ egress: [{ ports: [{ protocol: 'TCP', endPort: 81 }] }] }), ['spec.egress[0].ports[0].endPort: Invalid value: 81: may not be specified when `port` is not specified'], 'endPort without a port');
  assert.deepEqual(n({ ingress: [{ from: [{ ipBlock: { cidr: '' } }] }] }), ['spec.ingress[0].from[0].ipBlock.cidr: Required value'], 'missing cidr field');
  assert.deepEqual(n({ policyTypes: ['Ingress', 'Egress', 'Ingress'] }), ['spec.policyTypes: Invalid value: ["Ingress","Egress","Ingress"]: may not specify more than two policyTypes'], 'too many policyTypes');
  // Not here: "invalid ingress.ports.protocol" (the schema's enum), CIDR syntax and except ranges
  // (not ported).
});

// -----------------------------------------------------------------------------------------------
// pkg/apis/rbac/validation/validation_test.go
test('TestValidateRoleBinding and TestValidateClusterRoleBinding', () => {
  const rb = (o) => messages(rbac('RoleBinding', o), RBAC, 'RoleBinding');
  const crb = (o) => messages(rbac('ClusterRoleBinding', o), RBAC, 'ClusterRoleBinding');
  const subjects = [{ name: 'validsaname', apiGroup: '', namespace: 'foo', kind: 'ServiceAccount' }, { name: 'valid@username', apiGroup: RBAC, kind: 'User' }, { name: 'valid@groupname', apiGroup: RBAC, kind: 'Group' }];
  assert.deepEqual(rb({ roleRef: { apiGroup: RBAC, kind: 'Role', name: 'valid' }, subjects }), [], 'valid RoleBinding');
  assert.deepEqual(crb({ roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'valid' }, subjects }), [], 'valid ClusterRoleBinding');
  // rbac/v1 defaulting: the roleRef's and a User's or Group's apiGroup; a RoleBinding's
  // ServiceAccount subject may omit the namespace.
  assert.deepEqual(rb({ roleRef: { apiGroup: '', kind: 'Role', name: 'valid' }, subjects: [{ kind: 'User', name: 'u' }, { kind: 'ServiceAccount', name: 'sa' }] }), [], 'defaulted apiGroups');
  assert.deepEqual(rb({ roleRef: { apiGroup: 'rbac.GroupName', kind: 'ClusterRole', name: 'valid' } }), ['roleRef.apiGroup: Unsupported value: "rbac.GroupName": supported values: "rbac.authorization.k8s.io"'], 'bad group');
  assert.deepEqual(rb({ roleRef: { apiGroup: RBAC, kind: 'Type', name: 'valid' } }), ['roleRef.kind: Unsupported value: "Type": supported values: "Role", "ClusterRole"'], 'bad kind');
  assert.deepEqual(crb({ roleRef: { apiGroup: RBAC, kind: 'Role', name: 'valid' } }), ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"'], 'reference role');
  assert.deepEqual(rb({ roleRef: { apiGroup: RBAC, kind: 'Role', name: '' } }), ['roleRef.name: Required value'], 'bad role');
  assert.deepEqual(rb({ roleRef: { apiGroup: RBAC, kind: 'Role', name: 'a/b' } }), ['roleRef.name: Invalid value: "a/b": may not contain \'/\''], 'bad role name');
  const ref = { apiGroup: RBAC, kind: 'ClusterRole', name: 'valid' };
  assert.deepEqual(crb({ roleRef: ref, subjects: [{ name: 'subject' }] }), ['subjects[0].kind: Unsupported value: "": supported values: "ServiceAccount", "User", "Group"'], 'bad subject kind');
  assert.deepEqual(crb({ roleRef: ref, subjects: [{ name: 'subject:bad', kind: 'ServiceAccount', namespace: 'foo' }] }), [`subjects[0].name: Invalid value: "subject:bad": ${SUBDOMAIN_MSG}`], 'bad subject name');
  assert.deepEqual(crb({ roleRef: ref, subjects: [{ name: 'good', kind: 'ServiceAccount' }] }), ['subjects[0].namespace: Required value'], 'missing SA namespace');
  assert.deepEqual(crb({ roleRef: ref, subjects: [{ name: '', kind: 'User' }] }), ['subjects[0].name: Required value'], 'missing subject name');
  assert.deepEqual(crb({ roleRef: ref, subjects: [{ name: 'u', kind: 'User', apiGroup: 'foo' }] }), ['subjects[0].apiGroup: Unsupported value: "foo": supported values: "rbac.authorization.k8s.io"'], 'bad user apiGroup');
  assert.deepEqual(crb({ roleRef: ref, subjects: [{ name: 'sa', kind: 'ServiceAccount', namespace: 'foo', apiGroup: RBAC }] }), ['subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""'], 'bad SA apiGroup');
});

test('TestValidateRole*: policy rules', () => {
  const role = (rules) => messages(rbac('Role', { rules }), RBAC, 'Role');
  const clusterRole = (o) => messages(rbac('ClusterRole', o), RBAC, 'ClusterRole');
  assert.deepEqual(role([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]), [], 'TestValidateRoleValidRule');
  assert.deepEqual(role([{ verbs: ['get'], nonResourceURLs: ['/*'] }]), ['rules[0].nonResourceURLs: Invalid value: ["/*"]: namespaced rules cannot apply to non-resource URLs'], 'TestValidateRoleNamespacedNonResourceURL');
  assert.deepEqual(role([{ verbs: ['get'], resources: ['pods'] }]), ['rules[0].apiGroups: Required value: resource rules must supply at least one api group'], 'TestValidateRoleNoAPIGroup');
  assert.deepEqual(role([{ verbs: ['get'], apiGroups: [''] }]), ['rules[0].resources: Required value: resource rules must supply at least one resource'], 'TestValidateRoleNoResources');
  assert.deepEqual(clusterRole({ rules: [{ verbs: [], nonResourceURLs: ['/*'] }] }), ['rules[0].verbs: Required value: verbs must contain at least one value'], 'TestValidateClusterRoleNonResourceURLNoVerbs');
  assert.deepEqual(clusterRole({ rules: [{ verbs: ['get'], nonResourceURLs: ['/*'] }] }), [], 'TestValidateClusterRoleNonResourceURL');
  assert.deepEqual(clusterRole({ rules: [{ verbs: ['get'], nonResourceURLs: ['/*'], resources: ['pods'] }] }), ['rules[0].nonResourceURLs: Invalid value: ["/*"]: rules cannot apply to both regular resources and non-resource URLs'], 'TestValidateRoleMixedNonResourceAndResource');
  assert.deepEqual(clusterRole({ aggregationRule: { clusterRoleSelectors: [] } }), ['aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil'], 'TestValidateAggregatedClusterRoleNoSelectors');
  assert.deepEqual(clusterRole({ aggregationRule: { clusterRoleSelectors: [{ matchLabels: { foo: 'bar' } }] } }), [], 'TestValidateAggregatedClusterRole');
});
