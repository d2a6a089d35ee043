// Runtime costs of the Kubernetes CEL libraries, as cel-go's cost tracker counts them with the
// API server's CallCost estimator. Ported from upstream
// k8s.io/apiserver staging/src/k8s.io/apiserver/pkg/cel/library/cost_test.go (the
// `expectRuntimeCost` / `expectedRuntimeCost` values only, not the estimates): one test() per
// upstream Test function, named after it, with its cases in upstream's order.
//
// Upstream's testCost evaluates with cel-go's default planner (no OptOptimize) and a tracker
// whose PresenceTestHasCost is its default, true (upstream's PresenceTestHasCost(false) is an
// estimator option only); hence { optimize: false, presenceTestHasCost: true } below.
//
// Not ported:
// - TestStringLibrary "jsonpatch.escapeKey": the jsonpatch library is not in the CRD validation
//   environment (it is MutatingAdmissionPolicy's), and not in ours.
// - TestAuthzLibrary: the authorizer library is not in the CRD validation environment.
// - TestSemverCost: the semver library (isSemver, semver) is not in our environment.
// - TestIncludesCost (newer upstream only, lists ListsVersion(1)): `list.includes` is not in our
//   environment.
// - TestSize, TestTypeEquality: they test the estimator and its type coverage, not runtime cost.
//
// Upstream's testCost environment lacks cel.HomogeneousAggregateLiterals, which the API server's
// base environment (environment/base.go) and ours have: TestSetsCost's mixed literals such as
// `[1, 2u]` do not compile there. Its cases run in a clone of our environment without that check
// (the check is a type check only; it changes no cost).
import test from 'node:test';
import assert from 'node:assert/strict';
import { baseEnvironment, trackedCelCost } from '../../dist/core.js';
import {
  boolListLiteral,
  bytesListLiteral,
  doubleListLiteral,
  durationListLiteral,
  expand,
  intListLiteral,
  stringListLiteral,
  stringLiteral,
  timestampListLiteral,
  uintListLiteral,
} from '../helpers/celCostLiterals.mjs';

const env = baseEnvironment('1.35');
/** The same without HomogeneousAggregateLiterals, as upstream's testCost environment. */
const heterogeneousEnv = env.clone({ homogeneousAggregateLiterals: false });

/** What testCost's cel.CostTracking reports for `expr` (MaxUint64 limit, default planner). */
const runtimeCost = (expr, e = env) =>
  trackedCelCost(Number.MAX_SAFE_INTEGER, () => e.evaluate(expr, {}), { optimize: false, presenceTestHasCost: true });

/**
 * Each [expr, cost] as evaluated: [expr, cost] when it evaluates without error, else the error
 * next to it, so that one deepEqual shows every mismatch at once.
 */
function check(cases, e = env) {
  const actual = cases.map(([expr]) => {
    const { error, cost } = runtimeCost(expr, e);
    return error === undefined ? [expr, cost] : [expr, cost, `error: ${error?.message ?? error}`];
  });
  assert.deepEqual(actual, cases);
}

test('TestListsCost', () => {
  check(
    expand([
      {
        ops: ['.sum()'],
        // 10 for the list literal, the rest the function call
        costs: [
          [intListLiteral, undefined, 15],
          [uintListLiteral, undefined, 20], // +5 for casts
          [doubleListLiteral, undefined, 15],
          [durationListLiteral, undefined, 20], // +5 for casts
        ],
      },
      {
        ops: ['.isSorted()', '.max()', '.min()'],
        costs: [
          [intListLiteral, undefined, 15],
          [uintListLiteral, undefined, 20], // +5 for numeric casts
          [doubleListLiteral, undefined, 15],
          [boolListLiteral, undefined, 15],
          [stringListLiteral, undefined, 15],
          [bytesListLiteral, undefined, 25], // +10 for casts from string to bytes
          [durationListLiteral, undefined, 20], // +5 for casts
          [timestampListLiteral, undefined, 20], // +5 for casts
        ],
      },
    ]),
  );
});

test('TestIndexOfCost', () => {
  check(
    expand([
      {
        ops: ['.indexOf(%s)', '.lastIndexOf(%s)'],
        costs: [
          [intListLiteral, '3', 15],
          [uintListLiteral, 'uint(3)', 21], // +5 for numeric casts
          [doubleListLiteral, '3.0', 15],
          [boolListLiteral, 'true', 15],
          [stringListLiteral, "'x'", 15],
          [bytesListLiteral, "bytes('x')", 26], // +11 for casts from string to bytes
          [durationListLiteral, "duration('3s')", 21], // +6 for casts
          [timestampListLiteral, "timestamp('2011-01-03T00:00:00.000+01:00')", 21], // +6 for casts
          // indexOf and lastIndexOf are also defined for strings
          [stringLiteral, "'123'", 5],
        ],
      },
    ]),
  );
});

test('TestURLsCost', () => {
  const cases = [
    [['.getScheme()', '.getHostname()', '.getHost()', '.getPort()', '.getEscapedPath()', '.getQuery()'], 4],
    [[" == url('https:://kubernetes.io/')"], 7],
    [[" == url('http://x.b')"], 5],
  ];
  check(cases.flatMap(([ops, cost]) => ops.map((op) => [`url('https:://kubernetes.io/')${op}`, cost])));
});

test('TestIPCost', () => {
  const ipv4 = "ip('192.168.0.1')";
  const ipv4Base = 2;
  const ipv6 = "ip('2001:db8:3333:4444:5555:6666:7777:8888')";
  const ipv6Base = 4;
  const groups = [
    // Just parsing the IP: the base.
    [[''], (c) => c],
    // Most other operations: the base + 1.
    [['.family()', '.isUnspecified()', '.isLoopback()', '.isLinkLocalMulticast()', '.isLinkLocalUnicast()', '.isGlobalUnicast()'], (c) => c + 1],
    [[" == ip('192.168.0.1')"], (c) => c + ipv4Base + 1],
  ];
  const cases = [];
  for (const [ops, cost] of groups) {
    for (const op of ops) cases.push([ipv4 + op, cost(ipv4Base)], [ipv6 + op, cost(ipv6Base)]);
  }
  check(cases);
});

test('TestIPIsCanonicalCost', () => {
  check([
    ["ip.isCanonical('192.168.0.1')", 3],
    ["ip.isCanonical('2001:db8:3333:4444:5555:6666:7777:8888')", 8],
    ["ip.isCanonical('2001:db8::abcd')", 3],
  ]);
});

test('TestCIDRCost', () => {
  const ipv4 = "cidr('192.168.0.0/16')";
  const ipv4Base = 2;
  const ipv6 = "cidr('2001:db8::/32')";
  const ipv6Base = 2;
  const common = [
    // Just parsing the CIDR: the base.
    [[''], (c) => c],
    // Most other operations: the base + 1.
    [['.ip()', '.prefixLength()', '.masked()'], (c) => c + 1],
    [[" == cidr('2001:db8::/32')"], (c) => c + ipv6Base + 1],
  ];
  const ipv4Groups = [
    ...common,
    [[".containsCIDR(cidr('192.0.0.0/30'))"], (c) => c + 5],
    [[".containsCIDR(cidr('192.168.0.0/16'))"], (c) => c + 5],
    [[".containsCIDR('192.0.0.0/30')"], (c) => c + 5],
    [[".containsCIDR('192.168.0.0/16')"], (c) => c + 5],
    [[".containsIP(ip('192.0.0.1'))"], (c) => c + 2],
    [[".containsIP(ip('192.169.0.1'))"], (c) => c + 3],
    [[".containsIP(ip('192.169.169.250'))"], (c) => c + 3],
    [[".containsIP('192.0.0.1')"], (c) => c + 2],
    [[".containsIP('192.169.0.1')"], (c) => c + 3],
  ];
  const ipv6Groups = [
    ...common,
    [[".containsCIDR(cidr('2001:db8::/126'))"], (c) => c + 5],
    [[".containsCIDR(cidr('2001:db8::/32'))"], (c) => c + 5],
    [[".containsCIDR('2001:db8::/126')"], (c) => c + 5],
    [[".containsCIDR('2001:db8::/32')"], (c) => c + 5],
    [[".containsIP(ip('2001:db8:3333:4444:5555:6666:7777:8888'))"], (c) => c + 5],
    [[".containsIP(ip('2001:db8::1'))"], (c) => c + 3],
    [[".containsIP('2001:db8:3333:4444:5555:6666:7777:8888')"], (c) => c + 5],
    [[".containsIP('2001:db8::1')"], (c) => c + 3],
  ];
  const cases = [];
  for (const [ops, cost] of ipv4Groups) for (const op of ops) cases.push([ipv4 + op, cost(ipv4Base)]);
  for (const [ops, cost] of ipv6Groups) for (const op of ops) cases.push([ipv6 + op, cost(ipv6Base)]);
  check(cases);
});

test('TestStringLibrary', () => {
  check([
    ["'ABCDEFGHIJ abcdefghij'.lowerAscii()", 3], // lowerAscii
    ["'ABCDEFGHIJ abcdefghij'.lowerAscii() == 'abcdefghij ABCDEFGHIJ'.lowerAscii()", 9], // lowerAsciiEquals
    ["'ABCDEFGHIJ abcdefghij'.upperAscii()", 3], // upperAscii
    ["'ABCDEFGHIJ abcdefghij'.upperAscii() == 'abcdefghij ABCDEFGHIJ'.upperAscii()", 9], // upperAsciiEquals
    ["strings.quote('ABCDEFGHIJ abcdefghij')", 3], // quote
    ["strings.quote('ABCDEFGHIJ abcdefghij') == strings.quote('ABCDEFGHIJ abcdefghij')", 9], // quoteEquals
    ["'abc 123 def 123'.replace('123', '456')", 3], // replace
    ["'abc 123 def 123'.replace('', 'x')", 3], // replace between all chars
    ["'abc 123 def 123'.replace('123', '')", 3], // replace with empty
    ["'abc 123 def 123'.replace('123', '456', 1)", 3], // replace with limit
    ["'abc 123 def 123'.split(' ')", 3], // split
    ["'abc 123 def 123'.split(' ', 1)", 3], // split with limit
    ["'abc 123 def 123'.substring(5)", 2], // substring
    ["'abc 123 def 123'.substring(5, 8)", 2], // substring with end
    ["'  abc 123 def 123  '.trim()", 2], // trim
    ["['aa', 'bb', 'cc', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join(' ')", 15], // join with separator
    ["['aa', 'bb', 'cc', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join()", 13], // join
    ["'abc 123 def 123'.find('123')", 2], // find
    ["'abc 123 def 123'.findAll('123')", 2], // findAll
    ["'abc 123 def 123'.findAll('123', 1)", 2], // findAll with limit
    // jsonpatch.escapeKey: not in our environment (see the header).
  ]);
});

test('TestQuantityCost', () => {
  check([
    ['quantity("12Mi")', 1], // path
    ['isQuantity("20")', 1], // isQuantity
    ['isQuantity("20M")', 1], // isQuantity_megabytes
    ['quantity("200M") == quantity("200M")', 3], // equality_reflexivity
    ['quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")', 6], // equality_symmetry
    [
      'quantity("2M") == quantity("0.002G") && quantity("2000k") == quantity("2M") && quantity("0.002G") == quantity("2000k")',
      9,
    ], // equality_transitivity
    ['quantity("50M").isLessThan(quantity("50Mi"))', 3], // quantity_less
    ['quantity("50Mi").isGreaterThan(quantity("50M"))', 3], // quantity_greater
    ['quantity("200M").compareTo(quantity("0.2G")) > 0', 4], // compare_equal
    ['quantity("50k").add(quantity("20")) == quantity("50.02k")', 5], // add_quantity
    ['quantity("50k").sub(quantity("20")) == quantity("49.98k")', 5], // sub_quantity
    ['quantity("50k").sub(20) == quantity("49980")', 4], // sub_int
    ['quantity("50k").add(20).sub(quantity("100k")).asInteger() > 0', 6], // arith_chain_1
    ['quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger() > 0', 7], // arith_chain
    ['quantity("50k").asInteger() > 0', 3], // as_integer
    ['quantity("50").isInteger()', 2], // is_integer
    ['quantity("50.703k").asApproximateFloat() > 0.0', 3], // as_float
  ]);
});

test('TestNameFormatCost', () => {
  check([
    ['format.named("dns1123subdomain")', 1], // format.named
    ['format.named("dns1123Subdomain").value().validate("my-name")', 17], // format.dns1123Subdomain.validate
    ['format.named("dns1123Label").value().validate("my-name")', 10], // format.dns1123label.validate
    ['format.named("dns1123Label").value().validate("my-name")', 10], // format.dns1123label.validate
    ['format.named("dns1123Label").value() == format.named("dns1123Label").value()', 5], // format.dns1123label.validate
  ]);
});

test('TestSetsCost', () => {
  check([
    ['sets.contains([], [])', 21],
    ['sets.contains([1], [])', 21],
    ['sets.contains([1], [1])', 22],
    ['sets.contains([1], [1, 1])', 23],
    ['sets.contains([1, 1], [1])', 23],
    ['sets.contains([2, 1], [1])', 23],
    ['sets.contains([1, 2, 3, 4], [2, 3])', 29],
    ['sets.contains([1], [1.0, 1])', 23],
    ['sets.contains([1, 2], [2u, 2.0])', 25],
    ['sets.contains([1, 2u], [2, 2.0])', 25],
    ['sets.contains([1, 2.0, 3u], [1.0, 2u, 3])', 30],
    ['sets.contains([[1], [2, 3]], [[2, 3.0]])', 53], // 10 for each list creation, top-level list sizes are 2, 1
    ['!sets.contains([1], [2])', 23],
    ['!sets.contains([1], [1, 2])', 24],
    ['!sets.contains([1], ["1", 1])', 24],
    ['!sets.contains([1], [1.1, 1u])', 24],

    // set equivalence (the cost factor is higher: it is basically two contains checks)
    ['sets.equivalent([], [])', 21],
    ['sets.equivalent([1], [1])', 23],
    ['sets.equivalent([1], [1, 1])', 25],
    ['sets.equivalent([1, 1], [1])', 25],
    ['sets.equivalent([1], [1u, 1.0])', 25],
    ['sets.equivalent([1], [1u, 1.0])', 25],
    ['sets.equivalent([1, 2, 3], [3u, 2.0, 1])', 39],
    ['sets.equivalent([[1.0], [2, 3]], [[1], [2, 3.0]])', 69],
    ['!sets.equivalent([2, 1], [1])', 26],
    ['!sets.equivalent([1], [1, 2])', 26],
    ['!sets.equivalent([1, 2], [2u, 2, 2.0])', 34],
    ['!sets.equivalent([1, 2], [1u, 2, 2.3])', 34],

    ['sets.intersects([1], [1])', 22],
    ['sets.intersects([1], [1, 1])', 23],
    ['sets.intersects([1, 1], [1])', 23],
    ['sets.intersects([2, 1], [1])', 23],
    ['sets.intersects([1], [1, 2])', 23],
    ['sets.intersects([1], [1.0, 2])', 23],
    ['sets.intersects([1, 2], [2u, 2, 2.0])', 27],
    ['sets.intersects([1, 2], [1u, 2, 2.3])', 27],
    ['sets.intersects([[1], [2, 3]], [[1, 2], [2, 3.0]])', 65],
    ['!sets.intersects([], [])', 22],
    ['!sets.intersects([1], [])', 22],
    ['!sets.intersects([1], [2])', 23],
    ['!sets.intersects([1], ["1", 2])', 24],
    ['!sets.intersects([1], [1.1, 2u])', 24],
  ], heterogeneousEnv);
});

test('TestTwoVariableComprehensionCost', () => {
  check([
    ["{'a': 1, 'b': 2}.all(k, v, v > 0)", 41], // map all
    ["{'a': 1, 'b': 2}.exists(k, v, v > 0)", 40], // map exists
    ["{'a': 1, 'b': 2}.existsOne(k, v, v > 0)", 40], // map existsOne
    ["{'a': 1, 'b': 2}.transformMap(k, v, v + 1)", 71], // map transformMap
    ["{'a': 1, 'b': 2}.transformMap(k, v, v < 5, v + 1)", 75], // map transformMap with filter
    ["{'a': 1, 'b': 2}.transformMapEntry(k, v, {k: v + 1})", 131], // map transformMapEntry
    ["{'a': 1, 'b': 2}.transformMapEntry(k, v, v < 5, {k: v + 1})", 135], // map transformMapEntry with filter

    ['[1, 2].all(i, v, v > 0)', 21], // list all
    ['[1, 2].exists(i, v, v > 0)', 20], // list exists
    ['[1, 2].existsOne(i, v, v > 0)', 20], // list existsOne
    ['[1, 2].transformList(i, v, v + 1)', 49], // list transformList
    ['[1, 2].transformList(i, v, v < 5, v + 1)', 53], // list transformList with filter
  ]);
});
