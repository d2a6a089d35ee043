/**
 * A deterministic 500-file workspace: 125 applications, each a folder with its Deployment, Service,
 * ConfigMap and Job, the Service selecting its Deployment's pods in the same namespace.
 */
export function workspace500() {
  const files = {};
  for (let i = 0; i < 125; i++) {
    const name = `app-${i}`;
    const ns = `team-${i % 7}`;
    files[`${name}/deployment.yaml`] = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app: ${name}}
spec:
  replicas: ${(i % 3) + 1}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}, tier: backend}
    spec:
      containers:
      - name: main
        image: registry.example.com/${name}:1.${i % 10}
        ports:
        - {name: http, containerPort: 8080}
        envFrom:
        - configMapRef: {name: ${name}-config}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: 500m, memory: 512Mi}
        readinessProbe:
          httpGet: {path: /healthz, port: http}
`;
    files[`${name}/service.yaml`] = `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector: {app: ${name}}
  ports:
  - {name: http, port: 80, targetPort: http}
`;
    files[`${name}/configmap.yaml`] = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
data:
  LOG_LEVEL: info
`;
    files[`${name}/job.yaml`] = `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}-migrate
  namespace: ${ns}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: registry.example.com/migrate:${i}
        resources:
          requests: {cpu: 50m, memory: 64Mi}
          limits: {cpu: 50m, memory: 64Mi}
`;
  }
  return files;
}
