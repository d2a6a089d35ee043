/**
 * The editor tests' workspace files and what kubeplan must report on them, exactly as
 * `kubeplan check` prints it (test/e2e/vscode.test.mjs checks that the CLI still agrees). Shared by
 * test/e2e (code-server) and scripts/test-vscode.mjs (desktop VS Code, via test/vscode/suite.cjs).
 * The manifests carry resources so that only the planted mistakes are reported.
 */
export const BROKEN = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: "2"
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: web
        image: nginx:1.27
        imagePullPolicyy: Always
        env:
        - name: FEATURE_CHECKOUT
          value: yes
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
          limits:
            memory: 128Mi
`;
// No "imagePullPolicy" anywhere in it, and word-based suggestions are off: a suggestion of it can
// only come from kubeplan.
export const COMPLETION = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
`;

/** What `node dist/cli.js check broken.yaml` prints, as the Problems panel must show it. */
export const EXPECTED_PROBLEMS = [
  { file: 'broken.yaml', severity: 'error', message: 'spec.replicas must be an integer, not a string ("2")', source: 'kubeplan', code: 'KP122', position: '[Ln 6, Col 13]' },
  { file: 'broken.yaml', severity: 'error', message: 'unknown field "spec.template.spec.containers[0].imagePullPolicyy" (did you mean "imagePullPolicy"?)', source: 'kubeplan', code: 'KP120', position: '[Ln 18, Col 9]' },
  { file: 'broken.yaml', severity: 'error', message: 'unquoted yes is a YAML 1.1 boolean: Kubernetes reads it as true, but spec.template.spec.containers[0].env[0].value must be a string; quote it: "yes"', source: 'kubeplan', code: 'KP124', position: '[Ln 21, Col 18]' },
];
// Removed in 1.25: an error for the default 1.35, a deprecation warning for 1.24.
export const CRONJOB = `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: job
            image: busybox
            resources:
              requests:
                cpu: 100m
                memory: 64Mi
              limits:
                memory: 64Mi
`;
export const CRONJOB_AT_1_35 = [{ file: 'cronjob.yaml', severity: 'error', message: 'batch/v1beta1 CronJob was removed in Kubernetes 1.25: use batch/v1', source: 'kubeplan', code: 'KP111', position: '[Ln 1, Col 13]' }];
export const CRONJOB_AT_1_24 = [{ file: 'cronjob.yaml', severity: 'warning', message: 'batch/v1beta1 CronJob is deprecated in Kubernetes 1.24 and removed in 1.25: use batch/v1', source: 'kubeplan', code: 'KP112', position: '[Ln 1, Col 13]' }];
export const REPLICAS_DESCRIPTION = 'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.';
export const VERSIONS = ['1.35', '1.34', '1.33', '1.32', '1.31', '1.30', '1.29', '1.28', '1.27', '1.26', '1.25', '1.24', '1.23'];

/** The Deployment of the resources issue: two containers with limits only, two replicas. */
export const LENS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: app
        image: api:1.0
        resources:
          limits: {cpu: 1500m, memory: 1536Mi}
      - name: log
        image: fluent-bit:3.0
        resources:
          limits: {cpu: 1500m, memory: 1536Mi}
`;
export const LENS_TITLE = 'requests cpu 3, memory 3Gi · limits cpu 3, memory 3Gi · Guaranteed · ×2 replicas = cpu 6, memory 6Gi';

/** The scheduling lens joins the resources lens on the same line (VS Code separates them with " | "). */
export const LENS_LINE = `${LENS_TITLE}\u00a0|\u00a0schedulable: 2/2 replicas → worker-2, worker-3`;

/**
 * Three replicas of 2 cpu beside the other files' pods on the default cluster (three workers of 4
 * cpu, a tainted control plane): one fits, two don't.
 */
export const SCHEDULE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: batch
spec:
  replicas: 3
  selector:
    matchLabels: {app: batch}
  template:
    metadata:
      labels: {app: batch}
    spec:
      containers:
      - name: worker
        image: busybox:1.36
        resources:
          requests: {cpu: "2", memory: 1Gi}
          limits: {memory: 1Gi}
`;
export const SCHEDULE_LENS_LINE = 'requests cpu 2, memory 1Gi · limits memory 1Gi · Burstable · ×3 replicas = cpu 6, memory 3Gi\u00a0|\u00a02/3 replicas schedulable — Explain';
/** kube-scheduler's FitError for the replica left, by the Kubernetes version of the workspace. */
export const SCHEDULE_FIT_ERROR = {
  '1.24': '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
  '1.35': '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
};
export const SCHEDULE_PODS = ['Pod default/batch-5d6f9948fd-mqrb5 → worker-1', 'Pod default/batch-5d6f9948fd-gd729 → worker-1', 'Pod default/batch-5d6f9948fd-dff4l → unschedulable'];

/**
 * A kustomize overlay (rendered by the kubectl on PATH): the base's Deployment is valid alone; the
 * staging overlay's patch lowers the cpu limit below the base's request, which the rendered object
 * shows, on the base file's request.
 */
export const OVERLAY_FILES = {
  'overlay/base/kustomization.yaml': 'resources:\n- web.yaml\n',
  'overlay/base/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 0
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {cpu: 500m, memory: 128Mi}
`,
  'overlay/staging/kustomization.yaml': 'namePrefix: staging-\nresources:\n- ../base\npatches:\n- path: limits-patch.yaml\n',
  'overlay/staging/limits-patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        resources:
          limits: {cpu: 50m}
`,
};
export const OVERLAY_PROBLEMS = [{ file: 'web.yaml', severity: 'error', message: 'spec.template.spec.containers[0].resources.requests: Invalid value: "100m": must be less than or equal to cpu limit of 50m', source: 'kubeplan', code: 'KP140', position: '[Ln 17, Col 27]' }];
