// Rendering kustomize overlays: what both front ends use (and the tests, as dist/kustomize.js).
export { findKustomize, type KustomizeCommand } from './command';
export { runKustomize, runKustomizeSync, type KustomizeRun } from './runKustomize';
export { renderKey, renderKeyInBackground, RenderCache } from './renderCache';
export { renderOverlay, renderOverlayInBackground, isOverlay, readFileOrUndefined, type OverlayResult, type Renderer } from './renderOverlay';
