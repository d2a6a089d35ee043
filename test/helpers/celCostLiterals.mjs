// The literals and loops of k8s.io/apiserver pkg/cel/library/cost_test.go, shared by the ports of
// its runtime costs (celCost.test.mjs) and of its estimates (celEstimate.test.mjs).
export const intListLiteral = '[1, 2, 3, 4, 5]';
export const uintListLiteral = '[uint(1), uint(2), uint(3), uint(4), uint(5)]';
export const doubleListLiteral = '[1.0, 2.0, 3.0, 4.0, 5.0]';
export const boolListLiteral = '[false, true, false, true, false]';
export const stringListLiteral = "['012345678901', '012345678901', '012345678901', '012345678901', '012345678901']";
export const bytesListLiteral =
  "[bytes('012345678901'), bytes('012345678901'), bytes('012345678901'), bytes('012345678901'), bytes('012345678901')]";
export const durationListLiteral = "[duration('1s'), duration('2s'), duration('3s'), duration('4s'), duration('5s')]";
export const timestampListLiteral =
  "[timestamp('2011-01-01T00:00:00.000+01:00'), timestamp('2011-01-02T00:00:00.000+01:00'), " +
  "timestamp('2011-01-03T00:00:00.000+01:00'), timestamp('2011-01-04T00:00:00.000+01:00'), " +
  "timestamp('2011-01-05T00:00:00.000+01:00')]";
export const stringLiteral = "'01234567890123456789012345678901234567890123456789'";

/** Upstream's loops: for each group, each op, each [literal, param, ...expected]: [expr, ...expected]. */
export function expand(groups) {
  const cases = [];
  for (const { ops, costs } of groups) {
    for (const op of ops) {
      for (const [literal, param, ...expected] of costs) cases.push([literal + op.replace('%s', param ?? ''), ...expected]);
    }
  }
  return cases;
}
