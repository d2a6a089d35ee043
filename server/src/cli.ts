import { existsSync, readFileSync } from 'node:fs';
import { apimachinery, cluster, DEFAULT_SETTINGS, KUBERNETES_VERSIONS, proxy, type AnalysisSettings, type rbac, type Severity } from './core';
import { runCheck } from './cli/checkCommand';
import { formatRequestsText, runRequests } from './cli/requestsCommand';
import { UsageError, type RenderOptions } from './cli/inputs';
import { formatSimulateJson, formatSimulateText, runSimulate } from './cli/simulateCommand';
import { formatPlanJson, formatPlanText, runPlan } from './cli/planCommand';
import { formatScheduleJson, formatScheduleText, scheduleReport } from './cli/scheduleCommand';
import { pickNode, readProxyConfig } from './cli/iptablesCommand';
import { APF_USAGE, runApf } from './cli/apfCommand';
import { runRbacQuery } from './cli/rbacCommands';
import { formatText } from './cli/report/text';
import { formatJson } from './cli/report/json';
import { formatSarif } from './cli/report/sarif';
import { version } from '../../package.json';

const USAGE = `usage: kubeplan check [paths…|-] [--format text|json|sarif] [--kubernetes-version 1.23…1.35]
                      [--max-file-size MB] [--no-schema] [--namespace NS] [--cluster FILE]
                      [--severity CODE=LEVEL,…] [--no-best-practices]
                      [--kustomize DIR] [--kustomize-command CMD]
       kubeplan requests [paths…|-] [--format text|json] [--namespace NS] [--kubernetes-version 1.xx]
       kubeplan simulate [paths…|-] [--cluster FILE] [--format text|json] [--namespace NS] [--kubernetes-version 1.xx]
                         [--severity CODE=LEVEL,…] [--no-best-practices]
       kubeplan plan [paths…|-] [--cluster-state FILE] [--cluster FILE] [--format text|json] [--namespace NS]
                     [--kubernetes-version 1.xx]
       kubeplan schedule [paths…|-] [--cluster FILE] [--format text|json] [--namespace NS] [--kubernetes-version 1.xx]
       kubeplan iptables [paths…|-] [--node NAME] [--mode iptables|ipvs|nftables] [--format save|restore]
                         [--cluster FILE] [--proxy-config FILE] [--namespace NS] [--kubernetes-version 1.xx]
${APF_USAGE.replace('usage: ', '       ')}
       kubeplan can-i VERB RESOURCE[.GROUP][/SUBRESOURCE]|URL [NAME] --as USER [--as-group GROUP]… [-n NS] [paths…]
       kubeplan who-can VERB RESOURCE[.GROUP][/SUBRESOURCE]|URL [NAME] [-n NS] [paths…]

check     every Kubernetes document in the given files and folders (*.yaml, *.yml, recursively;
          - reads stdin) against the schema of its group/version/kind and the API server's rules.
requests  every pod and workload with its effective requests, limits and QoS class.
simulate  what kubectl apply of the files would do on the cluster (default: the embedded one):
          events in order, then pods per node and Services with their endpoints.
plan      what applying the files changes in the cluster as it is (--cluster-state: kubectl get … -A
          -o yaml): + create, ~ update (the fields), = unchanged, ! rejected (the API server's message),
          and each rollout's steps and whether it completes. Exit 1 when something is rejected or a
          rollout stalls. --cluster-state works with simulate, schedule and iptables too.
schedule  where kube-scheduler puts each pod of the simulation, and why a pod fits nowhere.
iptables  the rules kube-proxy writes on one node (default: the first worker) for the simulation's
          Services and EndpointSlices: iptables-save (or --format restore), IPVS or nftables.
apf       API Priority and Fairness: classify — the FlowSchema, priority level and queues of a request;
          levels — each priority level's seats. The 1.35 defaults, with the paths' FlowSchemas and
          PriorityLevelConfigurations applied over them.
can-i     whether USER (system:serviceaccount:NS:NAME for a service account) may, by the RBAC of the
          files and Kubernetes' bootstrap policy: yes (exit 0) or no (exit 1), then the rule and
          binding that grant it, or why nothing does. -n NS: the request's namespace (default
          "default"), and the namespace of the files' objects that name none.
who-can   every subject the RBAC of the files (and the bootstrap policy) lets do it, with its binding.
A folder with a kustomization.yaml (and --kustomize DIR, every command) is rendered with kustomize
build or kubectl kustomize (--kustomize-command "kubectl kustomize"), its findings placed in the files
they came from; helm template output on stdin is reported on its templates (# Source: lines).
Exit status: 0 no errors, 1 errors found (schedule: a pod is unschedulable), 2 could not run.
Documentation: docs/cli.md`;

const COMMANDS = ['check', 'requests', 'simulate', 'plan', 'schedule', 'iptables', 'apf', 'can-i', 'who-can'];
const RBAC_COMMANDS = ['can-i', 'who-can'];
const FORMATS: Record<string, readonly string[]> = { check: ['text', 'json', 'sarif'], iptables: ['save', 'restore'] };
type Format = 'text' | 'json' | 'sarif' | 'save' | 'restore';
const MODES = ['iptables', 'ipvs', 'nftables'] as const;

interface Options {
  command: string;
  paths: string[];
  format: Format;
  settings: AnalysisSettings;
  cluster?: string;
  /** --cluster-state FILE: the objects the cluster holds before the apply. */
  state?: string;
  /** iptables: --node, --mode, --proxy-config. */
  node?: string;
  mode?: (typeof MODES)[number];
  proxyConfig?: string;
  /** --kustomize DIR, --kustomize-command CMD. */
  render: RenderOptions;
  /** can-i, who-can: the question. */
  query?: rbac.Query;
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return 'help';
  if (argv[0] === '--version') return 'version';
  const [command, ...rest] = argv;
  if (command === 'apf') return { command, paths: rest, format: 'text', settings: { ...DEFAULT_SETTINGS }, render: { kustomize: [] } };
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}" (available: ${COMMANDS.join(', ')})`);
  const options: Options = { command, paths: [], format: command === 'iptables' ? 'save' : 'text', settings: { ...DEFAULT_SETTINGS }, render: { kustomize: [] } };
  const simulating = command === 'simulate' || command === 'plan' || command === 'schedule' || command === 'iptables';
  const asking = RBAC_COMMANDS.includes(command);
  let user: string | undefined;
  const groups: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const flag = arg.split('=')[0];
    if (flag === '--format') {
      const f = value();
      const allowed = FORMATS[command] ?? ['text', 'json'];
      if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${f}")`);
      options.format = f as Format;
    } else if (flag === '--kubernetes-version') {
      const v = value().replace(/^v/, '');
      if (!KUBERNETES_VERSIONS.includes(v)) throw new UsageError(`--kubernetes-version must be 1.23 to 1.35 (got "${v}")`);
      options.settings.kubernetesVersion = v;
    } else if (flag === '--max-file-size') {
      const mb = Number(value());
      if (!(mb > 0)) throw new UsageError('--max-file-size must be a positive number of megabytes');
      options.settings.maxFileSizeMB = mb;
    } else if (flag === '--as' && command === 'can-i') {
      user = value();
    } else if (flag === '--as-group' && command === 'can-i') {
      groups.push(value());
    } else if (flag === '--namespace' || (flag === '-n' && asking)) {
      const ns = value();
      if (apimachinery.isDNS1123Label(ns).length) throw new UsageError(`--namespace must be a namespace name (got "${ns}")`);
      options.settings.defaultNamespace = ns;
    } else if (flag === '--cluster' && (simulating || command === 'check')) {
      options.cluster = value();
    } else if (flag === '--cluster-state' && simulating) {
      options.state = value();
    } else if (flag === '--node' && command === 'iptables') {
      options.node = value();
    } else if (flag === '--mode' && command === 'iptables') {
      const m = value();
      if (!MODES.includes(m as (typeof MODES)[number])) throw new UsageError(`--mode must be one of ${MODES.join(', ')} (got "${m}")`);
      options.mode = m as (typeof MODES)[number];
    } else if (flag === '--proxy-config' && command === 'iptables') {
      options.proxyConfig = value();
    } else if (flag === '--kustomize') {
      options.render.kustomize.push(value());
    } else if (flag === '--kustomize-command') {
      options.render.command = value();
    } else if (flag === '--no-schema') {
      options.settings.schemaValidation = false;
    } else if (arg === '--no-best-practices' && (command === 'check' || command === 'simulate')) {
      // As the kubeplan.bestPractices setting: KP145 and KP170–KP189, KP197, KP220 off.
      options.settings.bestPractices = false;
    } else if (flag === '--severity' && (command === 'check' || command === 'simulate')) {
      // As the kubeplan.severity setting: KP145=off,KP112=error (repeatable).
      for (const pair of value().split(',')) {
        const m = /^(KP\d{3})=(error|warning|information|hint|off)$/.exec(pair.trim());
        if (!m) throw new UsageError(`--severity takes CODE=LEVEL pairs, LEVEL one of error, warning, information, hint, off (got "${pair}")`);
        options.settings.severity = { ...options.settings.severity, [m[1]]: m[2] as Severity | 'off' };
      }
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown flag ${arg}`);
    } else {
      options.paths.push(arg);
    }
  }
  if (asking) options.query = rbacQuery(command, options, user, groups);
  if (options.paths.length === 0 && options.render.kustomize.length === 0) throw new UsageError('no paths given (use - to read stdin)');
  return options;
}

/** can-i, who-can: VERB RESOURCE [NAME] from the positional arguments (NAME: a third one that is no file or folder), the rest are paths. */
function rbacQuery(command: string, options: Options, user: string | undefined, groups: string[]): rbac.Query {
  const [verb, resource, ...rest] = options.paths;
  if (verb === undefined || resource === undefined) throw new UsageError(`${command} needs VERB and RESOURCE (or a URL such as /healthz)`);
  if (command === 'can-i' && user === undefined) throw new UsageError('can-i needs --as USER (system:serviceaccount:NS:NAME for a service account)');
  const name = rest.length && rest[0] !== '-' && !existsSync(rest[0]) ? rest.shift() : undefined;
  if (name !== undefined && resource.startsWith('/')) throw new UsageError(`a non-resource URL takes no NAME (got "${name}")`);
  options.paths = rest;
  return { verb, resource, ...(name !== undefined ? { name } : {}), namespace: options.settings.defaultNamespace ?? 'default', ...(user !== undefined ? { user, groups } : {}) };
}

function main(argv: string[]): number {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`kubeplan: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (options === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  let results;
  try {
    if (options.command === 'apf') {
      const { out, status } = runApf(options.paths, () => readFileSync(0));
      process.stdout.write(out);
      return status;
    }
    if (options.command === 'requests') {
      const reports = runRequests(options.paths, options.settings, () => readFileSync(0), options.render);
      process.stdout.write(options.format === 'json' ? JSON.stringify({ workloads: reports }, null, 2) + '\n' : formatRequestsText(reports));
      return 0;
    }
    if (options.query) {
      const answer = runRbacQuery(options.command as 'can-i' | 'who-can', options.query, options.paths, options.settings, () => readFileSync(0), options.render);
      for (const w of answer.warnings) process.stderr.write(`kubeplan: warning: ${w}\n`);
      process.stdout.write(answer.text);
      return options.command === 'can-i' && !answer.allowed ? 1 : 0;
    }
    if (options.command === 'plan') {
      const run = runPlan(options.paths, options.cluster, options.state, options.settings, () => readFileSync(0), options.render);
      process.stdout.write(options.format === 'json' ? formatPlanJson(run) : formatPlanText(run));
      return cluster.planSucceeds(run.plan) && run.skipped.length === 0 ? 0 : 1;
    }
    if (options.command === 'simulate') {
      const run = runSimulate(options.paths, options.cluster, options.settings, () => readFileSync(0), options.render, options.state, { nodeReports: 'unschedulable' });
      process.stdout.write(options.format === 'json' ? formatSimulateJson(run) : formatSimulateText(run));
      return run.findings.some((f) => f.severity === 'error') || run.skipped.length ? 1 : 0;
    }
    if (options.command === 'schedule') {
      const run = runSimulate(options.paths, options.cluster, options.settings, () => readFileSync(0), options.render, options.state);
      for (const s of run.skipped) process.stderr.write(`kubeplan: warning: ${s.name}: not simulated: ${s.skipped?.message}\n`);
      const pods = scheduleReport(run);
      process.stdout.write(options.format === 'json' ? formatScheduleJson(pods) : formatScheduleText(pods));
      return pods.some((p) => p.node === null) || run.skipped.length ? 1 : 0;
    }
    if (options.command === 'iptables') {
      const overrides = options.proxyConfig === undefined ? {} : readProxyConfig(options.proxyConfig);
      const run = runSimulate(options.paths, options.cluster, options.settings, () => readFileSync(0), options.render, options.state, { nodeReports: 'unschedulable' });
      const config = { ...cluster.proxyConfig(run.profile, pickNode(run.result.nodes, options.node)), ...overrides, ...(options.mode ? { proxyMode: options.mode } : {}) };
      const { objects, warnings } = cluster.proxyObjects(run.result, options.settings.defaultNamespace ?? 'default');
      for (const s of run.skipped) process.stderr.write(`kubeplan: warning: ${s.name}: not simulated: ${s.skipped?.message}\n`);
      for (const w of warnings) process.stderr.write(`kubeplan: warning: ${w}\n`);
      process.stdout.write(proxy.renderRules(proxy.proxyModel(objects, config), config, options.format === 'restore' ? 'restore' : 'save'));
      return run.skipped.length ? 1 : 0;
    }
    results = runCheck(options.paths, options.settings, () => readFileSync(0), options.cluster, options.render);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`kubeplan: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const out =
    options.format === 'json'
      ? formatJson(results, options.settings.kubernetesVersion)
      : options.format === 'sarif'
        ? formatSarif(results, version)
        : formatText(results);
  process.stdout.write(out);
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`kubeplan: internal error: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
