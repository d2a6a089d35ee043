/** RBAC of the workspace, as the API server's authorizer evaluates it (docs/rbac.md). */
export { Policy, type Grant } from './policy';
export { canI, whoCan, type Decision, type Granted } from './authorize';
export { canIText, whoCanText, showRequest, type Where } from './answer';
export { userInfoFor, serviceAccountUser, type Subject, type UserInfo } from './subjects';
export { ruleAllows, type Request } from './matching';
export { covers } from './covers';
export { dangersOf } from './dangers';
export { BuiltinResources } from './resources';
export { permissionsMarkdown } from './permissions';
export { escalationFindings } from './escalation';
export { grantsNothingFindings, type ServedResources } from './grantsNothing';
export { policyRuleOf, type PolicyRule, type Source } from './rule';
export { answerCanI, answerWhoCan, requestOf, type Answer, type Query } from './query';
