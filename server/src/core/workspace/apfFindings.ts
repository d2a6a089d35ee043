import { apfProblems, type ApfConfiguration } from '../apf';
import type { Manifest } from '../cluster/manifests';
import type { ClusterProfile } from '../cluster/profile';
import type { SimulationFinding } from '../cluster/findings/types';
import { findingAt, relatedAt } from './references/objects';

/** The server's concurrency limit: --max-requests-inflight + --max-mutating-requests-inflight (the cluster file's, 400 + 200 by default). */
export const serverConcurrencyLimit = (profile: ClusterProfile): number => profile.settings.apiServer.maxRequestsInflight + profile.settings.apiServer.maxMutatingRequestsInflight;

/** KP230–KP234 on the workspace's FlowSchemas and PriorityLevelConfigurations (core/apf/problems.ts). */
export function apfFindings(config: ApfConfiguration<Manifest>, profile: ClusterProfile): SimulationFinding[] {
  return apfProblems(config, serverConcurrencyLimit(profile)).map((p) =>
    findingAt(p.rule, p.source, p.path, p.message, p.related?.map((r) => relatedAt(r.source, r.path, r.message))),
  );
}
