/**
 * kubeplan's extension of the Language Server Protocol, typed once for the server and the VS Code
 * client (as rust-analyzer's lsp_ext): every `kubeplan/*` request and notification, its parameters
 * and its result. Plain data only; both sides import the types and the method objects from here.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Position, Range } from 'vscode-languageserver-protocol';
import type { apf, proxy, rbac, SchedulingExplanation, AnalyzerStats, SimulationView } from '../core';

/** `kubeplan/simulate`: the Simulate Apply panel's view of the workspace, or of one file (`uri`). */
export const Simulate = new RequestType<{ uri?: string }, SimulationView, void>('kubeplan/simulate');

/**
 * `kubeplan/explainScheduling`: each pod of a workload (`workload`, `Kind/namespace/name`, or the one
 * at `position` in `uri`) with every node's Filter verdicts and scores; null when the last simulation
 * has no such workload.
 */
export const ExplainScheduling = new RequestType<{ workload?: string; uri?: string; position?: Position }, SchedulingExplanation | null, void>('kubeplan/explainScheduling');

/** `kubeplan/nodes`: the simulated cluster's nodes (the Show kube-proxy Rules picker). */
export const Nodes = new RequestType0<string[], void>('kubeplan/nodes');

/** `kubeplan/proxyRules`: a node's whole ruleset (default node and mode: the cluster's), as a document. */
export const ProxyRules = new RequestType<{ node?: string; mode?: proxy.ProxyMode; format?: proxy.RuleFormat }, string, void>('kubeplan/proxyRules');

/** `kubeplan/tracePacket`: the path of one connection through a node's chains, as a document. */
export const TracePacket = new RequestType<{ node?: string; packet: proxy.TracePacket }, string, void>('kubeplan/tracePacket');

/**
 * `kubeplan/canI`: `kubeplan can-i` asked of the workspace's RBAC (and the bootstrap policy): the same
 * answer, `text` beginning with `yes` or `no`.
 */
export const CanI = new RequestType<CanIParams, rbac.Answer, void>('kubeplan/canI');
export type CanIParams = rbac.Query;

/** `kubeplan/whoCan`: the subjects the workspace's RBAC lets do it, as `kubeplan who-can` lists them (`user` unused). */
export const WhoCan = new RequestType<rbac.Query, rbac.Answer, void>('kubeplan/whoCan');

/**
 * `kubeplan/serverStatus`: what the server holds (memory, the analyzer's files, documents and
 * validators, the last simulation); `gc: true` collects first when the server runs with --expose-gc.
 */
export const ServerStatus = new RequestType<{ gc?: boolean } | undefined, ServerStatusResult, void>('kubeplan/serverStatus');

export interface ServerStatusResult {
  memory: { rss: number; heapUsed: number; heapTotal: number; external: number; collected: boolean };
  analyzer: AnalyzerStats;
  /** The last simulation: its run, how many objects it made, the files applied (as events name them). */
  simulation: { run: number; objects: number; files: string[] } | null;
  /** Kustomize overlays: render passes finished, the overlays rendered and those not (folders as kubeplan.kustomize.overlay names them). */
  overlays: OverlaysStatus;
}

export interface OverlaysStatus {
  passes: number;
  rendered: string[];
  notRendered: string[];
}

/**
 * `kubeplan/apfClassify`: the FlowSchema, priority level and queues of a request (user as kubectl --as,
 * groups as --as-group) in the workspace's API Priority and Fairness configuration; the same as
 * `kubeplan apf classify --format json`.
 */
export const ApfClassify = new RequestType<apf.ClassifyRequest, apf.Classification, void>('kubeplan/apfClassify');

/** `kubeplan/apfLevels`: each priority level's seats, as `kubeplan apf levels` prints them (`text`) and its JSON. */
export const ApfLevels = new RequestType0<{ text: string; serverConcurrencyLimit: number; levels: apf.LevelCapacity[] }, void>('kubeplan/apfLevels');

/** `kubeplan/analysisComplete`: every finding of this version of the document is published. */
export const AnalysisComplete = new NotificationType<{ uri: string; version: number }>('kubeplan/analysisComplete');

/** `kubeplan/simulationComplete`: a workspace simulation finished (run 0: it did not run). */
export const SimulationComplete = new NotificationType<{ run: number }>('kubeplan/simulationComplete');

/** `kubeplan/workspaceTrusted` (client to server): the user trusted the workspace; kustomize may run from now on. */
export const WorkspaceTrusted = new NotificationType<{ trusted: boolean }>('kubeplan/workspaceTrusted');

/**
 * `kubeplan/overlays` (server to client): the workspace's kustomize overlays and those the simulation
 * applies (folders relative to their workspace folder, the form of kubeplan.kustomize.overlay); sent
 * when they change.
 */
export const Overlays = new NotificationType<OverlaysParams>('kubeplan/overlays');

export interface OverlaysParams {
  overlays: string[];
  simulated: string[];
}

/** initializationOptions the VS Code client sends (other clients may send `settings` only; `trusted` defaults to true). */
export interface InitializationOptions {
  settings?: unknown;
  /** vscode.workspace.isTrusted: in an untrusted workspace kustomize is never run. */
  trusted?: boolean;
}

export type { Position, Range, SimulationView, SchedulingExplanation };
export type ProxyMode = proxy.ProxyMode;
export type Protocol = proxy.Protocol;
export type TracePacketParams = proxy.TracePacket;
export type ApfClassifyParams = apf.ClassifyRequest;
export type ApfClassification = apf.Classification;
