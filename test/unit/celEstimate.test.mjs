// Estimated costs of x-kubernetes-validations rules, as the API server computes them when a CRD is
// written (cel-go's checker/cost.go with k8s.io/apiserver's library CostEstimator and the schema's
// sizes). Ported from upstream:
// - apiextensions-apiserver pkg/apiserver/schema/cel/compilation_test.go TestCostEstimation: each
//   case's rule on its schema without, then with, maxItems/maxProperties/maxLength (MaxCost; as
//   upstream's schemaChecker, an expectation of 0 is not checked, and "exceeds" is a lower bound),
//   in every release, with the cases each release's table has (v0.24.0–v0.35.0).
// - k8s.io/apiserver pkg/cel/library/cost_test.go: the `expectEsimatedCost` Min/Max of each
//   testCost case (the runtime costs are celCost.test.mjs's), in its testCostEstimator's sizes
//   (strings and bytes of 0 to 12); v0.35.0's, and v0.30.0's where they differ (quantities). The
//   v0.30.0, v0.32.0 and v0.33.0 tables (79, 96, 96 cases without jsonpatch) were also checked
//   against those releases' estimates when this was written.
// Not ported, as in celCost.test.mjs: jsonpatch.escapeKey, the authorizer and semver libraries
// (not in the CRD environment), TestSize and TestTypeEquality (they call the estimator's Go API
// with hand-made nodes).
import test from 'node:test';
import assert from 'node:assert/strict';
import { baseEnvironment, celEstimatedCost, celRuleCosts } from '../../dist/core.js';
import * as upstream from '../helpers/celCostLiterals.mjs';

// ---------------------------------------------------------------------------------------------------
// TestCostEstimation

const COST_LIMIT = 100000000;

const parseRuleType = (t) => {
  if (t === 'duration' || t === 'date' || t === 'date-time') return { type: 'string', format: t };
  if (t === 'int-or-string') return { 'x-kubernetes-int-or-string': true };
  return { type: t };
};
const rules = (rule) => ({ 'x-kubernetes-validations': [{ rule }] });
const maybe = (key, v) => (v === undefined ? {} : { [key]: v });

const genArrayWithRule = (itemType, rule) => (max) => ({ type: 'array', items: parseRuleType(itemType), ...maybe('maxItems', max), ...rules(rule) });
const genArrayOfArraysWithRule = (itemType, rule) => (max) => ({ type: 'array', items: { type: 'array', items: { type: itemType } }, ...maybe('maxItems', max), ...rules(rule) });
const requiredOptional = { type: 'object', properties: { required: { type: 'string' }, optional: { type: 'string' } }, required: ['required'] };
const genObjectArrayWithRule = (rule) => (max) => ({ type: 'array', items: requiredOptional, ...maybe('maxItems', max), ...rules(rule) });
const getMapArrayWithRule = (mapType, rule) => (max) => ({ type: 'array', items: { type: 'object', additionalProperties: { type: mapType } }, ...maybe('maxItems', max), ...rules(rule) });
const genMapWithRule = (mapType, rule) => (max) => ({ type: 'object', additionalProperties: parseRuleType(mapType), ...maybe('maxProperties', max), ...rules(rule) });
const genStringWithRule = (rule) => (max) => ({ type: 'string', ...maybe('maxLength', max), ...rules(rule) });
const genEnumWithRuleAndValues = (rule, ...values) => (max) => ({ type: 'string', ...maybe('maxLength', max), enum: values, ...rules(rule) });
const genBytesWithRule = (rule) => (max) => ({ type: 'string', format: 'byte', ...maybe('maxLength', max), ...rules(rule) });
const genNestedSpecWithRule = (rule) => (max) => ({ type: 'object', additionalProperties: { type: 'string', ...maybe('maxLength', max) }, ...maybe('maxProperties', max), ...rules(rule) });
const genAllMaxNestedSpecWithRootRule = (rule) => (max) => ({
  type: 'array',
  items: { type: 'object', additionalProperties: { ...requiredOptional, ...maybe('maxProperties', max) }, ...maybe('maxProperties', max) },
  ...maybe('maxItems', max),
  ...rules(rule),
});
const genOneMaxNestedSpecWithRootRule = (rule) => (max) => ({
  type: 'array',
  items: { type: 'object', additionalProperties: requiredOptional, ...maybe('maxProperties', max) },
  ...rules(rule),
});
const genMapWithCustomItemRule = (item, rule) => (max) => ({ type: 'object', additionalProperties: item, ...maybe('maxProperties', max), ...rules(rule) });
const genArrayForMap = { type: 'array', items: { type: 'number' } };
const genMapForMap = { type: 'object', additionalProperties: { type: 'number' } };
const stringWithMax = (max) => ({ type: 'string', ...maybe('maxLength', max) });

// [name, generator, expectedCalcCost, expectCalcCostExceedsLimit, setMaxElements, expectedSetCost]
const COST_ESTIMATION = [
  ['number array with all', genArrayWithRule('number', 'self.all(x, true)'), 4718591, 0, 10, 32],
  ['string array with all', genArrayWithRule('string', 'self.all(x, true)'), 3145727, 0, 20, 62],
  ['boolean array with all', genArrayWithRule('boolean', 'self.all(x, true)'), 1887437, 0, 5, 17],
  ['array of number arrays with all', genArrayOfArraysWithRule('number', 'self.all(x, true)'), 3145727, 0, 100, 302],
  ['array of objects with all', genObjectArrayWithRule('self.all(x, true)'), 555128, 0, 50, 152],
  ['map of numbers with all', genMapWithRule('number', 'self.all(x, true)'), 1348169, 0, 10, 32],
  ['map of numbers with has', genMapWithRule('number', 'has(self.x)'), 0, 0, 100, 0],
  ['map of strings with all', genMapWithRule('string', 'self.all(x, true)'), 1179647, 0, 3, 11],
  ['map of strings with has', genMapWithRule('string', 'has(self.x)'), 0, 0, 550, 0],
  ['map of booleans with all', genMapWithRule('boolean', 'self.all(x, true)'), 943718, 0, 100, 302],
  ['map of booleans with has', genMapWithRule('boolean', 'has(self.x)'), 0, 0, 1024, 0],
  ['string with contains', genStringWithRule("self.contains('test')"), 314574, 0, 10, 5],
  ['string with startsWith', genStringWithRule("self.startsWith('test')"), 2, 0, 15, 2],
  ['string with endsWith', genStringWithRule("self.endsWith('test')"), 2, 0, 30, 2],
  ['concat string', genStringWithRule('size(self + "hello") > size("hello")'), 314578, 0, 4, 7],
  ['index of array with numbers', genArrayWithRule('number', 'self[1] == 0.0'), 2, 0, 5000, 2],
  ['index of array with strings', genArrayWithRule('string', 'self[1] == self[1]'), 314577, 0, 8, 314577],
  ['O(n^2) loop with numbers', genArrayWithRule('number', 'self.all(x, self.all(y, true))'), 0, COST_LIMIT, 10, 352],
  ['O(n^3) loop with numbers', genArrayWithRule('number', 'self.all(x, self.all(y, self.all(z, true)))'), 0, COST_LIMIT, 10, 3552],
  ['regex matches simple', genStringWithRule('self.matches("x")'), 314574, 0, 50, 22],
  ['regex matches empty string', genStringWithRule('"".matches("(((((((((())))))))))[0-9]")'), 7, 0, 10, 7],
  ['regex matches empty regex', genStringWithRule('self.matches("")'), 1, 0, 100, 1],
  ['map of strings with value length', genNestedSpecWithRule('self.all(x, x.contains(self[x]))'), 2752507, 0, 10, 72],
  ['set array maxLength to zero', genArrayWithRule('number', 'self[3] == 0.0'), 2, 0, 0, 2],
  ['set map maxLength to zero', genMapWithRule('number', 'self["x"] == 0.0'), 2, 0, 0, 2],
  ['set string maxLength to zero', genStringWithRule('self == "x"'), 2, 0, 0, 1],
  ['set bytes maxLength to zero', genBytesWithRule('self == b"x"'), 2, 0, 0, 1],
  ['set maxLength greater than estimated maxLength', genArrayWithRule('number', 'self.all(x, x == 0.0)'), 6291454, 0, 3 * 1024 * 2048, 25165826],
  ['nested types with root rule with all supporting maxLength', genAllMaxNestedSpecWithRootRule('self.all(x, x["y"].required == "z")'), 7340027, 0, 10, 72],
  ['nested types with root rule with one supporting maxLength', genOneMaxNestedSpecWithRootRule('self.all(x, x["y"].required == "z")'), 7340027, 0, 10, 7340027],
  ['int-or-string array with all', genArrayWithRule('int-or-string', 'self.all(x, true)'), 4718591, 0, 10, 32],
  ['index of array with int-or-strings', genArrayWithRule('int-or-string', 'self[0] == 5'), 3, 0, 10, 3],
  ['index of array with booleans', genArrayWithRule('boolean', 'self[0] == false'), 2, 0, 25, 2],
  ['index of array of objects', genObjectArrayWithRule('self[0] == null'), 2, 0, 422, 2],
  ['index of array of array of numnbers', genArrayOfArraysWithRule('number', 'self[0][0] == -1.0'), 3, 0, 51, 3],
  ['array of number maps with all', getMapArrayWithRule('number', 'self.all(x, x.y == 25.2)'), 6291452, 0, 12, 74],
  ['index of array of number maps', getMapArrayWithRule('number', 'self[0].x > 2.0'), 4, 0, 3000, 4],
  ['duration array with all', genArrayWithRule('duration', 'self.all(x, true)'), 2359295, 0, 5, 17],
  ['index of duration array', genArrayWithRule('duration', 'self[0].getHours() == 2'), 4, 0, 525, 4],
  ['date array with all', genArrayWithRule('date', 'self.all(x, true)'), 725936, 0, 15, 47],
  ['index of date array', genArrayWithRule('date', 'self[2].getDayOfMonth() == 13'), 4, 0, 42, 4],
  ['date-time array with all', genArrayWithRule('date-time', 'self.all(x, true)'), 428963, 0, 25, 77],
  ['index of date-time array', genArrayWithRule('date-time', 'self[2].getMinutes() == 45'), 4, 0, 99, 4],
  ['map of int-or-strings with all', genMapWithRule('int-or-string', 'self.all(x, true)'), 1348169, 0, 15, 47],
  ['map of int-or-strings with has', genMapWithRule('int-or-string', 'has(self.x)'), 0, 0, 5000, 0],
  ['map of objects with all', genMapWithCustomItemRule(requiredOptional, 'self.all(x, true)'), 428963, 0, 20, 62],
  ['map of objects with has', genMapWithCustomItemRule(requiredOptional, 'has(self.x)'), 0, 0, 9001, 0],
  ['map of number maps with all', genMapWithCustomItemRule(genMapForMap, 'self.all(x, true)'), 1179647, 0, 10, 32],
  ['map of number maps with has', genMapWithCustomItemRule(genMapForMap, 'has(self.x)'), 0, 0, 101, 0],
  ['map of number arrays with all', genMapWithCustomItemRule(genArrayForMap, 'self.all(x, true)'), 1179647, 0, 25, 77],
  ['map of number arrays with has', genMapWithCustomItemRule(genArrayForMap, 'has(self.x)'), 0, 0, 40000, 0],
  ['map of durations with all', genMapWithRule('duration', 'self.all(x, true)'), 1048577, 0, 5, 17],
  ['map of durations with has', genMapWithRule('duration', 'has(self.x)'), 0, 0, 256, 0],
  ['map of dates with all', genMapWithRule('date', 'self.all(x, true)'), 524288, 0, 10, 32],
  ['map of dates with has', genMapWithRule('date', 'has(self.x)'), 0, 0, 65536, 0],
  ['map of date-times with all', genMapWithRule('date-time', 'self.all(x, true)'), 349526, 0, 25, 77],
  ['map of date-times with has', genMapWithRule('date-time', 'has(self.x)'), 0, 0, 490, 0],
  ['extended library regex find', genStringWithRule("self.find('[0-9]+') == ''"), 629147, 0, 10, 11],
  [
    'extended library join',
    (max) => ({ type: 'array', 'x-kubernetes-list-type': 'atomic', items: stringWithMax(max), ...maybe('maxItems', max), ...rules("self.join(' ') == 'aa bb'") }),
    329853068905, 0, 10, 43,
  ],
  [
    'extended library isSorted',
    (max) => ({ type: 'array', 'x-kubernetes-list-type': 'atomic', items: stringWithMax(max), ...maybe('maxItems', max), ...rules('self.isSorted() == true') }),
    329854432052, 0, 10, 52,
  ],
  [
    'extended library replace',
    (max) => ({
      type: 'object',
      properties: { str: stringWithMax(max), before: stringWithMax(2), after: stringWithMax(4) },
      ...rules("self.str.replace(self.before, self.after) == 'does not matter'"),
    }),
    629154, 0, 4, 12, { since: 29 }, // the cost comes from the size of replace()'s result
  ],
  [
    'extended library split',
    (max) => ({ type: 'object', properties: { str: stringWithMax(max), separator: stringWithMax(max) }, ...rules('self.str.split(self.separator) == []') }),
    629160, 0, 10, 22,
  ],
  ['extended library lowerAscii', (max) => ({ ...stringWithMax(max), ...rules("self.lowerAscii() == 'lower!'") }), 314575, 0, 10, 6],
  ['check cost of size call', genMapWithRule('integer', 'oldSelf.size() == self.size()'), 5, 0, 10, 5, { since: 26 }],
  ['check cost of timestamp comparison', genMapWithRule('date-time', 'self["a"] == self["b"]'), 8, 0, 7, 8, { since: 26 }],
  ['check cost of duration comparison', genMapWithRule('duration', 'self["c"] == self["d"]'), 8, 0, 42, 8, { since: 26 }],
  ['enums with maxLength equals to the longest possible value', genEnumWithRuleAndValues("self.contains('A')", 'A', 'B', 'C', 'LongValue'), 2, 0, 1000, 401, { since: 29 }],
  ['IntOrString type with quantity rule', (max) => ({ 'x-kubernetes-int-or-string': true, ...maybe('maxLength', max), ...rules('isQuantity(self)') }), 314574, 0, 20, 9, { since: 34 }],
  // Up to 1.28 the replace case had unbounded before/after (and replace() another result size).
  [
    'extended library replace (1.28)',
    (max) => ({ type: 'object', properties: { str: stringWithMax(max), before: stringWithMax(max), after: stringWithMax(max) }, ...rules("self.str.replace(self.before, self.after) == 'does not matter'") }),
    629154, 0, 10, 16, { until: 28 },
  ],
];

/** schemaChecker: the one rule's MaxCost, checked when expected (non-zero), or at least the limit. */
function schemaCheck(schema, expected, exceeds, version = '1.35') {
  const costs = celRuleCosts(schema, version);
  assert.ok(costs, 'estimated');
  assert.equal(costs.rules.length, 1);
  const cost = costs.rules[0].maxCost;
  const actual = [];
  const wanted = [];
  if (expected > 0) (actual.push(cost), wanted.push(BigInt(expected)));
  if (exceeds > 0) (actual.push(cost >= BigInt(exceeds)), wanted.push(true));
  return [actual, wanted];
}

// Upstream's table holds in every release that estimates (1.24–1.35), each case from the release that has it.
for (let minor = 24; minor <= 35; minor++) {
  test(`TestCostEstimation (1.${minor})`, () => {
    const actual = [];
    const wanted = [];
    for (const [name, gen, calc, calcExceeds, setMax, set, { since = 24, until = 35 } = {}] of COST_ESTIMATION) {
      if (minor < since || minor > until) continue;
      const [a1, w1] = schemaCheck(gen(undefined), calc, calcExceeds, `1.${minor}`);
      const [a2, w2] = schemaCheck(gen(setMax), set, 0, `1.${minor}`);
      actual.push([name, 'calc', ...a1], [name, 'set', ...a2]);
      wanted.push([name, 'calc', ...w1], [name, 'set', ...w2]);
    }
    assert.deepEqual(actual, wanted);
  });
}

// ---------------------------------------------------------------------------------------------------
// cost_test.go's estimates

const env = baseEnvironment('1.35');
/** The same without HomogeneousAggregateLiterals, as upstream's testCost environment (see celCost.test.mjs). */
const heterogeneousEnv = env.clone({ homogeneousAggregateLiterals: false });
/** testCostEstimator: strings and bytes of 0 to 12. */
const testSizes = (kind) => (kind === 'string' || kind === 'bytes' ? { min: 0n, max: 12n } : undefined);

/** Each [expr, min, max] as estimated, side by side, so that one deepEqual shows every mismatch. */
function check(cases, e = env) {
  const actual = cases.map(([expr]) => {
    try {
      const { min, max } = celEstimatedCost(e, expr, '1.35', testSizes);
      return [expr, Number(min), Number(max)];
    } catch (error) {
      return [expr, `error: ${error?.message ?? error}`];
    }
  });
  assert.deepEqual(actual, cases);
}

test('TestListsCost (estimates)', () => {
  check(
    upstream.expand([
      {
        ops: ['.sum()'],
        costs: [
          [upstream.intListLiteral, undefined, 15, 15],
          [upstream.uintListLiteral, undefined, 20, 20],
          [upstream.doubleListLiteral, undefined, 15, 15],
          [upstream.durationListLiteral, undefined, 20, 20],
        ],
      },
      {
        ops: ['.isSorted()', '.max()', '.min()'],
        costs: [
          [upstream.intListLiteral, undefined, 15, 15],
          [upstream.uintListLiteral, undefined, 20, 20],
          [upstream.doubleListLiteral, undefined, 15, 15],
          [upstream.boolListLiteral, undefined, 15, 15],
          [upstream.stringListLiteral, undefined, 15, 25], // +5 for string comparisons
          [upstream.bytesListLiteral, undefined, 25, 35],
          [upstream.durationListLiteral, undefined, 20, 20],
          [upstream.timestampListLiteral, undefined, 20, 20],
        ],
      },
    ]),
  );
});

test('TestIndexOfCost (estimates)', () => {
  check(
    upstream.expand([
      {
        ops: ['.indexOf(%s)', '.lastIndexOf(%s)'],
        costs: [
          [upstream.intListLiteral, '3', 15, 15],
          [upstream.uintListLiteral, 'uint(3)', 21, 21],
          [upstream.doubleListLiteral, '3.0', 15, 15],
          [upstream.boolListLiteral, 'true', 15, 15],
          [upstream.stringListLiteral, "'x'", 15, 25],
          [upstream.bytesListLiteral, "bytes('x')", 26, 36],
          [upstream.durationListLiteral, "duration('3s')", 21, 21],
          [upstream.timestampListLiteral, "timestamp('2011-01-03T00:00:00.000+01:00')", 21, 21],
          [upstream.stringLiteral, "'123'", 5, 5],
        ],
      },
    ]),
  );
});

test('TestURLsCost (estimates)', () => {
  const cases = [
    [['.getScheme()', '.getHostname()', '.getHost()', '.getPort()', '.getEscapedPath()', '.getQuery()'], 4, 4],
    [[" == url('https:://kubernetes.io/')"], 7, 9],
    [[" == url('http://x.b')"], 5, 5],
  ];
  check(cases.flatMap(([ops, min, max]) => ops.map((op) => [`url('https:://kubernetes.io/')${op}`, min, max])));
});

test('TestIPCost (estimates)', () => {
  const ipv4 = "ip('192.168.0.1')";
  const ipv6 = "ip('2001:db8:3333:4444:5555:6666:7777:8888')";
  const bases = [[ipv4, 2], [ipv6, 4]];
  const groups = [
    [[''], (c) => c],
    [['.family()', '.isUnspecified()', '.isLoopback()', '.isLinkLocalMulticast()', '.isLinkLocalUnicast()', '.isGlobalUnicast()'], (c) => c + 1],
    [[" == ip('192.168.0.1')"], (c) => c + 2 + 1],
  ];
  const cases = [];
  for (const [ops, cost] of groups) for (const op of ops) for (const [ip, base] of bases) cases.push([ip + op, cost(base), cost(base)]);
  check(cases);
});

test('TestIPIsCanonicalCost (estimates)', () => {
  check([
    ["ip.isCanonical('192.168.0.1')", 3, 3],
    ["ip.isCanonical('2001:db8:3333:4444:5555:6666:7777:8888')", 8, 8],
    ["ip.isCanonical('2001:db8::abcd')", 3, 3],
  ]);
});

test('TestCIDRCost (estimates)', () => {
  const ipv4 = "cidr('192.168.0.0/16')";
  const ipv6 = "cidr('2001:db8::/32')";
  const base = 2;
  const common = [
    [[''], 0, 0],
    [['.ip()', '.prefixLength()', '.masked()'], 1, 1],
    [[" == cidr('2001:db8::/32')"], base + 1, base + 1],
  ];
  const ipv4Groups = [
    ...common,
    [[".containsCIDR(cidr('192.0.0.0/30'))", ".containsCIDR(cidr('192.168.0.0/16'))", ".containsCIDR('192.0.0.0/30')", ".containsCIDR('192.168.0.0/16')"], 5, 9],
    [[".containsIP(ip('192.0.0.1'))"], 2, 5],
    [[".containsIP(ip('192.169.0.1'))", ".containsIP(ip('192.169.169.250'))"], 3, 6],
    [[".containsIP('192.0.0.1')"], 2, 5],
    [[".containsIP('192.169.0.1')"], 3, 6],
  ];
  const ipv6Groups = [
    ...common,
    [[".containsCIDR(cidr('2001:db8::/126'))", ".containsCIDR(cidr('2001:db8::/32'))", ".containsCIDR('2001:db8::/126')", ".containsCIDR('2001:db8::/32')"], 5, 9],
    [[".containsIP(ip('2001:db8:3333:4444:5555:6666:7777:8888'))"], 5, 8],
    [[".containsIP(ip('2001:db8::1'))"], 3, 6],
    [[".containsIP('2001:db8:3333:4444:5555:6666:7777:8888')"], 5, 8],
    [[".containsIP('2001:db8::1')"], 3, 6],
  ];
  const cases = [];
  for (const [ops, min, max] of ipv4Groups) for (const op of ops) cases.push([ipv4 + op, base + min, base + max]);
  for (const [ops, min, max] of ipv6Groups) for (const op of ops) cases.push([ipv6 + op, base + min, base + max]);
  check(cases);
});

test('TestStringLibrary (estimates)', () => {
  check([
    ["'ABCDEFGHIJ abcdefghij'.lowerAscii()", 3, 3],
    ["'ABCDEFGHIJ abcdefghij'.lowerAscii() == 'abcdefghij ABCDEFGHIJ'.lowerAscii()", 7, 9],
    ["'ABCDEFGHIJ abcdefghij'.upperAscii()", 3, 3],
    ["'ABCDEFGHIJ abcdefghij'.upperAscii() == 'abcdefghij ABCDEFGHIJ'.upperAscii()", 7, 9],
    ["strings.quote('ABCDEFGHIJ abcdefghij')", 3, 3],
    ["strings.quote('ABCDEFGHIJ abcdefghij') == strings.quote('ABCDEFGHIJ abcdefghij')", 7, 11],
    ["'abc 123 def 123'.replace('123', '456')", 3, 3],
    ["'abc 123 def 123'.replace('', 'x')", 3, 3],
    ["'abc 123 def 123'.replace('123', '')", 3, 3],
    ["'abc 123 def 123'.replace('123', '456', 1)", 3, 3],
    ["'abc 123 def 123'.split(' ')", 3, 3],
    ["'abc 123 def 123'.split(' ', 1)", 3, 3],
    ["'abc 123 def 123'.substring(5)", 2, 2],
    ["'abc 123 def 123'.substring(5, 8)", 2, 2],
    ["'  abc 123 def 123  '.trim()", 2, 2],
    ["['aa', 'bb', 'cc', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join(' ')", 11, 23],
    ["['aa', 'bb', 'cc', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join()", 10, 22],
    ["'abc 123 def 123'.find('123')", 2, 2],
    ["'abc 123 def 123'.findAll('123')", 2, 2],
    ["'abc 123 def 123'.findAll('123', 1)", 2, 2],
  ]);
});

test('TestQuantityCost (estimates)', () => {
  check([
    ['quantity("12Mi")', 1, 1],
    ['isQuantity("20")', 1, 1],
    ['isQuantity("20M")', 1, 1],
    ['quantity("200M") == quantity("200M")', 3, 3],
    ['quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")', 3, 6],
    ['quantity("2M") == quantity("0.002G") && quantity("2000k") == quantity("2M") && quantity("0.002G") == quantity("2000k")', 3, 9],
    ['quantity("50M").isLessThan(quantity("50Mi"))', 3, 3],
    ['quantity("50Mi").isGreaterThan(quantity("50M"))', 3, 3],
    ['quantity("200M").compareTo(quantity("0.2G")) > 0', 4, 4],
    ['quantity("50k").add(quantity("20")) == quantity("50.02k")', 5, 5],
    ['quantity("50k").sub(quantity("20")) == quantity("49.98k")', 5, 5],
    ['quantity("50k").sub(20) == quantity("49980")', 4, 4],
    ['quantity("50k").add(20).sub(quantity("100k")).asInteger() > 0', 6, 6],
    ['quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger() > 0', 7, 7],
    ['quantity("50k").asInteger() > 0', 3, 3],
    ['quantity("50").isInteger()', 2, 2],
    ['quantity("50.703k").asApproximateFloat() > 0.0', 3, 3],
  ]);
});

test('TestQuantityCost (estimates, v0.30.0: before `_==_` of quantities cost 1, from 1.32)', () => {
  const check130 = (cases) =>
    assert.deepEqual(
      cases.map(([expr]) => {
        const { min, max } = celEstimatedCost(baseEnvironment('1.30'), expr, '1.30', testSizes);
        return [expr, min, max];
      }),
      cases,
    );
  // A quantity's size is unknown: equality is the smaller size (unknown) × 0.1.
  check130([
    ['quantity("200M") == quantity("200M")', 3n, 1844674407370955266n],
    ['quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")', 3n, 3689348814741910532n],
    ['quantity("2M") == quantity("0.002G") && quantity("2000k") == quantity("2M") && quantity("0.002G") == quantity("2000k")', 3n, 5534023222112865798n],
    ['quantity("50k").add(quantity("20")) == quantity("50.02k")', 5n, 1844674407370955268n],
    ['quantity("50k").sub(quantity("20")) == quantity("49.98k")', 5n, 1844674407370955268n],
    ['quantity("50k").sub(20) == quantity("49980")', 4n, 1844674407370955267n],
    ['quantity("12Mi")', 1n, 1n],
    ['quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger() > 0', 7n, 7n],
  ]);
});

test('TestNameFormatCost (estimates)', () => {
  check([
    ['format.named("dns1123subdomain")', 1, 1],
    ['format.named("dns1123Subdomain").value().validate("my-name")', 34, 34],
    ['format.named("dns1123Label").value().validate("my-name")', 34, 34],
    ['format.named("dns1123Label").value().validate("my-name")', 34, 34],
    ['format.named("dns1123Label").value() == format.named("dns1123Label").value()', 5, 11],
  ]);
});

test('TestSetsCost (estimates)', () => {
  check([
    ['sets.contains([], [])', 21, 21],
    ['sets.contains([1], [])', 21, 21],
    ['sets.contains([1], [1])', 22, 22],
    ['sets.contains([1], [1, 1])', 23, 23],
    ['sets.contains([1, 1], [1])', 23, 23],
    ['sets.contains([2, 1], [1])', 23, 23],
    ['sets.contains([1, 2, 3, 4], [2, 3])', 29, 29],
    ['sets.contains([1], [1.0, 1])', 23, 23],
    ['sets.contains([1, 2], [2u, 2.0])', 25, 25],
    ['sets.contains([1, 2u], [2, 2.0])', 25, 25],
    ['sets.contains([1, 2.0, 3u], [1.0, 2u, 3])', 30, 30],
    ['sets.contains([[1], [2, 3]], [[2, 3.0]])', 53, 53],
    ['!sets.contains([1], [2])', 23, 23],
    ['!sets.contains([1], [1, 2])', 24, 24],
    ['!sets.contains([1], ["1", 1])', 24, 24],
    ['!sets.contains([1], [1.1, 1u])', 24, 24],
    ['sets.equivalent([], [])', 21, 21],
    ['sets.equivalent([1], [1])', 23, 23],
    ['sets.equivalent([1], [1, 1])', 25, 25],
    ['sets.equivalent([1, 1], [1])', 25, 25],
    ['sets.equivalent([1], [1u, 1.0])', 25, 25],
    ['sets.equivalent([1], [1u, 1.0])', 25, 25],
    ['sets.equivalent([1, 2, 3], [3u, 2.0, 1])', 39, 39],
    ['sets.equivalent([[1.0], [2, 3]], [[1], [2, 3.0]])', 69, 69],
    ['!sets.equivalent([2, 1], [1])', 26, 26],
    ['!sets.equivalent([1], [1, 2])', 26, 26],
    ['!sets.equivalent([1, 2], [2u, 2, 2.0])', 34, 34],
    ['!sets.equivalent([1, 2], [1u, 2, 2.3])', 34, 34],
    ['sets.intersects([1], [1])', 22, 22],
    ['sets.intersects([1], [1, 1])', 23, 23],
    ['sets.intersects([1, 1], [1])', 23, 23],
    ['sets.intersects([2, 1], [1])', 23, 23],
    ['sets.intersects([1], [1, 2])', 23, 23],
    ['sets.intersects([1], [1.0, 2])', 23, 23],
    ['sets.intersects([1, 2], [2u, 2, 2.0])', 27, 27],
    ['sets.intersects([1, 2], [1u, 2, 2.3])', 27, 27],
    ['sets.intersects([[1], [2, 3]], [[1, 2], [2, 3.0]])', 65, 65],
    ['!sets.intersects([], [])', 22, 22],
    ['!sets.intersects([1], [])', 22, 22],
    ['!sets.intersects([1], [2])', 23, 23],
    ['!sets.intersects([1], ["1", 2])', 24, 24],
    ['!sets.intersects([1], [1.1, 2u])', 24, 24],
  ], heterogeneousEnv);
});

test('TestTwoVariableComprehensionCost (estimates)', () => {
  check([
    ["{'a': 1, 'b': 2}.all(k, v, v > 0)", 37, 41],
    ["{'a': 1, 'b': 2}.exists(k, v, v > 0)", 39, 43],
    ["{'a': 1, 'b': 2}.existsOne(k, v, v > 0)", 38, 40],
    ["{'a': 1, 'b': 2}.transformMap(k, v, v + 1)", 71, 71],
    ["{'a': 1, 'b': 2}.transformMap(k, v, v < 5, v + 1)", 67, 75],
    ["{'a': 1, 'b': 2}.transformMapEntry(k, v, {k: v + 1})", 131, 131],
    ["{'a': 1, 'b': 2}.transformMapEntry(k, v, v < 5, {k: v + 1})", 67, 135],
    ['[1, 2].all(i, v, v > 0)', 17, 21],
    ['[1, 2].exists(i, v, v > 0)', 19, 23],
    ['[1, 2].existsOne(i, v, v > 0)', 18, 20],
    ['[1, 2].transformList(i, v, v + 1)', 49, 49],
    ['[1, 2].transformList(i, v, v < 5, v + 1)', 27, 53],
  ]);
});

// ---------------------------------------------------------------------------------------------------
// What changed from release to release (each release's cel-go checker/cost.go and library/cost.go)

test('estimates by release: has() and a global call with an argument', () => {
  const rule = (r) => ({ type: 'object', properties: { a: { type: 'string' } }, 'x-kubernetes-validations': [{ rule: r }] });
  const cost = (r, v) => celRuleCosts(rule(r), v)?.rules[0].maxCost;
  // has(): nothing up to cel-go 0.12 (1.27); 1 and its operand in 0.16 (1.28); the operand since.
  assert.deepEqual(
    ['1.23', '1.24', '1.27', '1.28', '1.29', '1.35'].map((v) => cost('has(self.a)', v)),
    [undefined, 0n, 0n, 2n, 1n, 1n],
  );
  // isQuantity(s): a traversal of s from 1.30; in 1.33 `target != nil` fails for a global call (1).
  assert.deepEqual(
    ['1.28', '1.29', '1.30', '1.32', '1.33', '1.34', '1.35'].map((v) => cost('isQuantity(self.a)', v)),
    [3n, 3n, 314575n, 314575n, 3n, 314575n, 314575n],
  );
});
