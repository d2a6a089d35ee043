import { rbac, type AnalysisSettings } from '../core';
import { openWorkspace, type RenderOptions } from './inputs';
import { placeLine } from './placeFindings';

/**
 * `kubeplan can-i` and `kubeplan who-can`: the question asked of the RBAC policy of the inputs (and
 * Kubernetes' bootstrap policy), places named `file:line` in the files the user wrote.
 */
export function runRbacQuery(command: 'can-i' | 'who-can', query: rbac.Query, paths: string[], settings: AnalysisSettings, readStdin: () => Buffer, render?: RenderOptions): rbac.Answer {
  const cli = openWorkspace(paths, settings, readStdin, undefined, render);
  const { workspace } = cli;
  const where: rbac.Where = ({ manifest, path }) => {
    const at = placeLine(cli, manifest.file, manifest.locate(path).start.line);
    return `${at.file}:${at.line + 1}`;
  };
  const answer = command === 'can-i' ? rbac.answerCanI : rbac.answerWhoCan;
  return answer(workspace.rbacPolicy(), workspace.builtinResources(), query, where);
}
