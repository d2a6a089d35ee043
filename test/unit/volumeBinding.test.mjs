// Volumes in the simulator: the PV controller (pv_controller.go), the external provisioner
// (sig-storage-lib-external-provisioner), the scheduler's VolumeBinding PreBind (binder.go), and how
// a StatefulSet's OrderedReady pods that are not created are reported. Exact objects and messages.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, cluster, codeLenses, explainScheduling, manifestsOf } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';

const analyzer = new Analyzer(schemasDir);
const OPTIONS = { kubernetesVersion: '1.35', defaultNamespace: 'default' };

function run(text) {
  const manifests = manifestsOf(analyzer, [{ file: 'app.yaml', text }]);
  const result = cluster.simulate(manifests, cluster.resolveProfile(manifests, undefined), OPTIONS);
  return { result, manifests };
}
const object = (r, kind, name) => r.objects.find((o) => o.kind === kind && o.metadata.name === name);
const claimEvents = (r) => r.events.filter((e) => e.object.startsWith('PersistentVolumeClaim/') && e.component === 'kube-controller-manager').map((e) => `${e.type} ${e.reason} ${e.object}: ${e.message}`);
const WAITING = (provisioner) =>
  `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;

const POD = (claim, extra = '') => `---
apiVersion: v1
kind: Pod
metadata: {name: app}
spec:${extra}
  containers: [{name: c, image: nginx:1.27}]
  volumes: [{name: v, persistentVolumeClaim: {claimName: ${claim}}}]
`;

test('Immediate class with a provisioner: the claim is provisioned and bound before the scheduler places its pod', () => {
  const r = run(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: ebs.csi.aws.com
reclaimPolicy: Retain
mountOptions: [noatime]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: fast, accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
${POD('data')}`).result;
  const claim = object(r, 'PersistentVolumeClaim', 'data');
  const pvName = `pvc-${claim.metadata.uid}`;
  assert.deepEqual(claimEvents(r), [
    `Normal ExternalProvisioning PersistentVolumeClaim/default/data: ${WAITING('ebs.csi.aws.com')}`,
    'Normal Provisioning PersistentVolumeClaim/default/data: External provisioner is provisioning volume for claim "default/data"',
    `Normal ProvisioningSucceeded PersistentVolumeClaim/default/data: Successfully provisioned volume ${pvName}`,
  ]);
  assert.deepEqual(claim.metadata.annotations, {
    'volume.beta.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
    'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
    'pv.kubernetes.io/bind-completed': 'yes',
    'pv.kubernetes.io/bound-by-controller': 'yes',
  });
  assert.equal(claim.spec.volumeName, pvName);
  assert.deepEqual(claim.status, { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } });
  const pv = object(r, 'PersistentVolume', pvName);
  assert.deepEqual(pv.metadata.annotations, { 'pv.kubernetes.io/provisioned-by': 'ebs.csi.aws.com' });
  assert.deepEqual(pv.spec, {
    accessModes: ['ReadWriteOnce'],
    capacity: { storage: '5Gi' },
    claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'data', namespace: 'default', resourceVersion: pv.spec.claimRef.resourceVersion, uid: claim.metadata.uid },
    mountOptions: ['noatime'],
    persistentVolumeReclaimPolicy: 'Retain',
    storageClassName: 'fast',
    volumeMode: 'Filesystem',
  });
  assert.deepEqual(pv.status, { phase: 'Bound' });
  assert.equal(object(r, 'Pod', 'app').status.phase, 'Running');
  // Provisioned before the pod is scheduled.
  const reasons = r.events.map((e) => e.reason);
  assert.ok(reasons.indexOf('ProvisioningSucceeded') < reasons.indexOf('Scheduled'));
});

test('WaitForFirstConsumer (the default class standard, rancher.io/local-path): provisioned at PreBind on the pod\'s node, a hostPath pinned by kubernetes.io/hostname', () => {
  const r = run(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: cache}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}
${POD('cache', '\n  nodeSelector: {kubernetes.io/hostname: worker-3}')}`).result;
  const claim = object(r, 'PersistentVolumeClaim', 'cache');
  const pvName = `pvc-${claim.metadata.uid}`;
  assert.deepEqual(
    r.events.filter((e) => e.component !== 'kubelet' && e.reason !== 'Created').map((e) => `${e.reason} ${e.object}`),
    [
      'WaitForFirstConsumer PersistentVolumeClaim/default/cache',
      'ExternalProvisioning PersistentVolumeClaim/default/cache',
      'Provisioning PersistentVolumeClaim/default/cache',
      'ProvisioningSucceeded PersistentVolumeClaim/default/cache',
      'Scheduled Pod/default/app',
    ],
  );
  assert.equal(r.events.find((e) => e.reason === 'WaitForFirstConsumer').message, 'waiting for first consumer to be created before binding');
  assert.equal(claim.metadata.annotations['volume.kubernetes.io/selected-node'], 'worker-3');
  assert.equal(claim.spec.storageClassName, 'standard');
  const pv = object(r, 'PersistentVolume', pvName);
  assert.deepEqual(pv.spec.nodeAffinity, { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-3'] }] }] } });
  assert.deepEqual(pv.spec.hostPath, { path: `/opt/local-path-provisioner/${pvName}_default_cache`, type: 'DirectoryOrCreate' });
  assert.equal(pv.spec.persistentVolumeReclaimPolicy, 'Delete');
});

test('WaitForFirstConsumer with allowedTopologies: the volume\'s node affinity is the class\'s keys with the chosen node\'s values', () => {
  const r = run(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: zonal}
provisioner: pd.csi.storage.gke.io
volumeBindingMode: WaitForFirstConsumer
allowedTopologies: [{matchLabelExpressions: [{key: topology.kubernetes.io/zone, values: [zone-b]}]}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: zonal, accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
${POD('data')}`).result;
  assert.equal(object(r, 'Pod', 'app').spec.nodeName, 'worker-2');
  const pv = r.objects.find((o) => o.kind === 'PersistentVolume');
  assert.deepEqual(pv.spec.nodeAffinity.required.nodeSelectorTerms, [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-b'] }] }]);
});

const STATIC = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: manual}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: Immediate
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: big}
spec: {storageClassName: manual, capacity: {storage: 100Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /big}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: small}
spec: {storageClassName: manual, capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /small}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: rwx}
spec: {storageClassName: manual, capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce, ReadWriteMany], hostPath: {path: /rwx}}
`;

test('no-provisioner class, Immediate: the smallest volume of the fewest access modes that fits; the others Available; no event', () => {
  const r = run(`${STATIC}---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
${POD('data')}`).result;
  assert.deepEqual(claimEvents(r), []);
  const claim = object(r, 'PersistentVolumeClaim', 'data');
  assert.equal(claim.spec.volumeName, 'small');
  assert.deepEqual(claim.metadata.annotations, { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
  assert.deepEqual(claim.status, { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } });
  const small = object(r, 'PersistentVolume', 'small');
  assert.deepEqual(small.metadata.annotations, { 'pv.kubernetes.io/bound-by-controller': 'yes' });
  assert.deepEqual(small.spec.claimRef, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'data', namespace: 'default', resourceVersion: small.spec.claimRef.resourceVersion, uid: claim.metadata.uid });
  assert.deepEqual(['big', 'small', 'rwx'].map((n) => object(r, 'PersistentVolume', n).status.phase), ['Available', 'Bound', 'Available']);
  // A ReadWriteMany claim takes the only volume that has the mode.
  const rwx = run(`${STATIC}---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: shared}
spec: {storageClassName: manual, accessModes: [ReadWriteMany], resources: {requests: {storage: 1Gi}}}
`).result;
  assert.equal(object(rwx, 'PersistentVolumeClaim', 'shared').spec.volumeName, 'rwx');
});

test('no volume fits: ProvisioningFailed for a no-provisioner class, FailedBinding without a class; the pod has unbound immediate claims; a class nothing shows is assumed and provisions', () => {
  const { result: r, manifests } = run(`${STATIC}---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 500Gi}}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: none}
spec: {storageClassName: "", accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ghost}
spec: {storageClassName: missing, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
${POD('data')}`);
  assert.deepEqual(claimEvents(r), [
    'Warning ProvisioningFailed PersistentVolumeClaim/default/data: no volume plugin matched name: kubernetes.io/no-provisioner',
    'Normal FailedBinding PersistentVolumeClaim/default/none: no persistent volumes available for this claim and no storage class is set',
    'Normal Provisioning PersistentVolumeClaim/default/ghost: StorageClass "missing" is not in these manifests, assumed to exist (KP193): its provisioner, unknown here, is assumed to provision the claim at once',
    `Normal ProvisioningSucceeded PersistentVolumeClaim/default/ghost: Successfully provisioned volume pvc-${object(r, 'PersistentVolumeClaim', 'ghost').metadata.uid}`,
  ]);
  assert.deepEqual(['data', 'none', 'ghost'].map((n) => object(r, 'PersistentVolumeClaim', n).status.phase), ['Pending', 'Pending', 'Bound']);
  const ghostVolume = object(r, 'PersistentVolume', `pvc-${object(r, 'PersistentVolumeClaim', 'ghost').metadata.uid}`);
  assert.deepEqual([ghostVolume.metadata.annotations, ghostVolume.spec.storageClassName, ghostVolume.spec.persistentVolumeReclaimPolicy, ghostVolume.spec.nodeAffinity, ghostVolume.status], [undefined, 'missing', 'Delete', undefined, { phase: 'Bound' }]);
  assert.deepEqual(cluster.schedulingFindings(r, manifests, 'default').map((f) => `${f.code} ${f.message}`), [
    'KP153 the pod would not be scheduled: 0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
  ]);
});

test('no-provisioner class, WaitForFirstConsumer: the volume on a node the pod can run on is bound at PreBind; without one the claim waits for its pod', () => {
  const local = (node) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: ssd}
spec:
  storageClassName: local
  capacity: {storage: 50Gi}
  accessModes: [ReadWriteOnce]
  local: {path: /mnt/ssd}
  nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [${node}]}]}]}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: scratch}
spec: {storageClassName: local, accessModes: [ReadWriteOnce], resources: {requests: {storage: 20Gi}}}
${POD('scratch')}`;
  const r = run(local('worker-2')).result;
  assert.equal(object(r, 'Pod', 'app').spec.nodeName, 'worker-2');
  const claim = object(r, 'PersistentVolumeClaim', 'scratch');
  assert.equal(claim.spec.volumeName, 'ssd');
  assert.equal(claim.metadata.annotations['volume.kubernetes.io/selected-node'], undefined);
  assert.deepEqual(object(r, 'PersistentVolume', 'ssd').status, { phase: 'Bound' });
  assert.deepEqual(claimEvents(r), ['Normal WaitForFirstConsumer PersistentVolumeClaim/default/scratch: waiting for first consumer to be created before binding']);
  // The volume is on the tainted control plane: no node fits, the claim waits for the pod.
  const none = run(local('control-plane')).result;
  assert.deepEqual(claimEvents(none), [
    'Normal WaitForFirstConsumer PersistentVolumeClaim/default/scratch: waiting for first consumer to be created before binding',
    'Normal WaitForPodScheduled PersistentVolumeClaim/default/scratch: waiting for pod app to be scheduled',
  ]);
  assert.equal(none.events.find((e) => e.reason === 'FailedScheduling').message.split('. ')[0], "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't find available persistent volumes to bind");
});

const STATEFULSET = (policy, cpu) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 3${policy ? `\n  podManagementPolicy: ${policy}` : ''}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: nginx:1.27, resources: {requests: {cpu: "${cpu}"}}}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
const NOT_HELPFUL = 'no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.';

test('OrderedReady with web-0 unschedulable: KP153 counts the 3 replicas and says web-1 and web-2 wait for web-0; the lens says 0/3', () => {
  const text = STATEFULSET(undefined, 8);
  const { result: r, manifests } = run(text);
  assert.deepEqual(r.objects.filter((o) => o.kind === 'Pod').map((p) => p.metadata.name), ['web-0']);
  assert.deepEqual(cluster.schedulingByWorkload(r).get('StatefulSet/default/web').waiting, { pods: ['web-1', 'web-2'], for: 'web-0' });
  assert.deepEqual(cluster.schedulingFindings(r, manifests, 'default').map((f) => `${f.code} ${f.message}`), [
    `KP153 1/3 replicas would not be scheduled: 0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. ${NOT_HELPFUL} web-1, web-2 not created: waiting for web-0 to be Running and Ready (podManagementPolicy OrderedReady).`,
  ]);
  assert.deepEqual(codeLenses(analyzer, text, 'default', '1.35', r).map((l) => l.title).slice(1), ['0/3 replicas schedulable — Explain']);
  assert.equal(explainScheduling(cluster.schedulingByWorkload(r).get('StatefulSet/default/web')).notCreated, 'web-1, web-2 not created: waiting for web-0 to be Running and Ready (podManagementPolicy OrderedReady)');
});

test('Parallel: every replica is created and scheduled on its own; nothing waits', () => {
  const text = STATEFULSET('Parallel', 3).replace('replicas: 3', 'replicas: 4');
  const { result: r, manifests } = run(text);
  assert.deepEqual(r.objects.filter((o) => o.kind === 'Pod').map((p) => `${p.metadata.name}@${p.spec.nodeName ?? '-'}`), ['web-0@worker-1', 'web-1@worker-2', 'web-2@worker-3', 'web-3@-']);
  assert.equal(cluster.schedulingByWorkload(r).get('StatefulSet/default/web').waiting, undefined);
  assert.equal(explainScheduling(cluster.schedulingByWorkload(r).get('StatefulSet/default/web')).notCreated, null);
  assert.deepEqual(cluster.schedulingFindings(r, manifests, 'default').map((f) => `${f.code} ${f.message}`), [
    'KP153 1/4 replicas would not be scheduled: 0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
  ]);
  // Each bound claim's volume is on its pod's node.
  for (const pod of r.objects.filter((o) => o.kind === 'Pod' && o.spec.nodeName)) {
    const claim = object(r, 'PersistentVolumeClaim', `data-${pod.metadata.name}`);
    const pv = object(r, 'PersistentVolume', claim.spec.volumeName);
    assert.deepEqual(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values, [pod.spec.nodeName]);
  }
  assert.deepEqual(object(r, 'PersistentVolumeClaim', 'data-web-3').status, { phase: 'Pending' });
});

test('OrderedReady with web-0 scheduled and Ready: all created, no waiting', () => {
  const { result: r } = run(STATEFULSET(undefined, '100m'));
  assert.deepEqual(r.objects.filter((o) => o.kind === 'Pod').map((p) => p.metadata.name), ['web-0', 'web-1', 'web-2']);
  assert.equal(cluster.schedulingByWorkload(r).get('StatefulSet/default/web').waiting, undefined);
  assert.deepEqual(r.objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((c) => c.status.phase), ['Bound', 'Bound', 'Bound']);
});

test('a claim that names its volume (spec.volumeName) is bound to it, even past a smaller one; the claim is not marked bound-by-controller', () => {
  const r = run(`${STATIC}---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: manual, volumeName: big, accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
`).result;
  const claim = object(r, 'PersistentVolumeClaim', 'data');
  assert.equal(claim.spec.volumeName, 'big');
  assert.deepEqual(claim.metadata.annotations, { 'pv.kubernetes.io/bind-completed': 'yes' });
  assert.deepEqual(claim.status, { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '100Gi' } });
  assert.deepEqual(object(r, 'PersistentVolume', 'big').metadata.annotations, { 'pv.kubernetes.io/bound-by-controller': 'yes' });
});

test('many replicas waiting: named as a range', () => {
  const { result: r, manifests } = run(STATEFULSET(undefined, 8).replace('replicas: 3', 'replicas: 10'));
  assert.deepEqual(cluster.schedulingFindings(r, manifests, 'default').map((f) => f.message), [
    `1/10 replicas would not be scheduled: 0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. ${NOT_HELPFUL} web-1 to web-9 (9 pods) not created: waiting for web-0 to be Running and Ready (podManagementPolicy OrderedReady).`,
  ]);
});

test('a volume reserved for a claim (claimRef without uid) is Available, then bound to that claim only', () => {
  const reserved = `apiVersion: v1
kind: PersistentVolume
metadata: {name: reserved}
spec: {storageClassName: manual, capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /r}, claimRef: {name: mine, namespace: default}}
`;
  const alone = run(reserved).result;
  assert.deepEqual(object(alone, 'PersistentVolume', 'reserved').status, { phase: 'Available' });
  const r = run(`${reserved}---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: other}
spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: mine}
spec: {storageClassName: manual, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`).result;
  assert.deepEqual(['other', 'mine'].map((n) => object(r, 'PersistentVolumeClaim', n).spec.volumeName ?? null), [null, 'reserved']);
  const pv = object(r, 'PersistentVolume', 'reserved');
  assert.deepEqual(pv.spec.claimRef, { name: 'mine', namespace: 'default', uid: object(r, 'PersistentVolumeClaim', 'mine').metadata.uid });
  assert.equal(pv.metadata.annotations, undefined);
  assert.deepEqual(pv.status, { phase: 'Bound' });
});

test('a claim of a class nothing shows: assumed and provisioned, its pod scheduled; missing when the cluster file lists every class, or when only volumes carry the name (static provisioning)', () => {
  const claim = (cls) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: ${cls}, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
  const assumed = run(claim('gp3') + POD('data')).result;
  assert.deepEqual([object(assumed, 'PersistentVolumeClaim', 'data').status.phase, object(assumed, 'Pod', 'app').status.phase], ['Bound', 'Running']);

  const text = claim('gp3') + POD('data');
  const manifests = manifestsOf(analyzer, [{ file: 'app.yaml', text }]);
  const clusterText = `apiVersion: kubeplan.dev/v1alpha1
kind: ClusterProfile
metadata: {name: prod}
spec: {authoritative: [storageClasses]}
`;
  const listed = cluster.simulate(manifests, cluster.resolveProfile(manifests, { name: 'cluster.yaml', manifests: manifestsOf(analyzer, [{ file: 'cluster.yaml', text: clusterText }]) }), OPTIONS);
  assert.deepEqual(claimEvents(listed), ['Warning ProvisioningFailed PersistentVolumeClaim/default/data: storageclass.storage.k8s.io "gp3" not found']);
  assert.deepEqual(cluster.schedulingFindings(listed, manifests, 'default').map((f) => f.code), ['KP153']);

  const staticOnly = run(`apiVersion: v1
kind: PersistentVolume
metadata: {name: small}
spec: {storageClassName: manual, capacity: {storage: 1Gi}, accessModes: [ReadOnlyMany], hostPath: {path: /s}}
---
${claim('manual')}${POD('data')}`).result;
  assert.deepEqual(claimEvents(staticOnly), ['Warning ProvisioningFailed PersistentVolumeClaim/default/data: storageclass.storage.k8s.io "manual" not found']);
  assert.equal(object(staticOnly, 'Pod', 'app').spec.nodeName, undefined);
});

test('an assumed class provisions every claim of it: two claims, a StatefulSet\'s three claims; a provisioner\'s volume of that name does not make it static', () => {
  const claim = (name) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ${name}}
spec: {storageClassName: gp3, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
`;
  const two = run(claim('one') + claim('two')).result;
  assert.deepEqual(['one', 'two'].map((n) => object(two, 'PersistentVolumeClaim', n).status.phase), ['Bound', 'Bound']);
  const sts = run(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16, resources: {requests: {cpu: 100m, memory: 64Mi}}, volumeMounts: [{name: data, mountPath: /d}]}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {storageClassName: gp3, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`).result;
  assert.deepEqual(['db-0', 'db-1', 'db-2'].map((n) => [object(sts, 'PersistentVolumeClaim', `data-${n}`).status.phase, object(sts, 'Pod', n).status.phase]), [['Bound', 'Running'], ['Bound', 'Running'], ['Bound', 'Running']]);
  const provisioned = run(`apiVersion: v1
kind: PersistentVolume
metadata: {name: pvc-old, annotations: {pv.kubernetes.io/provisioned-by: ebs.csi.aws.com}}
spec: {storageClassName: gp3, capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], claimRef: {name: old, namespace: default, uid: u-old}, csi: {driver: ebs.csi.aws.com, volumeHandle: vol-1}}
---
${claim('new')}`).result;
  assert.equal(object(provisioned, 'PersistentVolumeClaim', 'new').status.phase, 'Bound');
});
