/** New-object snippets (LSP snippet syntax) with the fields the API server requires filled in. */
export interface Snippet {
  label: string;
  description: string;
  body: string;
}

export const SNIPPETS: Snippet[] = [
  {
    label: 'Deployment',
    description: 'apps/v1 Deployment with one container',
    body: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${1:app}
  labels:
    app.kubernetes.io/name: \${1:app}
spec:
  replicas: \${2:1}
  selector:
    matchLabels:
      app.kubernetes.io/name: \${1:app}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: \${1:app}
    spec:
      containers:
      - name: \${3:main}
        image: \${4:nginx:1.27}
        ports:
        - name: http
          containerPort: \${5:8080}
`,
  },
  {
    label: 'Service',
    description: 'v1 Service (ClusterIP) selecting pods by label',
    body: `apiVersion: v1
kind: Service
metadata:
  name: \${1:app}
spec:
  selector:
    app.kubernetes.io/name: \${1:app}
  ports:
  - name: http
    port: \${2:80}
    targetPort: \${3:http}
`,
  },
  {
    label: 'ConfigMap',
    description: 'v1 ConfigMap',
    body: `apiVersion: v1
kind: ConfigMap
metadata:
  name: \${1:config}
data:
  \${2:key}: "\${3:value}"
`,
  },
  {
    label: 'Ingress',
    description: 'networking.k8s.io/v1 Ingress routing a path to a Service',
    body: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: \${1:app}
spec:
  rules:
  - host: \${2:example.com}
    http:
      paths:
      - path: \${3:/}
        pathType: \${4|Prefix,Exact,ImplementationSpecific|}
        backend:
          service:
            name: \${5:app}
            port:
              name: \${6:http}
`,
  },
  {
    label: 'Job',
    description: 'batch/v1 Job running one container to completion',
    body: `apiVersion: batch/v1
kind: Job
metadata:
  name: \${1:job}
spec:
  backoffLimit: \${2:3}
  template:
    spec:
      restartPolicy: \${3|Never,OnFailure|}
      containers:
      - name: \${4:main}
        image: \${5:busybox:1.36}
        command: [\${6:"echo", "done"}]
`,
  },
];
