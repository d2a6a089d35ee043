/** A deterministic 2,000-document manifest: Deployments, Services, ConfigMaps, a few mistakes. */
export function manifest2000() {
  const docs = [];
  for (let i = 0; i < 2000; i++) {
    const name = `app-${i}`;
    switch (i % 4) {
      case 0:
        docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: team-${i % 7}
  labels: {app: ${name}, tier: backend}
spec:
  replicas: ${(i % 5) + 1}
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
        - {name: http, containerPort: 8080, protocol: TCP}
        env:
        - {name: MODE, value: "production"}
        - {name: INDEX, value: "${i}"}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: 500m, memory: 512Mi}
        readinessProbe:
          httpGet: {path: /healthz, port: http}
`);
        break;
      case 1:
        docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: team-${i % 7}
spec:
  selector: {app: app-${i - 1}}
  ports:
  - {name: http, port: 80, targetPort: http}
`);
        break;
      case 2:
        docs.push(`apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: team-${i % 7}
data:
  LOG_LEVEL: info
  FEATURE_X: "${i % 2 === 0 ? 'on' : 'off'}"
`);
        break;
      default:
        docs.push(`apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}-migrate
  namespace: team-${i % 7}
spec:
  backoffLimit: ${i % 50 === 3 ? '"3"' : 3}
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: registry.example.com/migrate:${i}
        args: ["--to", "latest"]
`);
    }
  }
  return docs.join('---\n');
}
