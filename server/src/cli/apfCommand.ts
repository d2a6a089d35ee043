import { apf, DEFAULT_SETTINGS } from '../core';
import { openWorkspace, UsageError } from './inputs';

/** `kubeplan apf classify|levels`: options as kubectl names them (--as, --as-group, -n). */
interface ApfOptions {
  subcommand: 'classify' | 'levels';
  format: 'text' | 'json';
  paths: string[];
  cluster?: string;
  request: apf.ClassifyRequest;
}

export const APF_USAGE = `usage: kubeplan apf classify --as USER [--as-group GROUP]… --verb VERB
                          (--resource R [--api-group G] [--subresource S] [-n NS] | --non-resource-url URL)
                          [--format text|json] [--cluster FILE] [paths…]
       kubeplan apf levels [--format text|json] [--cluster FILE] [paths…]`;

export function parseApfArgs(argv: string[]): ApfOptions {
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'classify' && subcommand !== 'levels') throw new UsageError(`apf: unknown subcommand "${subcommand ?? ''}" (available: classify, levels)`);
  const options: ApfOptions = { subcommand, format: 'text', paths: [], request: { user: '', verb: '' } };
  const r = options.request;
  const requestFlags = new Set(['--as', '--as-group', '--verb', '--resource', '--api-group', '--subresource', '-n', '--namespace', '--non-resource-url']);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const flag = arg.split('=')[0];
    const value = (): string => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (requestFlags.has(flag) && subcommand === 'levels') throw new UsageError(`apf levels: ${flag} belongs to apf classify`);
    if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be one of text, json (got "${f}")`);
      options.format = f;
    } else if (flag === '--cluster') options.cluster = value();
    else if (flag === '--as') r.user = value();
    else if (flag === '--as-group') r.groups = [...(r.groups ?? []), value()];
    else if (flag === '--verb') r.verb = value();
    else if (flag === '--resource') r.resource = value();
    else if (flag === '--api-group') r.apiGroup = value();
    else if (flag === '--subresource') r.subresource = value();
    else if (flag === '-n' || flag === '--namespace') r.namespace = value();
    else if (flag === '--non-resource-url') r.nonResourceURL = value();
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown flag ${arg}`);
    else options.paths.push(arg);
  }
  if (subcommand === 'classify') {
    if (!r.user) throw new UsageError('apf classify: --as USER is required');
    if (!r.verb) throw new UsageError('apf classify: --verb VERB is required');
    if ((r.resource === undefined) === (r.nonResourceURL === undefined)) throw new UsageError('apf classify: give either --resource or --non-resource-url');
    if (r.nonResourceURL !== undefined && (r.apiGroup !== undefined || r.subresource !== undefined || r.namespace !== undefined)) {
      throw new UsageError('apf classify: --api-group, --subresource and -n go with --resource');
    }
  }
  return options;
}

/** Runs `kubeplan apf …`: the output and the exit status (0; usage errors throw). */
export function runApf(argv: string[], readStdin: () => Buffer): { out: string; status: number } {
  const options = parseApfArgs(argv);
  const { workspace } = openWorkspace(options.paths, { ...DEFAULT_SETTINGS }, readStdin, options.cluster);
  const { configuration, serverConcurrencyLimit } = workspace.apf();
  if (options.subcommand === 'classify') {
    const c = apf.classify(configuration, apf.requestDigest(options.request));
    return { out: options.format === 'json' ? JSON.stringify(c, null, 2) + '\n' : formatClassification(c), status: 0 };
  }
  const levels = apf.levelCapacities(configuration, serverConcurrencyLimit);
  return { out: options.format === 'json' ? JSON.stringify({ serverConcurrencyLimit, levels }, null, 2) + '\n' : apf.levelsTable(levels, serverConcurrencyLimit), status: 0 };
}

export function formatClassification(c: apf.Classification): string {
  const lines: Array<[string, string]> = [
    ['User', `${c.user.name} (groups: ${c.user.groups.join(', ')})`],
    ['FlowSchema', `${c.flowSchema} (matchingPrecedence ${c.matchingPrecedence})`],
    ['PriorityLevel', `${c.priorityLevel} (${c.type}${c.limitResponse ? `, ${c.limitResponse}` : ''})`],
  ];
  if (c.queues === 0) lines.push(['Queues', `none: ${c.note}`]);
  else {
    lines.push(['Distinguisher', `${c.distinguisherMethod ?? 'none'}: "${c.distinguisher}"`]);
    lines.push(['Queues', `${c.queues}, queueLengthLimit ${c.queueLengthLimit}`]);
    lines.push(['Hand', `${c.hand.join(' ')} (handSize ${c.handSize})`]);
  }
  return apf.tabwriter(lines.map(([k, v]) => [`${k}:`, v]), 1);
}
