import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from './rules';
import { LATEST_KUBERNETES_VERSION } from './versions';
import { isKubernetesObject, isObj, objectsOf, type Obj } from './model/obj';
import type { Finding, Severity } from './finding';
import { LineIndex } from './text/lineIndex';
import { splitDocuments, type Chunk } from './yaml/splitDocuments';
import { parseChunk, tooDeep, type ParsedChunk, type YamlProblem } from './yaml/parseChunk';
import { DocSpans } from './yaml/spans';
import { docFinding, type DocFinding } from './model/docFinding';
import { SchemaCatalog } from './schema/catalog';
import { Validator, type PrecompiledValidators } from './schema/validator';
import { ApiLifecycle, groupOf } from './schema/apiLifecycle';
import { CrdIndex, crdVersions } from './crd/crdIndex';
import { FieldSchemas } from './schema/fieldInfo';
import { NamespacePolicies, policyOf } from './resources/namespacePolicies';
import { workloadOf } from './resources/workloads';
import { checkObject, type CheckEnv } from './checks/checkObject';
import { booleanKeys } from './checks/booleanKeys';
import { fileSuppression, IGNORE_ANNOTATION, isSuppressed, suppressInDocument } from './checks/suppression';
import { BoundedCache } from './boundedCache';

export interface AnalysisSettings {
  /** Target Kubernetes minor, "1.23" … "1.35". */
  kubernetesVersion: string;
  /** Validate documents against their group/version/kind schema. */
  schemaValidation: boolean;
  /** Files larger than this many MiB are not analysed. */
  maxFileSizeMB: number;
  /** Per rule code, a severity replacing the default, or 'off' (setting kubeplan.severity). */
  severity?: Record<string, Severity | 'off'>;
  /** Where objects without metadata.namespace go (setting kubeplan.defaultNamespace, CLI --namespace). */
  defaultNamespace?: string;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { kubernetesVersion: LATEST_KUBERNETES_VERSION, schemaValidation: true, maxFileSizeMB: 5 };

/** What a document's findings depend on besides its text (see dependencyKey). */
interface Dependency {
  customKind?: [group: string, kind: string];
  namespace?: string;
}

/** A file cut into documents, with its line index. */
export interface FileLayout {
  chunks: Chunk[];
  lines: LineIndex;
}

/** Findings after the first `documents` documents of a file; `done` when that is all of them. */
export interface AnalysisStep {
  done: boolean;
  documents: number;
  findings: Finding[];
}

const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
/** Where the built-in CRDs (kubeplan.dev) are indexed: never a workspace file. */
const BUILT_IN_CRDS = 'kubeplan:built-in';
/** `{{ .Values.x }}` and the like, on one line. */
const GO_TEMPLATE = /\{\{[^\n]*?\}\}/;

/** Kinds whose objects affect the analysis of other documents (cheap text test before parsing). */
export const DECLARES = /CustomResourceDefinition|LimitRange|ResourceQuota|RuntimeClass/;
const K8S_HINT = /^apiVersion\s*:/m;
const K8S_HINT_KIND = /^kind\s*:/m;

/**
 * The analysis engine: parses files into documents (one cache entry per document text, so an edit
 * re-parses one document), keeps the workspace's CRDs, and produces findings per file.
 */
export class Analyzer {
  readonly catalog: SchemaCatalog;
  readonly validator: Validator;
  readonly lifecycle: ApiLifecycle;
  private readonly crdIndex = new CrdIndex();
  private builtInCrdsLoaded = false;
  readonly policies = new NamespacePolicies();
  readonly fields: FieldSchemas;
  private readonly dependencies = new WeakMap<ParsedChunk, { defaultNamespace: string; of: Dependency[] }>();
  /** Syntax trees are the big entries (kilobytes per document): fewer of them are kept. */
  private readonly parsed = new BoundedCache<string, ParsedChunk>(20_000);
  /** Findings per document text, for one variant (settings and, for custom resources, the CRD). */
  private readonly results = new BoundedCache<string, { variant: string; findings: DocFinding[]; placed?: { line: number; findings: Finding[] } }>(50_000);

  /** `precompiled` loads the build-time validators of built-in kinds (dist/validators.js), if any. */
  constructor(schemasDir: string, precompiled?: () => PrecompiledValidators | undefined) {
    this.catalog = new SchemaCatalog(schemasDir);
    this.validator = new Validator(this.catalog, precompiled);
    this.lifecycle = new ApiLifecycle(this.catalog);
    this.fields = new FieldSchemas(this.catalog);
    this.schemasDir = schemasDir;
  }

  private readonly schemasDir: string;

  /**
   * The workspace's CRDs, and kubeplan's own ClusterProfile as a built-in custom resource (validated,
   * hovered and completed), loaded on first use: parsing it would add ~25 ms to the server's start.
   */
  get crds(): CrdIndex {
    if (!this.builtInCrdsLoaded) {
      this.builtInCrdsLoaded = true;
      const builtIn = join(this.schemasDir, 'kubeplan.dev', 'clusterprofile.yaml');
      if (existsSync(builtIn)) this.crdIndex.setFile(BUILT_IN_CRDS, crdVersions(this.parse(readFileSync(builtIn, 'utf8')).value, BUILT_IN_CRDS));
    }
    return this.crdIndex;
  }

  private readonly layouts: Array<{ text: string; layout: FileLayout }> = [];

  /**
   * A file's documents and line index, kept for the last few texts: a hover or completion right
   * after an edit reuses what the analysis of that text computed.
   */
  layout(text: string): FileLayout {
    const hit = this.layouts.find((l) => l.text === text);
    if (hit) return hit.layout;
    const layout = { chunks: splitDocuments(text), lines: new LineIndex(text) };
    this.layouts.unshift({ text, layout });
    if (this.layouts.length > 4) this.layouts.pop();
    return layout;
  }

  /**
   * Keeps the parses and findings of at least `documents` documents, with room for a quarter more
   * (the new texts of edits). A workspace simulation reads every document of the workspace on each
   * run: with caches smaller than that, entries kept in insertion order are evicted before the next
   * run reads them again, and every run parsed the whole workspace again.
   */
  keepDocuments(documents: number): void {
    const room = Math.ceil(documents * 1.25);
    this.parsed.reserve(room);
    this.results.reserve(room);
  }

  parse(text: string): ParsedChunk {
    let p = this.parsed.get(text);
    if (!p) {
      p = parseChunk(text);
      this.parsed.set(text, p);
    }
    return p;
  }

  /**
   * Records what a file declares for other files: CRDs, LimitRanges, ResourceQuotas. Returns true when
   * that changed (documents elsewhere then need analysing again).
   */
  indexFile(file: string, text: string, settings: AnalysisSettings = DEFAULT_SETTINGS): boolean {
    const versions = [];
    const policies = [];
    if (!tooBig(text, settings) && DECLARES.test(text)) {
      for (const chunk of this.layout(text).chunks) {
        const value = this.parse(chunk.text).value;
        if (isObj(value) && value.kind === 'CustomResourceDefinition' && value.apiVersion === CRD_API_VERSION) {
          versions.push(...crdVersions(value, file));
        }
        const policy = policyOf(value, settings.defaultNamespace);
        if (policy) policies.push(policy);
      }
    }
    const crdsChanged = this.crds.setFile(file, versions);
    return this.policies.setFile(file, policies) || crdsChanged;
  }

  forgetFile(file: string): boolean {
    return this.indexFile(file, '');
  }

  analyzeFile(text: string, settings: AnalysisSettings = DEFAULT_SETTINGS): Finding[] {
    let findings: Finding[] = [];
    for (const step of this.analyzeInSteps(text, settings)) findings = step.findings;
    return findings;
  }

  /**
   * Analyses a file in steps, yielding the findings so far after the first `firstStep` documents and
   * then every `step` documents (the last yield is complete). Lets the server publish the top of a
   * huge file's findings at once and answer other requests between steps.
   */
  *analyzeInSteps(text: string, settings: AnalysisSettings = DEFAULT_SETTINGS, firstStep = 25, step = 100): Generator<AnalysisStep> {
    const lines = tooBig(text, settings) ? new LineIndex(text.slice(0, 1000)) : this.layout(text).lines;
    const whole = (rule: typeof RULES.fileNotAnalysed, message: string): AnalysisStep => ({
      done: true,
      documents: 0,
      findings: [{ code: rule.code, severity: rule.severity, message, range: lines.range(0, Math.min(text.length, lines.lineText(0).length || 1)) }],
    });
    if (tooBig(text, settings)) {
      const mb = (Buffer.byteLength(text) / 1024 / 1024).toFixed(1);
      yield whole(RULES.fileNotAnalysed, `file too large to analyse: ${mb} MB, limit ${settings.maxFileSizeMB} MB (setting kubeplan.maxFileSizeMB, CLI --max-file-size)`);
      return;
    }
    if (text.includes('\u0000')) {
      yield whole(RULES.fileNotAnalysed, 'binary file (contains NUL bytes): not analysed');
      return;
    }

    const chunks = this.layout(text).chunks;
    // A file is Kubernetes YAML when a document has apiVersion and kind; the text test decides
    // up front in the common case, so analysis can start before every document is parsed.
    const hinted = K8S_HINT.test(text) && K8S_HINT_KIND.test(text);
    if (!hinted && !chunks.some((c) => isKubernetes(this.parse(c.text).value))) {
      yield { done: true, documents: chunks.length, findings: [] };
      return;
    }

    const env: CheckEnv = {
      catalog: this.catalog,
      validator: this.validator,
      lifecycle: this.lifecycle,
      crds: this.crds,
      kubernetesVersion: settings.kubernetesVersion,
      schemaValidation: settings.schemaValidation,
      policies: this.policies,
      defaultNamespace: settings.defaultNamespace ?? 'default',
    };
    const settingsKey = `${settings.kubernetesVersion}|${settings.schemaValidation}|${env.defaultNamespace}`;
    const findings: Finding[] = [];
    const fileCodes = fileSuppression(text);
    const overrides = settings.severity ?? {};
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i];
      const parsed = this.parse(chunk.text);
      const variant = `${settingsKey}|${this.dependencyKey(parsed, env.defaultNamespace)}`;
      let cached = this.results.get(chunk.text);
      if (cached?.variant !== variant) {
        cached = { variant, findings: this.analyzeSafely(parsed, chunk.text, env).sort((a, b) => a.start - b.start || a.end - b.end) };
        this.results.set(chunk.text, cached);
      }
      // Documents start at a line start, so their findings' positions only depend on that line: the
      // placed findings are reused while the document has not moved (most documents, most edits).
      const line = lines.position(chunk.start).line;
      if (cached.placed?.line !== line) cached.placed = { line, findings: cached.findings.map((f) => toFinding(f, chunk.start, lines)) };
      for (const f of cached.placed.findings) {
        const severity = overrides[f.code] ?? f.severity;
        if (severity === 'off' || isSuppressed(fileCodes, f.code)) continue;
        findings.push(severity === f.severity ? f : { ...f, severity });
      }
      const done = i === chunks.length - 1;
      const n = i + 1;
      if (done || n === firstStep || (n > firstStep && (n - firstStep) % step === 0)) yield { done, documents: i + 1, findings: done ? findings : [...findings] };
    }
  }

  /**
   * What a document's findings depend on beyond its text: a custom resource its CRD, a workload the
   * LimitRanges and ResourceQuotas of its namespace. Part of the cache key.
   */
  private dependencyKey(parsed: ParsedChunk, defaultNamespace: string): string {
    let deps = this.dependencies.get(parsed);
    if (deps?.defaultNamespace !== defaultNamespace) {
      deps = { defaultNamespace, of: objectsOf(parsed.value).map(({ object }) => this.dependencyOf(object, defaultNamespace)) };
      this.dependencies.set(parsed, deps);
    }
    let key = '';
    for (const d of deps.of) {
      if (d.customKind) key += `${this.crds.versionsOf(d.customKind[0], d.customKind[1]).map((v) => `${v.version}:${v.served}:${v.fingerprint}`).join(',') || 'none'};`;
      else if (d.namespace !== undefined) key += `${this.policies.fingerprint(d.namespace)};`;
      else key += ';';
    }
    return key;
  }

  /** What one object depends on (found once per parsed document): its CRD, or its namespace's policies. */
  private dependencyOf(o: Obj, defaultNamespace: string): Dependency {
    if (!isKubernetesObject(o)) return {};
    const group = groupOf(o.apiVersion);
    if (!this.lifecycle.isBuiltinGroup(group)) return { customKind: [group, o.kind] };
    const workload = workloadOf(o, defaultNamespace);
    return workload ? { namespace: workload.namespace } : {};
  }

  /** A document whose analysis fails gets one finding saying so; the other documents go on. */
  private analyzeSafely(p: ParsedChunk, text: string, env: CheckEnv): DocFinding[] {
    try {
      return this.analyzeDocument(p, text, env);
    } catch (e) {
      if (e instanceof RangeError && /call stack/.test(e.message)) return [yamlFinding(tooDeep(text), text)];
      return [docFinding(RULES.fileNotAnalysed, `document not analysed: internal error (${(e as Error).message}); please report it`, [0, Math.min(1, text.length)])];
    }
  }

  private analyzeDocument(p: ParsedChunk, text: string, env: CheckEnv): DocFinding[] {
    const value = p.value as { metadata?: { annotations?: Record<string, unknown> } } | undefined;
    const annotation = value?.metadata?.annotations?.[IGNORE_ANNOTATION];
    return suppressInDocument(this.findingsOf(p, text, env), text, annotation);
  }

  private findingsOf(p: ParsedChunk, text: string, env: CheckEnv): DocFinding[] {
    // A Helm (or other Go) template is not YAML until rendered: one note instead of its parse errors.
    const template = p.problems.length ? GO_TEMPLATE.exec(text) : null;
    if (template) {
      return [docFinding(RULES.template, 'Go template actions ({{ … }}) make this document YAML only once rendered: not analysed; check the rendered output (helm template … | kubeplan check -)', [template.index, template.index + template[0].length])];
    }
    const findings = p.problems.map((problem) => yamlFinding(problem, text));
    const value = p.value;
    // A document that did not parse cleanly would only yield findings about the parser's guesses.
    if (!isObj(value) || p.problems.length > 0) return findings;
    const spans = new DocSpans(p.doc, text);
    if (!isKubernetes(value)) {
      if (typeof value.kind === 'string' && this.isBuiltinKindName(value.kind) && value.apiVersion === undefined) {
        findings.push(docFinding(RULES.missingTypeMeta, `apiVersion is missing: every Kubernetes object needs apiVersion and kind (${value.kind} is served as ${this.servedApiVersionOf(value.kind, env.kubernetesVersion)})`, spans.key(['kind'])));
      } else if (value.apiVersion !== undefined && typeof value.apiVersion !== 'string') {
        findings.push(docFinding(RULES.missingTypeMeta, 'apiVersion must be a string', spans.value(['apiVersion'])));
      } else if (value.kind !== undefined && typeof value.kind !== 'string' && typeof value.apiVersion === 'string') {
        findings.push(docFinding(RULES.missingTypeMeta, 'kind must be a string', spans.value(['kind'])));
      }
      return findings;
    }
    for (const { object, prefix } of objectsOf(value)) {
      if (isKubernetesObject(object)) findings.push(...checkObject(object, prefix, spans, env));
    }
    findings.push(...booleanKeys(p.doc, text));
    return findings;
  }

  private builtinKindNames?: Set<string>;
  private isBuiltinKindName(kind: string): boolean {
    this.builtinKindNames ??= new Set(this.catalog.kinds().map((k) => k.kind));
    return this.builtinKindNames.has(kind);
  }

  private servedApiVersionOf(kind: string, target: string): string {
    const groups = new Set(this.catalog.kinds().filter((k) => k.kind === kind).map((k) => groupOf(k.apiVersion)));
    for (const g of groups) {
      const served = this.lifecycle.servedVersions(g, kind, target);
      if (served.length) return served[0];
    }
    return 'unknown';
  }
}

const isKubernetes = isKubernetesObject;

function tooBig(text: string, settings: AnalysisSettings): boolean {
  // text.length counts UTF-16 units: a cheap lower bound before measuring bytes.
  const limit = settings.maxFileSizeMB * 1024 * 1024;
  return text.length > limit || (text.length * 3 > limit && Buffer.byteLength(text) > limit);
}

const YAML_RULES: Record<YamlProblem['code'], typeof RULES.yamlSyntax> = {
  syntax: RULES.yamlSyntax,
  'duplicate-key': RULES.duplicateKey,
  tab: RULES.tabIndent,
  alias: RULES.alias,
  depth: RULES.tooDeep,
};

function toFinding(f: DocFinding, offset: number, lines: LineIndex): Finding {
  const finding: Finding = { code: f.code, severity: f.severity, message: f.message, range: lines.range(offset + f.start, offset + f.end) };
  if (f.fixes) {
    finding.fixes = f.fixes.map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((e) => ({ range: lines.range(offset + e.start, offset + e.end), newText: e.newText })),
      ...(fix.disabled ? { disabled: fix.disabled } : {}),
    }));
  }
  return finding;
}

/** `replicas:1` at the start of a line: the classic missing space, which YAML reports obscurely. */
const GLUED_LINE = /^(\s*(?:-\s+)?)([A-Za-z_][\w.\-/]*):([^\s:/][^\s]*)\s*$/;

function yamlFinding(p: YamlProblem, text: string): DocFinding {
  if (p.code === 'syntax') {
    const lineStart = text.lastIndexOf('\n', p.start - 1) + 1;
    const lineEnd = text.indexOf('\n', p.start);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, '');
    const m = GLUED_LINE.exec(line);
    if (m) {
      const start = lineStart + m[1].length;
      const colon = start + m[2].length + 1;
      return docFinding(
        RULES.missingSpace,
        `missing space after ':' in "${m[2]}:${m[3]}": YAML reads it as one string, not as the key "${m[2]}" with a value`,
        [start, colon + m[3].length],
        [{ title: "Insert a space after ':'", edits: [{ start: colon, end: colon, newText: ' ' }] }],
      );
    }
  }
  return docFinding(YAML_RULES[p.code], p.message, [p.start, p.end]);
}
