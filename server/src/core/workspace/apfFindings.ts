import { apfProblems, type ApfConfiguration } from '../apf';
import type { Manifest } from '../cluster/manifests';
import type { ClusterProfile } from '../cluster/profile';
import type { SimulationFinding } from '../cluster/findings/types';
import { findingAt, relatedAt } from './references/objects';

/** The server's concurrency limit: --max-requests-inflight + --max-mutating-requests-inflight (the cluster file's, 400 + 200 by default). */
export const serverConcurrencyLimit = (profile: ClusterProfile): number => profile.settings.apiServer.maxRequestsInflight + profile.settings.apiServer.maxMutatingRequestsInflight;

/**
 * KP230–KP234 on the workspace's FlowSchemas and PriorityLevelConfigurations (core/apf/problems.ts).
 * The cluster file's (`clusterFile`) are what the cluster holds: they take part, as the objects the
 * workspace's are applied over, and are named as related places, but get no findings of their own.
 */
export function apfFindings(config: ApfConfiguration<Manifest>, profile: ClusterProfile, clusterFile?: string): SimulationFinding[] {
  return apfProblems(config, serverConcurrencyLimit(profile))
    .filter((p) => p.source.file !== clusterFile)
    .map((p) => findingAt(p.rule, p.source, p.path, p.message, p.related?.map((r) => relatedAt(r.source, r.path, r.message))));
}
