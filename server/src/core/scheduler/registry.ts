import type { Plugin } from './framework';
import type { SchedulerProfile } from './types';
import { DynamicResources } from './plugins/DynamicResources';
import { ImageLocality } from './plugins/ImageLocality';
import { InterPodAffinity } from './plugins/InterPodAffinity';
import { NodeAffinity } from './plugins/NodeAffinity';
import { NodeName } from './plugins/NodeName';
import { NodePorts } from './plugins/NodePorts';
import { NodeResourcesBalancedAllocation } from './plugins/NodeResourcesBalancedAllocation';
import { nodeResourcesFit } from './plugins/NodeResourcesFit';
import { NodeUnschedulable } from './plugins/NodeUnschedulable';
import { NodeVolumeLimits } from './plugins/NodeVolumeLimits';
import { PodTopologySpread } from './plugins/PodTopologySpread';
import { TaintToleration } from './plugins/TaintToleration';
import { VolumeBinding } from './plugins/VolumeBinding';
import { VolumeRestrictions } from './plugins/VolumeRestrictions';
import { VolumeZone } from './plugins/VolumeZone';

/** The default profile (pkg/scheduler/apis/config/v1/default_plugins.go), in upstream order. */
export const DEFAULT_SCORE_WEIGHTS: Record<string, number> = {
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  VolumeBinding: 1,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
};

export interface Profile {
  /** PreFilter and Filter plugins, in order. */
  filters: Plugin[];
  scores: Array<{ plugin: Plugin; weight: number }>;
  /** DynamicResources' PostFilter (1.34+) then DefaultPreemption. */
  dynamicResources: boolean;
  defaultPreemption: boolean;
  percentageOfNodesToScore?: number;
}

/** Profiles by their configuration object and minor version: a simulation schedules thousands of pods with one. */
const built = new WeakMap<object, Map<number, Profile>>();
const DEFAULT_CONFIG = {};

export function buildProfile(config: SchedulerProfile | undefined, minor: number): Profile {
  const key = config ?? DEFAULT_CONFIG;
  let byMinor = built.get(key);
  if (!byMinor) built.set(key, (byMinor = new Map()));
  let profile = byMinor.get(minor);
  if (!profile) byMinor.set(minor, (profile = makeProfile(config, minor)));
  return profile;
}

function makeProfile(config: SchedulerProfile | undefined, minor: number): Profile {
  const disabled = new Set(config?.disabled ?? []);
  const fit = nodeResourcesFit(config?.scoringStrategy);
  const filters = [NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, fit, VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone, PodTopologySpread, InterPodAffinity];
  // DynamicResourceAllocation is on by default from 1.34 (GA); it sits just before DefaultPreemption.
  const dra = minor >= 34 && !disabled.has('DynamicResources');
  if (dra) filters.push(DynamicResources);
  const scorePlugins = [TaintToleration, NodeAffinity, fit, VolumeBinding, PodTopologySpread, InterPodAffinity, NodeResourcesBalancedAllocation, ImageLocality];
  return {
    filters: filters.filter((p) => !disabled.has(p.name)),
    // A weight of 0 is not allowed upstream and becomes 1 (framework runtime); disable a plugin instead.
    scores: scorePlugins.filter((p) => !disabled.has(p.name)).map((plugin) => ({ plugin, weight: config?.weights?.[plugin.name] || DEFAULT_SCORE_WEIGHTS[plugin.name] })),
    dynamicResources: dra,
    defaultPreemption: !disabled.has('DefaultPreemption'),
    percentageOfNodesToScore: config?.percentageOfNodesToScore,
  };
}
