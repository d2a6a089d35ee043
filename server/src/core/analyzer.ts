import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from './rules';
import { LATEST_KUBERNETES_VERSION } from './versions';
import { isKubernetesObject, isObj, objectsOf, type Obj } from './model/obj';
import type { Finding, Severity } from './finding';
import { LineIndex } from './text/lineIndex';
import { splitDocuments, type Chunk } from './yaml/splitDocuments';
import { decodes, emptyDocument, parseChunk, tooDeep, type ParsedChunk, type YamlProblem } from './yaml/parseChunk';
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
import { CelPrograms } from './cel/programs';
import { booleanKeys } from './checks/booleanKeys';
import { DocumentStore, type DocumentEntry } from './documentStore';
import type { FileRole } from './ecosystem/fileRoles';
import { checkKustomization } from './checks/kustomization';
import type { Rule } from './rules';

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
  /** The best-practice checks (KP145, KP170–KP189, KP197, KP220); false turns them all off (setting kubeplan.bestPractices, CLI --no-best-practices). */
  bestPractices?: boolean;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { kubernetesVersion: LATEST_KUBERNETES_VERSION, schemaValidation: true, maxFileSizeMB: 5 };

/** What a document's findings depend on besides its text (see dependencyKey). */
interface Dependency {
  customKind?: [group: string, kind: string];
  namespace?: string;
}

export interface AnalyzerStats {
  files: number;
  heldDocuments: number;
  /** Characters of the held documents' texts. */
  heldBytes: number;
  looseDocuments: number;
  looseBytes: number;
  layouts: number;
  customValidators: number;
  /** CRD schemas whose CEL rules are compiled (per Kubernetes version). */
  celSchemas: number;
}

/** A file cut into documents, with its line index. */
export interface FileLayout {
  chunks: Chunk[];
  lines: LineIndex;
}

/**
 * Progress after the first `documents` documents of a file; `done` when that is all of them. The
 * findings so far come with the first step (after `firstStep` documents: what a huge file publishes at
 * once) and with the last (all of them).
 */
export interface AnalysisStep {
  done: boolean;
  documents: number;
  findings?: Finding[];
}

/** A document's findings, for one variant (settings and, for custom resources, the CRD). */
interface DocumentFindings {
  variant: string;
  findings: DocFinding[];
  /** The findings placed in the file, while the document starts on `line`. */
  placed?: { line: number; findings: Finding[] };
}

const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
/** Where the built-in CRDs (kubeplan.dev) are indexed: never a workspace file. */
const BUILT_IN_CRDS = 'kubeplan:built-in';
/** `{{ .Values.x }}` and the like, on one line. */
const GO_TEMPLATE = /\{\{[^\n]*?\}\}/;

/** The roles whose documents are analysed (the others are no API objects, docs/ecosystem.md). */
const ANALYSED_ROLES: ReadonlySet<FileRole> = new Set(['manifest', 'kustomization', 'patch']);
const CHART_NOTE =
  'Helm chart: its templates/ are Go templates, YAML only once rendered, so they are not analysed as written; check the rendered output: helm template <chart> | kubeplan check -';

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
  /** The CEL rules of the workspace's CRDs, compiled. */
  readonly celPrograms = new CelPrograms();
  readonly lifecycle: ApiLifecycle;
  private readonly crdIndex = new CrdIndex();
  private builtInCrdsLoaded = false;
  private readonly policyIndex = new NamespacePolicies();
  /** Files set since the last reindex whose declarations may have changed, with their default namespace. */
  private readonly unindexed = new Map<string, string | undefined>();
  /** Files that declare something (their removal or edit must be indexed too). */
  private readonly declaring = new Set<string>();
  private declarationsChanged = false;
  readonly fields: FieldSchemas;
  private readonly dependencies = new WeakMap<ParsedChunk, { defaultNamespace: string; of: Dependency[] }>();
  /** Parses and findings per document, held by the files that contain them (see documentStore.ts). */
  readonly documents = new DocumentStore();
  /** The files set with setFile: their texts' layouts. */
  private readonly fileTexts = new Map<string, { text: string; analysed: boolean }>();
  /** Layouts of the files' texts (by text, as requests name them), and of a few other texts. */
  private readonly fileLayouts = new Map<string, { layout: FileLayout; files: number }>();

  /** `precompiled` loads the build-time validators of built-in kinds (dist/validators.js), if any. */
  constructor(
    private readonly schemasDir: string,
    precompiled?: () => PrecompiledValidators | undefined,
  ) {
    this.catalog = new SchemaCatalog(schemasDir);
    this.validator = new Validator(this.catalog, precompiled);
    this.lifecycle = new ApiLifecycle(this.catalog);
    this.fields = new FieldSchemas(this.catalog);
  }

  /** LimitRanges and ResourceQuotas of the workspace, by namespace. */
  get policies(): NamespacePolicies {
    this.reindex();
    return this.policyIndex;
  }

  /**
   * The workspace's CRDs, and kubeplan's own ClusterProfile as a built-in custom resource (validated,
   * hovered and completed), loaded on first use: parsing it would add ~25 ms to the server's start.
   */
  get crds(): CrdIndex {
    this.reindex();
    if (!this.builtInCrdsLoaded) {
      this.builtInCrdsLoaded = true;
      const builtIn = join(this.schemasDir, 'kubeplan.dev', 'clusterprofile.yaml');
      if (existsSync(builtIn)) this.crdIndex.setFile(BUILT_IN_CRDS, crdVersions(parseChunk(readFileSync(builtIn, 'utf8')).value, BUILT_IN_CRDS));
    }
    return this.crdIndex;
  }

  private readonly looseLayouts: Array<{ text: string; layout: FileLayout }> = [];

  /**
   * A text's documents and line index: a file's (set with setFile) for as long as it has that text,
   * else kept for the last few texts, so a request right after an analysis reuses what it computed.
   */
  layout(text: string): FileLayout {
    const held = this.fileLayouts.get(text);
    if (held) return held.layout;
    const hit = this.looseLayouts.find((l) => l.text === text);
    if (hit) return hit.layout;
    const layout = { chunks: splitDocuments(text), lines: new LineIndex(text) };
    this.looseLayouts.unshift({ text, layout });
    if (this.looseLayouts.length > 2) this.looseLayouts.pop();
    return layout;
  }

  /** A layout a file now holds (taken from the loose ones if there). */
  private holdLayout(text: string): FileLayout {
    let held = this.fileLayouts.get(text);
    if (held) held.files++;
    else {
      const loose = this.looseLayouts.findIndex((l) => l.text === text);
      const layout = loose === -1 ? { chunks: splitDocuments(text), lines: new LineIndex(text) } : this.looseLayouts.splice(loose, 1)[0].layout;
      this.fileLayouts.set(text, (held = { layout, files: 1 }));
    }
    return held.layout;
  }

  /** The store's entry of a document text (what is derived from it is kept there). */
  document(text: string): DocumentEntry {
    return this.documents.entry(text);
  }

  parse(text: string): ParsedChunk {
    const entry = this.documents.entry(text);
    let p = entry.derived.get('parse') as ParsedChunk | undefined;
    if (!p) {
      p = parseSafely(entry.text);
      entry.derived.set('parse', p);
    }
    return p;
  }

  /**
   * Sets a file of the workspace to `text` (undefined: the file is gone). The file holds its documents'
   * parses and findings until its text changes, and what it held alone is released then. A file over
   * the size limit, or binary, holds nothing and is parsed by nothing. What the file declares for
   * other files (CRDs, LimitRanges, ResourceQuotas) is indexed when next needed (takeDeclarationChanges).
   */
  setFile(file: string, text: string | undefined, settings: AnalysisSettings = DEFAULT_SETTINGS): void {
    const before = this.fileTexts.get(file);
    const layout = text !== undefined && isAnalysable(text, settings) ? this.holdLayout(text) : undefined;
    if (before?.analysed) this.releaseLayout(before.text);
    // A request may have laid out the old text loose (a hover right after an edit): it goes too.
    if (before && before.text !== text) this.forgetLoose(before.text);
    if (text === undefined) this.fileTexts.delete(file);
    else this.fileTexts.set(file, { text, analysed: layout !== undefined });
    this.documents.hold(file, layout ? layout.chunks.map((c) => c.text) : []);
    // What the file declares is read when next needed (reindex), from its text then: a burst of
    // keystrokes in a CRD parses it once, not once per keystroke.
    if ((layout && DECLARES.test(text!)) || this.declaring.has(file)) this.unindexed.set(file, settings.defaultNamespace);
  }

  /**
   * Indexes what the files set since the last call declare for others: CRDs, LimitRanges,
   * ResourceQuotas. Reading `crds` or `policies` does it too.
   */
  private reindex(): void {
    if (this.unindexed.size === 0) return;
    const files = [...this.unindexed];
    this.unindexed.clear();
    let changed = false;
    for (const [file, defaultNamespace] of files) {
      const f = this.fileTexts.get(file);
      const versions = [];
      const policies = [];
      if (f?.analysed && DECLARES.test(f.text)) {
        for (const chunk of this.layout(f.text).chunks) {
          // List items too: a cluster file is `kubectl get … -o yaml` output.
          for (const { object } of objectsOf(this.parse(chunk.text).value)) {
            if (object.kind === 'CustomResourceDefinition' && object.apiVersion === CRD_API_VERSION) versions.push(...crdVersions(object, file));
            const policy = policyOf(object, defaultNamespace);
            if (policy) policies.push(policy);
          }
        }
      }
      if (versions.length || policies.length) this.declaring.add(file);
      else this.declaring.delete(file);
      const crdsChanged = this.crdIndex.setFile(file, versions);
      if (crdsChanged) {
        this.validator.retainCustom(this.crdIndex.fingerprints());
        this.celPrograms.retain(this.crdIndex.fingerprints());
      }
      changed = this.policyIndex.setFile(file, policies) || crdsChanged || changed;
    }
    this.declarationsChanged ||= changed;
  }

  /**
   * Whether what files declare for others (CRDs, LimitRanges, ResourceQuotas) changed since the last
   * call: the documents of other files then need analysing again.
   */
  takeDeclarationChanges(): boolean {
    this.reindex();
    const changed = this.declarationsChanged;
    this.declarationsChanged = false;
    return changed;
  }

  forgetFile(file: string): void {
    this.setFile(file, undefined);
  }

  /** What the analyzer holds: files, documents (held by files, and loose), custom resource validators. */
  stats(): AnalyzerStats {
    this.reindex();
    return { ...this.documents.stats(), files: this.fileTexts.size, layouts: this.fileLayouts.size + this.looseLayouts.length, customValidators: this.validator.customValidators, celSchemas: this.celPrograms.size };
  }

  /** Every file set with setFile, with its text. */
  files(): Array<[file: string, text: string]> {
    return [...this.fileTexts].map(([file, f]) => [file, f.text]);
  }

  /** The text a file was set to, if it was. */
  text(file: string): string | undefined {
    return this.fileTexts.get(file)?.text;
  }

  /** Whether a file set with setFile is analysed (within the size limit, not binary). */
  isAnalysed(file: string): boolean {
    return this.fileTexts.get(file)?.analysed ?? false;
  }

  /** The files set with setFile whose texts are analysed (within the size limit, not binary), by name. */
  analysedFiles(): Array<[file: string, text: string]> {
    const out: Array<[string, string]> = [];
    for (const [file, f] of this.fileTexts) if (f.analysed) out.push([file, f.text]);
    return out;
  }

  private forgetLoose(text: string): void {
    const i = this.looseLayouts.findIndex((l) => l.text === text);
    if (i !== -1) this.looseLayouts.splice(i, 1);
  }

  private releaseLayout(text: string): void {
    const held = this.fileLayouts.get(text);
    if (held && --held.files === 0) this.fileLayouts.delete(text);
  }

  /** A file's findings; `role` says what the file is (docs/ecosystem.md): Kubernetes objects unless told. */
  analyzeFile(text: string, settings: AnalysisSettings = DEFAULT_SETTINGS, role: FileRole = 'manifest'): Finding[] {
    let findings: Finding[] = [];
    for (const step of this.analyzeInSteps(text, settings, role)) if (step.done) findings = step.findings ?? [];
    return findings;
  }

  /**
   * Analyses a file one document at a time, yielding after each (a caller answers other requests when
   * it has run long enough), with the findings so far after the first `firstStep` documents (the top
   * of a huge file, published at once) and all of them with the last step.
   */
  *analyzeInSteps(text: string, settings: AnalysisSettings = DEFAULT_SETTINGS, role: FileRole = 'manifest', firstStep = 25): Generator<AnalysisStep> {
    const lines = tooBig(text, settings) ? new LineIndex(text.slice(0, 1000)) : this.layout(text).lines;
    const whole = (rule: Rule, message: string): AnalysisStep => ({
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

    // A chart is one note, on its Chart.yaml; the other files of the tools are no API objects.
    if (role === 'helmChart') {
      yield whole(RULES.helmChart, CHART_NOTE);
      return;
    }
    if (!ANALYSED_ROLES.has(role)) {
      yield { done: true, documents: 0, findings: [] };
      return;
    }

    const chunks = this.layout(text).chunks;
    // A file is Kubernetes YAML when a document has apiVersion and kind; the text test decides
    // up front in the common case, so analysis can start before every document is parsed. A
    // kustomization (apiVersion and kind optional) or a patch is read whatever its keys.
    const hinted = role !== 'manifest' || (K8S_HINT.test(text) && K8S_HINT_KIND.test(text));
    if (!hinted && !chunks.some((c) => isKubernetes(this.parse(c.text).value) || this.isObjectWithoutApiVersion(this.parse(c.text).value))) {
      yield { done: true, documents: chunks.length, findings: [] };
      return;
    }

    const env: CheckEnv = {
      catalog: this.catalog,
      validator: this.validator,
      celPrograms: this.celPrograms,
      lifecycle: this.lifecycle,
      crds: this.crds,
      kubernetesVersion: settings.kubernetesVersion,
      schemaValidation: settings.schemaValidation,
      bestPractices: settings.bestPractices !== false,
      policies: this.policies,
      defaultNamespace: settings.defaultNamespace ?? 'default',
      partial: role === 'patch',
    };
    const settingsKey = `${settings.kubernetesVersion}|${settings.schemaValidation}|${env.bestPractices}|${env.defaultNamespace}|${role}`;
    const findings: Finding[] = [];
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i];
      const parsed = this.parse(chunk.text);
      const variant = `${settingsKey}|${this.dependencyKey(parsed, env.defaultNamespace)}`;
      const entry = this.documents.entry(chunk.text);
      let cached = entry.derived.get('findings') as DocumentFindings | undefined;
      if (cached?.variant !== variant) {
        cached = { variant, findings: this.analyzeSafely(parsed, chunk.text, env, role).sort((a, b) => a.start - b.start || a.end - b.end) };
        entry.derived.set('findings', cached);
      }
      // Documents start at a line start, so their findings' positions only depend on that line: the
      // placed findings are reused while the document has not moved (most documents, most edits).
      const line = lines.position(chunk.start).line;
      if (cached.placed?.line !== line) cached.placed = { line, findings: cached.findings.map((f) => toFinding(f, chunk.start, lines)) };
      for (const f of cached.placed.findings) findings.push(f);
      const done = i === chunks.length - 1;
      const n = i + 1;
      yield { done, documents: n, ...(done ? { findings } : n === firstStep ? { findings: [...findings] } : {}) };
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
  private analyzeSafely(p: ParsedChunk, text: string, env: CheckEnv, role: FileRole): DocFinding[] {
    try {
      return this.findingsOf(p, text, env, role);
    } catch (e) {
      if (e instanceof RangeError && /call stack/.test(e.message)) return [yamlFinding(tooDeep(text), text)];
      return [docFinding(RULES.fileNotAnalysed, internalError(e), [0, Math.min(1, text.length)])];
    }
  }

  private findingsOf(p: ParsedChunk, text: string, env: CheckEnv, role: FileRole): DocFinding[] {
    // A Helm (or other Go) template is not YAML until rendered: one note instead of its parse errors.
    const template = decodes(p) ? null : GO_TEMPLATE.exec(text);
    if (template) {
      return [docFinding(RULES.template, 'Go template actions ({{ … }}) make this document YAML only once rendered: not analysed; check the rendered output (helm template … | kubeplan check -)', [template.index, template.index + template[0].length])];
    }
    const findings = p.problems.map((problem) => yamlFinding(problem, text));
    const value = p.value;
    // A document that did not parse cleanly would only yield findings about the parser's guesses.
    if (!isObj(value) || !decodes(p)) return findings;
    const spans = new DocSpans(p.doc, text);
    if (role === 'kustomization') {
      if (env.schemaValidation) findings.push(...checkKustomization(value, spans));
      return findings;
    }
    // A patch that names no object (a JSON 6902 patch is a list: not an object at all) has nothing to check.
    if (role === 'patch' && !isKubernetes(value)) return findings;
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

  /** A document that names a built-in kind and has metadata, but no apiVersion: a manifest missing it (KP110). */
  private isObjectWithoutApiVersion(value: unknown): boolean {
    return isObj(value) && value.apiVersion === undefined && typeof value.kind === 'string' && isObj(value.metadata) && this.isBuiltinKindName(value.kind);
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

/** A parse that fails inside the YAML library is a problem of that document, not of its file. */
function parseSafely(text: string): ParsedChunk {
  try {
    return parseChunk(text);
  } catch (e) {
    const problem: YamlProblem = e instanceof RangeError && /call stack/.test(e.message) ? tooDeep(text) : { code: 'internal', message: internalError(e), start: 0, end: Math.min(1, text.length) };
    return { doc: emptyDocument(), value: undefined, problems: [problem] };
  }
}

export const internalError = (e: unknown): string => `document not analysed: internal error (${(e as Error)?.message ?? String(e)}); please report it`;

/** Whether a file's text is analysed at all: within the size limit, and not binary. */
export function isAnalysable(text: string, settings: AnalysisSettings): boolean {
  return !tooBig(text, settings) && !text.includes('\u0000');
}

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
  internal: RULES.fileNotAnalysed,
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
