// API Priority and Fairness (core/apf, docs/apf.md): matching (ported from k8s.io/apiserver
// pkg/util/flowcontrol/match_test.go TestLiterals), matching order, the distinguisher, shuffle
// sharding (ported from pkg/util/shufflesharding/shufflesharding_test.go), the concurrency limits of
// the 1.35 defaults, and the workspace's documents over the defaults.
import test from 'node:test';
import assert from 'node:assert/strict';
import { apf } from '../../dist/core.js';

const user = (name, groups) => ({ name, groups });
const ui = user('goodu', ['goodg1', 'goodg2']);
// TestLiterals' requests: namespaced resource, cluster-scoped resource, non-resource.
const reqRN = { user: ui, verb: 'goodverb', resource: { apiGroup: 'goodapig', resource: 'goodrscs', namespace: 'goodns' } };
const reqRU = { user: ui, verb: 'goodverb', resource: { apiGroup: 'goodapig', resource: 'goodrscs' } };
const reqN = { user: ui, verb: 'goodverb', path: '/openapi/v2' };
const U = (name) => ({ kind: 'User', user: { name } });
const G = (name) => ({ kind: 'Group', group: { name } });
const rr = (o = {}) => ({ verbs: ['goodverb'], apiGroups: ['goodapig'], resources: ['goodrscs'], namespaces: ['goodns'], ...o });
const nr = (o = {}) => ({ verbs: ['goodverb'], nonResourceURLs: ['/openapi/v2'], ...o });

test('match_test.go TestLiterals: namespaced resource requests', () => {
  for (const rule of [
    { subjects: [U('goodu')], resourceRules: [rr()] },
    { subjects: [G('goodg1')], resourceRules: [rr()] },
    { subjects: [U('*')], resourceRules: [rr()] },
    { subjects: [G('*')], resourceRules: [rr()] },
    { subjects: [U('goodu')], resourceRules: [rr({ verbs: ['*'] })] },
    { subjects: [U('goodu')], resourceRules: [rr({ apiGroups: ['*'] })] },
    { subjects: [U('goodu')], resourceRules: [rr({ resources: ['*'] })] },
    { subjects: [U('goodu')], resourceRules: [rr({ namespaces: ['*'] })] },
  ]) assert.equal(apf.matchesPolicyRule(reqRN, rule), true, JSON.stringify(rule));
  for (const rule of [
    { subjects: [U('badu')], resourceRules: [rr()] },
    { subjects: [G('badg')], resourceRules: [rr()] },
    { subjects: [U('goodu')], resourceRules: [rr({ verbs: ['badverb'] })] },
    { subjects: [U('goodu')], resourceRules: [rr({ apiGroups: ['badapig'] })] },
    { subjects: [U('goodu')], resourceRules: [rr({ resources: ['badrscs'] })] },
    { subjects: [U('goodu')], resourceRules: [rr({ namespaces: ['badns'] })] },
  ]) assert.equal(apf.matchesPolicyRule(reqRN, rule), false, JSON.stringify(rule));
});

test('match_test.go TestLiterals: cluster-scoped requests need clusterScope; non-resource URLs', () => {
  assert.equal(apf.matchesPolicyRule(reqRU, { subjects: [U('goodu')], resourceRules: [rr({ namespaces: undefined, clusterScope: true })] }), true);
  assert.equal(apf.matchesPolicyRule(reqRU, { subjects: [U('goodu')], resourceRules: [rr({ namespaces: ['*'] })] }), false);
  assert.equal(apf.matchesPolicyRule(reqN, { subjects: [U('goodu')], nonResourceRules: [nr()] }), true);
  assert.equal(apf.matchesPolicyRule(reqN, { subjects: [U('goodu')], nonResourceRules: [nr({ nonResourceURLs: ['/openapi/*'] })] }), true);
  assert.equal(apf.matchesPolicyRule(reqN, { subjects: [U('goodu')], nonResourceRules: [nr({ nonResourceURLs: ['/badpath'] })] }), false);
  assert.equal(apf.matchesPolicyRule(reqN, { subjects: [U('goodu')], resourceRules: [rr()] }), false, 'a non-resource request needs a non-resource rule');
  // rule.go: "/healthz" matches "/healthz/etcd"; "/healthz/*" does not match "/healthz".
  const path = (p, urls) => apf.matchesPolicyRule({ ...reqN, path: p }, { subjects: [U('*')], nonResourceRules: [nr({ nonResourceURLs: urls })] });
  assert.deepEqual([path('/healthz/etcd', ['/healthz']), path('/healthz', ['/healthz/*']), path('/healthzz', ['/healthz'])], [true, false, false]);
});

test('subresources are exact; a wildcard is a wildcard only alone; service accounts by namespace', () => {
  const log = { ...reqRN, resource: { ...reqRN.resource, subresource: 'log' } };
  assert.equal(apf.matchesPolicyRule(log, { subjects: [U('goodu')], resourceRules: [rr()] }), false);
  assert.equal(apf.matchesPolicyRule(log, { subjects: [U('goodu')], resourceRules: [rr({ resources: ['goodrscs/log'] })] }), true);
  assert.equal(apf.matchesPolicyRule(reqRN, { subjects: [U('goodu')], resourceRules: [rr({ verbs: ['get', '*'] })] }), false);
  const sa = (name) => ({ ...reqRN, user: user(name, []) });
  const rule = { subjects: [{ kind: 'ServiceAccount', serviceAccount: { namespace: 'kube-system', name: '*' } }], resourceRules: [rr()] };
  assert.deepEqual(['system:serviceaccount:kube-system:x', 'system:serviceaccount:kube-systemx:y', 'system:serviceaccount:kube-syste:m'].map((n) => apf.matchesPolicyRule(sa(n), rule)), [true, false, false]);
});

const config = (yaml = []) => apf.apfConfiguration(yaml.map((object) => ({ object })));
const classify = (c, request) => apf.classify(c, apf.requestDigest(request));

test('the 1.35 defaults: 11 FlowSchemas in matching order (precedence, then name), 8 levels', () => {
  const c = config();
  assert.deepEqual(
    c.flowSchemas.map((f) => `${f.spec.matchingPrecedence} ${f.name}`),
    ['1 exempt', '2 probes', '100 system-leader-election', '400 system-node-high', '500 system-nodes', '800 kube-controller-manager', '800 kube-scheduler', '900 kube-system-service-accounts', '9000 service-accounts', '9900 global-default', '10000 catch-all'],
  );
  assert.deepEqual(c.priorityLevels.map((l) => l.name), ['catch-all', 'exempt', 'global-default', 'leader-election', 'node-high', 'system', 'workload-high', 'workload-low']);
});

test('classification of the defaults: the flow schema, the level, the distinguisher', () => {
  const c = config();
  const at = (request) => { const r = classify(c, request); return `${r.flowSchema} ${r.priorityLevel} "${r.distinguisher}"`; };
  assert.equal(at({ user: 'alice', verb: 'get', resource: 'pods', namespace: 'default' }), 'global-default global-default "alice"');
  assert.equal(at({ user: 'system:kube-scheduler', verb: 'update', resource: 'leases', apiGroup: 'coordination.k8s.io', namespace: 'kube-system' }), 'system-leader-election leader-election "system:kube-scheduler"');
  assert.equal(at({ user: 'system:kube-scheduler', verb: 'list', resource: 'pods', namespace: 'ns1' }), 'kube-scheduler workload-high "ns1"', 'ByNamespace');
  assert.equal(at({ user: 'system:kube-scheduler', verb: 'list', resource: 'nodes' }), 'kube-scheduler workload-high ""', 'ByNamespace, cluster-scoped');
  assert.equal(at({ user: 'system:node:n1', groups: ['system:nodes'], verb: 'patch', resource: 'nodes', subresource: 'status' }), 'system-node-high node-high "system:node:n1"');
  assert.equal(at({ user: 'system:node:n1', groups: ['system:nodes'], verb: 'get', resource: 'secrets', namespace: 'a' }), 'system-nodes system "system:node:n1"');
  assert.equal(at({ user: 'system:serviceaccount:kube-system:coredns', verb: 'watch', resource: 'endpointslices', apiGroup: 'discovery.k8s.io' }), 'kube-system-service-accounts workload-high ""');
  assert.equal(at({ user: 'system:anonymous', verb: 'get', nonResourceURL: '/readyz' }), 'probes exempt ""');
  assert.equal(at({ user: 'system:anonymous', verb: 'get', nonResourceURL: '/version' }), 'global-default global-default "system:anonymous"');
  assert.equal(at({ user: 'root', groups: ['system:masters'], verb: 'delete', resource: 'namespaces' }), 'exempt exempt ""');
  // Groups given with system:unauthenticated: impersonation adds no system:authenticated.
  assert.equal(at({ user: 'x', groups: ['system:unauthenticated'], verb: 'get', nonResourceURL: '/metrics' }), 'global-default global-default "x"');
});

test('exempt and reject levels have no queues', () => {
  const r = classify(config(), { user: 'root', groups: ['system:masters'], verb: 'get', resource: 'pods', namespace: 'a' });
  assert.deepEqual([r.queues, r.handSize, r.hand, r.hashValue, r.note], [0, 0, [], null, 'exempt: requests run at once, without queues or a concurrency limit']);
});

test('shuffle sharding: upstream hashFlowID and Deal (independently computed with Python hashlib)', () => {
  const c = config();
  const hand = (request) => { const r = classify(c, request); return [r.hashValue, r.hand]; };
  assert.deepEqual(hand({ user: 'alice', verb: 'get', resource: 'pods', namespace: 'default' }), ['17644606172554983095', [55, 62, 126, 125, 105, 1]]);
  assert.deepEqual(hand({ user: 'system:serviceaccount:default:default', verb: 'list', resource: 'pods', namespace: 'default' }), ['13424615363282033023', [127, 66, 18, 15, 64, 74]]);
  assert.deepEqual(hand({ user: 'system:serviceaccount:kube-system:x', verb: 'list', resource: 'pods', namespace: 'kube-system' }), ['5788695476672829020', [92, 95, 124, 69, 84, 46]]);
  assert.deepEqual(hand({ user: 'system:kube-scheduler', verb: 'get', resource: 'leases', apiGroup: 'coordination.k8s.io', namespace: 'kube-system' }), ['11657850540737501994', [10, 15, 8, 13]]);
  assert.equal(apf.hashFlowID('workload-team', 'team-a'), 17017472179022229824n);
  assert.deepEqual(apf.deal(64, 8, 17017472179022229824n), [0, 15, 55, 2, 40, 13, 51, 47]);
});

test('shufflesharding_test.go: TestRequiredEntropyBits, TestNewDealer, a full deck is every permutation once', () => {
  assert.deepEqual([apf.requiredEntropyBits(1024, 6), apf.requiredEntropyBits(512, 8)], [60, 72]);
  assert.deepEqual(
    [[-100, 8], [100, 0], [100, 101], [1 << 27, 2], [512, 8], [1024, 6]].map(([d, h]) => apf.dealerError(d, h)),
    ['deckSize -100 or handSize 8 is not positive', 'deckSize 100 or handSize 0 is not positive', 'handSize 101 is greater than deckSize 100', 'deckSize 134217728 is impractically large', 'required entropy bits of deckSize 512 and handSize 8 is greater than 60', undefined],
  );
  // TestDealer_DealIntoHand's dealer (6, 6): hash values 0…719 deal the 720 orders of the deck once each.
  const seen = new Set();
  for (let h = 0n; h < 720n; h++) seen.add(apf.deal(6, 6, h).join(','));
  assert.equal(seen.size, 720);
  assert.deepEqual(apf.deal(6, 6, 0n), [0, 1, 2, 3, 4, 5]);
});

test('nominal concurrency of the 1.35 defaults at 400 + 200 (apf_controller.go finishQueueSetReconfigsLocked)', () => {
  const levels = apf.levelCapacities(config(), 600);
  assert.deepEqual(
    levels.map((l) => `${l.name} ${l.nominalConcurrencyLimit} ${l.lendableConcurrencyLimit} ${l.borrowingConcurrencyLimit}`),
    ['catch-all 13 0 600', 'exempt 0 0 600', 'global-default 49 25 600', 'leader-election 25 0 600', 'node-high 98 25 600', 'system 74 24 600', 'workload-high 98 49 600', 'workload-low 245 221 600'],
  );
  assert.equal(levels.reduce((s, l) => s + l.nominalConcurrencyLimit, 0), 602);
});

const fs = (name, spec, annotations) => ({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name, ...(annotations ? { annotations } : {}) }, spec });
const pl = (name, spec, annotations) => ({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name, ...(annotations ? { annotations } : {}) }, spec });
const limited = (shares, queuing) => ({ type: 'Limited', limited: { nominalConcurrencyShares: shares, limitResponse: queuing ? { type: 'Queue', queuing } : { type: 'Reject' } } });

test('workspace documents: a suggested level overridden, kept or reset by autoupdate-spec; a mandatory one reset', () => {
  const level = (c, name) => c.priorityLevels.find((l) => l.name === name);
  const kept = config([pl('workload-low', limited(10, { queues: 16, handSize: 4 }))]);
  assert.equal(level(kept, 'workload-low').spec.limited.nominalConcurrencyShares, 10);
  assert.deepEqual(level(kept, 'workload-low').spec.limited.limitResponse.queuing, { queues: 16, handSize: 4, queueLengthLimit: 50 }, 'defaulted');
  const reset = config([pl('workload-low', limited(10), { 'apf.kubernetes.io/autoupdate-spec': 'true' })]);
  assert.equal(level(reset, 'workload-low').spec.limited.nominalConcurrencyShares, 100);
  const mandatory = config([pl('catch-all', limited(500))]);
  assert.equal(level(mandatory, 'catch-all').spec.limited.nominalConcurrencyShares, 5);
  assert.equal(mandatory.priorityLevels.find((l) => l.name === 'catch-all').origin.reset, 'mandatory');
  // The exempt level keeps its own shares (ensurer plcSpecEqualish).
  const exempt = config([pl('exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 10 } })]);
  assert.equal(apf.levelCapacities(exempt, 600).find((l) => l.name === 'exempt').nominalConcurrencyLimit, 24);
  // A mandatory FlowSchema is reset too: exempt still takes system:masters.
  const fsReset = config([fs('exempt', { priorityLevelConfiguration: { name: 'global-default' }, matchingPrecedence: 1, rules: [] })]);
  assert.equal(classify(fsReset, { user: 'root', groups: ['system:masters'], verb: 'get', resource: 'pods', namespace: 'a' }).priorityLevel, 'exempt');
});

test('a workspace FlowSchema takes its requests; defaults fill in matchingPrecedence 1000; dangling schemas are skipped', () => {
  const rule = { subjects: [G('team')], resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'] }] };
  const c = config([
    fs('team', { priorityLevelConfiguration: { name: 'team' }, distinguisherMethod: { type: 'ByNamespace' }, rules: [rule] }),
    fs('aaa-dangling', { priorityLevelConfiguration: { name: 'nope' }, matchingPrecedence: 5, rules: [rule] }),
    pl('team', limited(10, { queues: 1, handSize: 1 })),
  ]);
  assert.equal(c.flowSchemas.find((f) => f.name === 'team').spec.matchingPrecedence, 1000);
  const r = classify(c, { user: 'bob', groups: ['team'], verb: 'get', resource: 'pods', namespace: 'x' });
  // One queue: no distinguisher, no hash (startRequest computes them only for more than one queue).
  assert.deepEqual([r.flowSchema, r.priorityLevel, r.distinguisher, r.hashValue, r.hand], ['team', 'team', '', null, [0]]);
});

test('shadowing: certain only', () => {
  const all = { verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'], clusterScope: true };
  const spec = (subjects, resourceRules) => ({ priorityLevelConfiguration: { name: 'x' }, matchingPrecedence: 1000, rules: [{ subjects, resourceRules }] });
  assert.equal(apf.shadows(spec([G('a')], [all]), spec([G('a')], [rr()])), true);
  assert.equal(apf.shadows(spec([G('*')], [rr({ verbs: ['get', 'list', 'goodverb'] })]), spec([U('u')], [rr({ verbs: ['goodverb'] })])), true);
  assert.equal(apf.shadows(spec([G('a')], [rr()]), spec([G('a'), G('b')], [rr()])), false, 'a subject not covered');
  assert.equal(apf.shadows(spec([G('a')], [rr()]), spec([G('a')], [rr({ namespaces: ['*'] })])), false, 'more namespaces');
  assert.equal(apf.shadows(spec([G('a')], [rr()]), spec([G('a')], [rr({ clusterScope: true })])), false, 'cluster scope');
});
