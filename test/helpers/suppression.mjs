// One file with a finding of each source — the document checks (KP130), the workspace's assumptions
// (KP116), the simulation (KP160) — and the same file silenced by each form. Shared by the CLI and the
// language server tests of suppression.

/**
 * 0-based lines: KP116 on 4 (the Service's namespace), KP160 on 6 (its selector: the one pod it
 * selects is never Ready), KP130 on 13.
 */
export const BASE = `apiVersion: v1
kind: Service
metadata:
  name: lonely
  namespace: team-a
spec:
  selector: {app: nobody}
  ports: [{port: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  namespace: team-a
  name: Bad_Name
---
apiVersion: v1
kind: Pod
metadata:
  namespace: team-a
  name: nobody
  labels: {app: nobody}
  annotations: {kubeplan.dev/ready: "false"}
spec:
  containers: [{name: c, image: nginx:1.27, resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 100m, memory: 64Mi}}}]
`;

export const CODES = ['KP116', 'KP160', 'KP130'];

const insertBefore = (text, line, comment) => {
  const lines = text.split('\n');
  lines.splice(line, 0, comment);
  return lines.join('\n');
};

/** Each form of silencing, as the text and the settings (kubeplan.severity) it needs. */
export const FORMS = {
  'next-line comments': {
    text: insertBefore(insertBefore(insertBefore(BASE, 13, '  # kubeplan-disable-next-line KP130'), 6, '  # kubeplan-disable-next-line KP160'), 4, '  # kubeplan-disable-next-line KP116'),
    severity: {},
  },
  'a file comment': { text: `# kubeplan-disable KP116, KP160, KP130\n${BASE}`, severity: {} },
  'the ignore annotation': {
    text: BASE.replace('  name: lonely\n', '  name: lonely\n  annotations: {kubeplan.dev/ignore: "KP116,KP160"}\n').replace('  name: Bad_Name\n', '  name: Bad_Name\n  annotations: {kubeplan.dev/ignore: KP130}\n'),
    severity: {},
  },
  'severity off': { text: BASE, severity: { KP116: 'off', KP160: 'off', KP130: 'off' } },
};
