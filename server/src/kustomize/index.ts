// Rendering kustomize overlays: what both front ends use (and the tests, as dist/kustomize.js); running
// a renderer and caching its renders by the files it reads, which Helm charts share (../helm).
export { findKustomize, findProgram, type KustomizeCommand } from './command';
export { runProgram, runProgramSync, type ProgramRun } from './runProgram';
export { runKustomize, runKustomizeSync, type KustomizeRun } from './runKustomize';
export { folderKeyInBackground, renderKey, renderKeyInBackground, RenderCache } from './renderCache';
export { renderOverlay, renderOverlayInBackground, isOverlay, readFileOrUndefined, type OverlayResult, type Renderer } from './renderOverlay';
