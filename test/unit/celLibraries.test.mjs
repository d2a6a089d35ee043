// The Kubernetes CEL libraries and cel-go's extensions as the API server's environment has them
// (k8s.io/apiserver/pkg/cel/environment/base.go), with upstream's test cases: quantity_test.go
// TestQuantity, format_test.go TestFormat, apiextensions-apiserver's schema/cel validation_test.go
// ("stdlib list functions", "stdlib regex functions", "quantity", the cost cases), cel-go's
// ext/strings_test.go, ext/formatting_test.go, ext/sets_test.go and ext/comprehensions_test.go.
import test from 'node:test';
import assert from 'node:assert/strict';
import { baseEnvironment, trackedCelCost } from '../../dist/core.js';

const evaluate = (expr, version = '1.35') => baseEnvironment(version).evaluate(expr, {});
/** The error's message without cel-js's source excerpt. */
function error(expr, version = '1.35') {
  try {
    evaluate(expr, version);
  } catch (e) {
    return e.summary ?? e.message;
  }
  assert.fail(`no error for ${expr} (${version})`);
}
const holds = (exprs, version = '1.35') => {
  for (const e of exprs) assert.equal(evaluate(e, version), true, `${e} (${version})`);
};
const fails = (cases, version = '1.35') => {
  for (const [e, message] of Object.entries(cases)) assert.equal(error(e, version), message, `${e} (${version})`);
};
/** The cost the library calls add to an evaluation (cost.go CallCost). */
const cost = (expr, version = '1.35') => trackedCelCost(Number.MAX_SAFE_INTEGER, () => evaluate(expr, version)).cost;

const FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

test('quantity: TestQuantity (quantity_test.go)', () => {
  holds([
    'quantity("12Mi") == quantity("12582912")', // parse
    'isQuantity("20")',
    'isQuantity("20M")',
    'isQuantity("20Mi")',
    'isQuantity("20Mo") == false', // isQuantity_invalidSuffix
    'isQuantity("10Mm") == false', // isQuantity_passingRegex
    'quantity("200M") == quantity("200M")', // equality_reflexivity
    'quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")', // equality_symmetry
    'quantity("2M") == quantity("0.002G") && quantity("2000k") == quantity("2M") && quantity("0.002G") == quantity("2000k")',
    '(quantity("200M") == quantity("0.3G")) == false', // inequality
    'quantity("50M").isLessThan(quantity("50Mi"))', // quantity_less
    'quantity("50M").isLessThan(quantity("100M"))',
    'quantity("100M").isLessThan(quantity("50M")) == false',
    'quantity("50Mi").isGreaterThan(quantity("50M"))', // quantity_greater
    'quantity("150Mi").isGreaterThan(quantity("100Mi"))',
    'quantity("50M").isGreaterThan(quantity("100M")) == false',
    'quantity("200M").compareTo(quantity("0.2G")) == 0', // compare_equal
    'quantity("50M").compareTo(quantity("50Mi")) == -1', // compare_less
    'quantity("50Mi").compareTo(quantity("50M")) == 1', // compare_greater
    'quantity("50k").add(quantity("20")) == quantity("50.02k")', // add_quantity
    'quantity("50k").add(20).isLessThan(quantity("50020")) == false', // add_int
    'quantity("50k").sub(quantity("20")) == quantity("49.98k")', // sub_quantity
    'quantity("50k").sub(20) == quantity("49980")', // sub_int
    'quantity("50k").add(20).sub(quantity("100k")).asInteger() == -49980', // arith_chain_1
    'quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger() == 20', // arith_chain
    'quantity("50k").asInteger() == 50000', // as_integer
    'quantity("9999999999999999999999999999999999999G").isInteger() == false', // is_integer
    'quantity("50").isInteger()',
    'quantity("50.703k").asApproximateFloat() == 50703.0', // as_float
  ]);
  fails({
    'quantity("10Mo")': FORMAT_WRONG, // parseInvalidSuffix
    'quantity("10Mm")': "unable to parse quantity's suffix", // parseInvalidSuffixPassesRegex
    'quantity("9999999999999999999999999999999999999G").asInteger()': 'cannot convert value to integer', // as_integer_error
    'isQuantity([1, 2, 3])': "found no matching overload for 'isQuantity' applied to '(list(int))'", // isQuantity_noOverload
  });
});

test('quantity: the apiextensions "quantity" rules and the doc examples', () => {
  holds([
    'isQuantity("20") && isQuantity("200M")',
    'quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")',
    'quantity("20").isLessThan(quantity("100M"))',
    'quantity("200M").isGreaterThan(quantity("50M"))',
    'quantity("50k").add(quantity("20")) == quantity("50.02k")',
    'quantity("50k").sub(quantity("20")) == quantity("49980")',
    'quantity("20").isInteger()',
    'quantity("50000000G").isInteger()',
    'quantity("50k").add(20) == quantity("50020")',
    'quantity("50k").sub("20k" == "20k" ? quantity("20k") : quantity("0")) == quantity("30k")',
    'quantity("50k").sub(20000) == quantity("30k")',
    'quantity("50k").sub(20000).asApproximateFloat() == 30000.0',
    'quantity("50k").add(20).sub(quantity("100k")).sub(-50000) == quantity("20")',
    'isQuantity("1.3G") && isQuantity("1.3Gi") && isQuantity("10000k")',
    '!isQuantity("1,3G") && !isQuantity("200K") && !isQuantity("Three")',
  ]);
  fails({ 'quantity("200K")': "unable to parse quantity's suffix", 'quantity("Three")': FORMAT_WRONG });
});

test('quantity: sign is a global function upstream (cel.Overload), not a member', () => {
  holds(['sign(quantity("-1.5")) == -1', 'sign(quantity("0")) == 0', 'sign(quantity("2Gi")) == 1']);
  assert.equal(error('quantity("1").sign()'), "found no matching overload for 'sign' applied to 'kubernetes.Quantity.()'");
});

test('quantity: resource.ParseQuantity as apimachinery has it (not its error message\'s regexp)', () => {
  holds([
    'quantity("Mi") == quantity("0")', // a bare suffix is zero (kubernetes/apimachinery#165)
    'isQuantity("+.") && isQuantity("-") && isQuantity(".")',
    'quantity("e-5") == quantity("0")',
    'quantity("1e4294967296") == quantity("1")', // the exponent is truncated to an int32
    'quantity("1.5n") == quantity("2n")', // rounded up to nanos
    'quantity("12Ei") == quantity("9223372036854775807")', // binary quantities are capped at 2^63-1
    'quantity("1e1000000000").isGreaterThan(quantity("9223372036854775807"))',
  ]);
  fails({
    'quantity("e-20")': 'unable to parse numeric part of quantity',
    'quantity("")': FORMAT_WRONG,
    'quantity("1Kii")': "unable to parse quantity's suffix",
    'quantity(" 1")': FORMAT_WRONG,
  });
});

test('quantity: isInteger and asApproximateFloat follow the representation (int64Amount or inf.Dec)', () => {
  holds([
    'quantity("1k").isInteger() && quantity("1k").asInteger() == 1000',
    '!quantity("1000m").isInteger()', // scale -3: AsInt64 does not reduce factors
    '!quantity("0.5Ki").isInteger()', // parsed as an inf.Dec
    '!quantity("12Ei").isInteger()',
    '!quantity("9223372036854775807").isInteger()', // 19 digits: past maxInt64Factors, an inf.Dec
    'quantity("922337203685477580e1").isInteger() && !quantity("922337203685477580e1").add(10).isInteger()', // the sum overflows to an inf.Dec
    'quantity("1.5").asApproximateFloat() == 1.5',
    'quantity("5").sub(-9223372036854775808).asInteger() == -9223372036854775803', // Go's wrapping negation
  ]);
  assert.ok(Number.isNaN(evaluate('quantity("0e400").asApproximateFloat()'))); // 0 × math.Pow10(400)
});

test('quantity: Go pointer sharing (compareTo converts its receiver, add shares an inf.Dec)', () => {
  holds([
    'cel.bind(a, quantity("1"), a.compareTo(quantity("0.5Ki")) == -1 && !a.isInteger())',
    'cel.bind(a, quantity("1"), a == quantity("0.5Ki") || a.isInteger())', // == compares copies
    'cel.bind(q, quantity("0.5Ki"), q.add(quantity("1")) == q)', // quantityAdd's `copy := *q`
    'cel.bind(q, quantity("512"), q.add(quantity("1")) != q)',
  ]);
});

test('quantity: from 1.28 (base.go), each call costs as cost.go says', () => {
  assert.equal(error('quantity("1")', '1.27'), "undeclared reference to 'quantity' (in container '')");
  assert.equal(error('isQuantity("1")', '1.27'), "undeclared reference to 'isQuantity' (in container '')");
  assert.equal(evaluate('isQuantity("1")', '1.28'), true);
  assert.equal(cost('quantity("123456789012")'), 2); // ceil(12 × 0.1)
  assert.equal(cost('quantity("1").add(2).isInteger()'), 3);
  assert.equal(cost('quantity("1") == quantity("1")'), 3);
});

const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const FORMAT_NAMES = ['dns1123Label', 'dns1123Subdomain', 'dns1035Label', 'qualifiedName', 'dns1123LabelPrefix', 'dns1123SubdomainPrefix', 'dns1035LabelPrefix', 'labelValue', 'uri', 'uuid', 'byte', 'date', 'datetime'];

/** `<format>.validate(s)`: undefined for optional.none(), else the messages. */
function validate(format, s, version = '1.35') {
  const r = evaluate(`format.${format}().validate(${JSON.stringify(s)})`, version);
  return r.hasValue() ? r.value() : undefined;
}

test('format: TestFormat (format_test.go)', () => {
  const none = [
    ['dns1123Label', 'my-label-name'], // example_usage_dns1123Label, dns1123Label_Success
    ['dns1123Subdomain', 'apiextensions.k8s.io'],
    ['qualifiedName', 'apiextensions.k8s.io/v1beta1'],
    ['dns1123LabelPrefix', 'my-label-prefix-'],
    ['dns1123SubdomainPrefix', 'mysubdomain.prefix.-'],
    ['dns1035LabelPrefix', 'my-label-prefix-'],
    ['uri', 'http://example.com'],
    ['uuid', '123e4567-e89b-12d3-a456-426614174000'],
    ['byte', 'aGVsbG8='],
    ['date', '2021-01-01'],
    ['datetime', '2021-01-01T00:00:00Z'],
    ['dns1123Subdomain', 'example.com'],
    ['dns1035Label', 'my-label-name'],
    ['qualifiedName', 'my.name'],
    ['date', '2020-01-01'],
    ['datetime', '2020-01-01T00:00:00Z'],
    ['labelValue', 'my-cool-label-Value'],
  ];
  for (const [f, s] of none) assert.equal(validate(f, s), undefined, `${f} ${s}`);
  assert.deepEqual(validate('dns1123Label', 'contains a space'), [LABEL_MSG]);
  assert.deepEqual(validate('dns1123Subdomain', 'contains a space'), [SUBDOMAIN_MSG]);
  assert.deepEqual(validate('dns1035Label', 'contains a space'), [DNS1035_MSG]);
  assert.deepEqual(validate('qualifiedName', 'contains a space'), [NAME_PART_MSG]);
  assert.deepEqual(validate('dns1123LabelPrefix', 'contains a space-'), [LABEL_MSG]);
  assert.deepEqual(validate('dns1123SubdomainPrefix', 'contains a space-'), [SUBDOMAIN_MSG]);
  assert.deepEqual(validate('dns1035LabelPrefix', 'contains a space-'), [DNS1035_MSG]);
  assert.deepEqual(validate('byte', 'aGVsbG8'), ['invalid base64']); // byte_failure
  assert.deepEqual(validate('date', '2020-01-32'), ['invalid date']); // date_failure
  assert.deepEqual(validate('datetime', '2020-01-32T00:00:00Z'), ['invalid datetime']); // datetime_failure
  assert.deepEqual(validate('labelValue', 'my-cool-label-Value!!\n\n!!!'), [LABEL_VALUE_MSG]); // labelValue_failure
  assert.equal(evaluate('format.named("unknown").hasValue()'), false); // unknown_format
  for (const lhs of FORMAT_NAMES) {
    holds([`format.named("${lhs}").hasValue()`, `format.named("${lhs}").value() == format.${lhs}()`]);
    for (const rhs of FORMAT_NAMES) if (lhs !== rhs) assert.equal(evaluate(`format.${lhs}() == format.${rhs}()`), false, `${lhs} ${rhs}`);
  }
});

test('format: apimachinery and kube-openapi rules behind the formats', () => {
  assert.deepEqual(validate('dns1123Label', 'a.b'), ['must not contain dots']);
  assert.deepEqual(validate('dns1123Label', 'a'.repeat(64)), ['must be no more than 63 characters']);
  assert.equal(validate('dns1123LabelPrefix', 'ab-'), undefined); // maskTrailingDash: "aa"
  assert.equal(validate('dns1035LabelPrefix', '1-'), undefined); // masked to "a"
  assert.deepEqual(validate('dns1035LabelPrefix', '1b-'), [DNS1035_MSG]); // masked to "1a"
  assert.deepEqual(validate('uuid', '123e4567-e89b-12d3-a456-42661417400'), ['does not match the UUID format']);
  assert.equal(validate('uuid', '123E4567E89B12D3A456426614174000'), undefined);
  assert.equal(validate('date', '2020-02-29'), undefined);
  assert.deepEqual(validate('date', '2019-02-29'), ['invalid date']);
  assert.equal(validate('datetime', '2021-01-01t10:00:00.5+01:00'), undefined);
  assert.deepEqual(validate('datetime', '2021-01-01T24:00:00Z'), ['invalid datetime']);
  assert.deepEqual(validate('byte', ''), ['invalid base64']);
  // url.ParseRequestURI's errors (Go 1.25: a bracketed host must be an IPv6 address).
  assert.deepEqual(validate('uri', 'foo'), ['parse "foo": invalid URI for request']);
  assert.deepEqual(validate('uri', ''), ['parse "": empty url']);
  assert.deepEqual(validate('uri', ':x'), ['parse ":x": missing protocol scheme']);
  assert.deepEqual(validate('uri', 'http://a b/'), ['parse "http://a b/": invalid character " " in host name']);
  assert.deepEqual(validate('uri', 'http://host:port/'), ['parse "http://host:port/": invalid port ":port" after host']);
  assert.deepEqual(validate('uri', 'https://[1.2.3.4]/'), ['parse "https://[1.2.3.4]/": invalid IP-literal']);
  assert.deepEqual(validate('uri', 'https://[v1.x]/'), ['parse "https://[v1.x]/": invalid host: ParseAddr("v1.x"): unexpected character (at "v1.x")']);
  assert.deepEqual(validate('uri', 'https://example.com/%zé'), ['parse "https://example.com/%zé": invalid URL escape "%z\\xc3"']);
  assert.equal(validate('uri', 'https://[::1]:80/x?y'), undefined);
  assert.equal(validate('uri', 'mailto:a@b'), undefined);
  assert.equal(validate('uri', '/path'), undefined);
});

test('format: qualifiedName says "a valid label key" from 1.35 (content.IsLabelKey), "a qualified name" before', () => {
  const rest = `${NAME_PART_MSG.slice('name part '.length)} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;
  assert.deepEqual(validate('qualifiedName', 'a/b/c', '1.35'), [`a valid label key ${rest}`]);
  assert.deepEqual(validate('qualifiedName', 'a/b/c', '1.34'), [`a qualified name ${rest}`]);
});

test('format: from 1.31; validate costs the regex estimate of cost.go', () => {
  assert.equal(error('format.named("uuid").hasValue()', '1.30'), 'Unknown variable: format');
  assert.equal(evaluate('format.named("uuid").hasValue()', '1.31'), true);
  // validate: ceil((1 + 9) × 0.1) × ceil(30 × 0.25) = 1 × 8; format.named, value() and hasValue() 1 each
  assert.equal(cost('format.named("dns1123Label").value().validate("my-label1").hasValue()'), 8 + 3);
});

test('lists: "stdlib list functions" (apiextensions schema/cel validation_test.go)', () => {
  const ints = '[1, 2, 2, 3]';
  const doubles = '[1.0, 2.0, 2.0, 3.0]';
  const durations = "[duration('1s'), duration('1m'), duration('1m'), duration('1h')]";
  const strings = "['a', 'b', 'b', 'c']";
  const dates = "[timestamp('2000-01-01T00:00:00.000Z'), timestamp('2000-02-01T00:00:00.000Z'), timestamp('2000-02-01T00:00:00.000Z'), timestamp('2010-01-01T00:00:00.000Z')]";
  holds([
    `${ints}.sum() == 8`, `${ints}.min() == 1`, `${ints}.max() == 3`, `${ints}.isSorted()`, '[2, 1].isSorted() == false',
    `${ints}.indexOf(2) == 1`, `${ints}.lastIndexOf(2) == 2`, `${ints}.indexOf(10) == -1`, `${ints}.lastIndexOf(10) == -1`,
    `${doubles}.sum() == 8.0`, `${doubles}.min() == 1.0`, `${doubles}.max() == 3.0`, `${doubles}.isSorted()`, '[2.0, 1.0].isSorted() == false',
    `${doubles}.indexOf(2.0) == 1`, `${doubles}.lastIndexOf(2.0) == 2`, `${doubles}.indexOf(10.0) == -1`,
    `${durations}.sum() == duration('1h2m1s')`, `${durations}.min() == duration('1s')`, `${durations}.max() == duration('1h')`,
    `${durations}.isSorted()`, `${durations}.indexOf(duration('1m')) == 1`, `${durations}.lastIndexOf(duration('1m')) == 2`,
    `${durations}.indexOf(duration('2m')) == -1`, "[duration('1h'), duration('1s')].isSorted() == false",
    `${strings}.min() == 'a'`, `${strings}.max() == 'c'`, `${strings}.isSorted()`, "['b', 'a'].isSorted() == false",
    `${strings}.indexOf('b') == 1`, `${strings}.lastIndexOf('b') == 2`, `${strings}.indexOf('x') == -1`,
    `${dates}.min() == timestamp('2000-01-01T00:00:00.000Z')`, `${dates}.max() == timestamp('2010-01-01T00:00:00.000Z')`, `${dates}.isSorted()`,
    `${dates}.indexOf(timestamp('2000-02-01T00:00:00.000Z')) == 1`, `${dates}.lastIndexOf(timestamp('2000-02-01T00:00:00.000Z')) == 2`,
    `${dates}.indexOf(timestamp('2005-02-01T00:00:00.000Z')) == -1`,
    '[[1], [2]].indexOf([1]) == 0', "[{'a': 1}, {'b': 2}].lastIndexOf({'b': 2}) == 1",
    '([0] + []).min() == 0', 'dyn([]).sum() == 0', 'dyn([1, 2]).sum() == 3', 'dyn([1.0, 2.0]).sum() == 3.0', '[].sum() == 0',
    '[].isSorted()', '[1].isSorted()', '[1.0].indexOf(1.1) == -1', "[].indexOf('string') == -1",
  ]);
  fails({
    '[].min() == 1': 'min called on empty list',
    '[].max() == 3': 'max called on empty list',
    "['a', 'b'].sum() == 'c'": "found no matching overload for 'sum' applied to 'list(string).()'",
    '[[1], [2]].min() == [1]': "found no matching overload for 'min' applied to 'list(list(int)).()'",
  });
});

test('lists: per-type semantics (uint, bytes, bool, NaN, overflow, CEL equality)', () => {
  holds([
    '[2u, 1u].min() == 1u && [1u, 2u].sum() == 3u', "[b'b', b'a'].min() == b'a'", '[false, true].isSorted() && [true, false].max()',
    '[1.0, double("NaN")].min() == 1.0', // NaN never compares: the first element stays
    '[dyn(1.0)].indexOf(1) == 0 && [1, 2].lastIndexOf(dyn(2u)) == 1',
    '["b", "\uffff", "😀"].isSorted()', // code point order, not UTF-16 order
  ]);
  assert.ok(Number.isNaN(evaluate('[double("NaN"), 1.0].min()')));
  fails({
    '[9223372036854775807, 1].sum()': 'integer overflow',
    '[18446744073709551615u, 1u].sum()': 'unsigned integer overflow',
  });
  // cost.go: one traversal of the list (validation_test.go "cost ... isSorted": 4)
  assert.equal(cost('[1,2,3,4].isSorted()'), 4);
  assert.equal(cost("['abcdefghijklmnopqrst', 'x'].indexOf('x')"), 2);
});

test('regex: "stdlib regex functions" and the regex.go examples', () => {
  const str = "'this is a 123 string 456'";
  holds([
    `${str}.find('[0-9]+') == '123'`, `${str}.find('[0-9]+') != '456'`, `${str}.find('xyz') == ''`,
    `${str}.findAll('[0-9]+') == ['123', '456']`, `${str}.findAll('[0-9]+', 0) == []`, `${str}.findAll('[0-9]+', 1) == ['123']`,
    `${str}.findAll('[0-9]+', 2) == ['123', '456']`, `${str}.findAll('[0-9]+', 3) == ['123', '456']`,
    `${str}.findAll('[0-9]+', -1) == ['123', '456']`, `${str}.findAll('xyz') == []`, `${str}.findAll('xyz', 1) == []`,
    '"abc 123".find("[0-9]*") == ""', // the empty match at 0 comes first
    '"123 abc 456".findAll("[0-9]*") == ["123", "", "", "", "", "456"]', // Go drops only empty matches right after a match
    '"ABC".find("(?i)b") == "B"', // RE2 syntax
  ]);
  assert.equal(error("'a'.find(')')"), 'Illegal regex: error parsing regexp: unexpected ): `)`');
  assert.equal(error("'a'.findAll('x++', 1)"), 'Illegal regex: error parsing regexp: invalid nested repetition operator: `++`');
  // (1 + 24) × 0.1 → 3, times 7 × 0.25 → 2
  assert.equal(cost(`${str}.find('[0-9]+')`), 6);
});

test('strings: ext/strings_test.go (version 2)', () => {
  holds([
    "'tacocat'.charAt(3) == 'o'", "'tacocat'.charAt(7) == ''", "'©αT'.charAt(0) == '©' && '©αT'.charAt(1) == 'α' && '©αT'.charAt(2) == 'T'",
    "'tacocat'.indexOf('') == 0", "'tacocat'.indexOf('ac') == 1", "'tacocat'.indexOf('none') == -1", "'tacocat'.indexOf('', 3) == 3",
    "'tacocat'.indexOf('a', 3) == 5", "'tacocat'.indexOf('at', 3) == 5", "'ta©o©αT'.indexOf('©') == 2", "'ta©o©αT'.indexOf('©', 3) == 4",
    "'ta©o©αT'.indexOf('©αT', 3) == 4", "'ta©o©αT'.indexOf('©α', 5) == -1", "'ijk'.indexOf('k') == 2",
    "'hello wello'.indexOf('hello wello') == 0", "'hello wello'.indexOf('ello', 6) == 7", "'hello wello'.indexOf('elbo room!!') == -1",
    "''.lastIndexOf('@@') == -1", "'tacocat'.lastIndexOf('') == 7", "'tacocat'.lastIndexOf('at') == 5", "'tacocat'.lastIndexOf('none') == -1",
    "'tacocat'.lastIndexOf('', 3) == 3", "'tacocat'.lastIndexOf('a', 3) == 1", "'ta©o©αT'.lastIndexOf('©') == 4",
    "'ta©o©αT'.lastIndexOf('©', 3) == 2", "'ta©o©αT'.lastIndexOf('©α', 4) == 4", "'hello wello'.lastIndexOf('ello', 6) == 1",
    "'hello wello'.lastIndexOf('low') == -1", "'hello wello'.lastIndexOf('hello wello') == 0", "'bananananana'.lastIndexOf('nana', 7) == 6",
    "'TacoCat'.lowerAscii() == 'tacocat'", "'TacoCÆt'.lowerAscii() == 'tacocÆt'", "'TacoCÆt Xii'.lowerAscii() == 'tacocÆt xii'",
    '"12 days 12 hours".replace("{0}", "2") == "12 days 12 hours"', '"{0} days {0} hours".replace("{0}", "2") == "2 days 2 hours"',
    '"{0} days {0} hours".replace("{0}", "2", 1).replace("{0}", "23") == "2 days 23 hours"', '"1 ©αT taco".replace("αT", "o©α") == "1 ©o©α taco"',
    '"hello hello".replace("", "_") == "_h_e_l_l_o_ _h_e_l_l_o_"', '"hello hello".replace("h", "") == "ello ello"',
    '"hello world".split(" ") == ["hello", "world"]', '"hello world events!".split(" ", 0) == []',
    '"hello world events!".split(" ", 1) == ["hello world events!"]', '"o©o©o©o".split("©", -1) == ["o", "o", "o", "o"]',
    '"tacocat".substring(4) == "cat"', '"tacocat".substring(7) == ""', '"tacocat".substring(0, 4) == "taco"', '"tacocat".substring(4, 4) == ""',
    "'ta©o©αT'.substring(2, 6) == \"©o©α\"", "'ta©o©αT'.substring(7, 7) == \"\"",
    '" \\f\\n\\r\\t\\vtext  ".trim() == "text"', '"\\u0085\\u00a0\\u1680text".trim() == "text"',
    '"text\\u2000\\u2001\\u2002\\u2003\\u2004\\u2004\\u2006\\u2007\\u2008\\u2009".trim() == "text"',
    '"\\u200atext\\u2028\\u2029\\u202F\\u205F\\u3000".trim() == "text"',
    '"\\u180etext\\u200b\\u200c\\u200d\\u2060\\ufeff".trim() == "\\u180etext\\u200b\\u200c\\u200d\\u2060\\ufeff"',
    "'tacoCat'.upperAscii() == 'TACOCAT'", "'tacoCαt'.upperAscii() == 'TACOCαT'",
    "['x', 'y'].join() == 'xy'", "['x', 'y'].join('-') == 'x-y'", "[].join() == ''", "[].join('-') == ''",
    'strings.quote("first\\nsecond") == "\\"first\\\\nsecond\\""', 'strings.quote("bell\\a") == "\\"bell\\\\a\\""',
    'strings.quote("\\bbackspace") == "\\"\\\\bbackspace\\""', 'strings.quote("\\fform feed") == "\\"\\\\fform feed\\""',
    'strings.quote("carriage \\r return") == "\\"carriage \\\\r return\\""', 'strings.quote("horizontal tab\\t") == "\\"horizontal tab\\\\t\\""',
    'strings.quote("vertical \\v tab") == "\\"vertical \\\\v tab\\""', 'strings.quote("double \\\\\\\\ slash") == "\\"double \\\\\\\\\\\\\\\\ slash\\""',
    'strings.quote("two escape sequences \\a\\n") == "\\"two escape sequences \\\\a\\\\n\\""', 'strings.quote("verbatim") == "\\"verbatim\\""',
    'strings.quote("ends with \\\\") == "\\"ends with \\\\\\\\\\""', 'strings.quote("\\\\ starts with") == "\\"\\\\\\\\ starts with\\""',
    'strings.quote("printable unicode😀") == "\\"printable unicode😀\\""', 'strings.quote("mid string \\" quote") == "\\"mid string \\\\\\" quote\\""',
    "strings.quote('single-quote with \"double quote\"') == \"\\\"single-quote with \\\\\\\"double quote\\\\\\\"\\\"\"",
    'strings.quote("size(\'ÿ\')") == "\\"size(\'ÿ\')\\""', 'strings.quote("завтра") == "\\"завтра\\""',
    'strings.quote("\\U0001F431\\U0001F600\\U0001F61B") == "\\"\\U0001F431\\U0001F600\\U0001F61B\\""', 'strings.quote("") == "\\"\\""',
    "strings.quote('%s %s').format(['hello', 'world']) == \"\\\"hello world\\\"\"",
    "'tacocat'.indexOf('a', 30) == -1", "'tacocat'.lastIndexOf('a', 30) == -1",
  ]);
  fails({
    "'tacocat'.charAt(30) == ''": 'index out of range: 30',
    "'tacocat'.lastIndexOf('a', -1) == -1": 'index out of range: -1',
    '"tacocat".substring(40) == "cat"': 'index out of range: 40',
    '"tacocat".substring(-1) == "cat"': 'index out of range: -1',
    '"tacocat".substring(1, 50) == "cat"': 'index out of range: 50',
    '"tacocat".substring(49, 50) == "cat"': 'index out of range: 49',
    '"tacocat".substring(4, 3) == ""': 'invalid substring range. start: 4, end: 3',
    "'tacocat'.indexOf('a', -1)": 'index out of range: -1',
    "[dyn('a'), dyn(1)].join()": 'join: invalid input: 1',
  });
});

test('strings: the cel-go release of each Kubernetes minor', () => {
  // cel-go ≤ 0.20 (Kubernetes ≤ 1.31): an offset at or past the end is an error.
  fails({ "'tacocat'.indexOf('a', 30)": 'index out of range: 30', "''.indexOf('a')": 'index out of range: 0' }, '1.31');
  holds(["'tacocat'.indexOf('a', 30) == -1", "''.indexOf('a') == -1"], '1.32');
  // cel-go < 0.26 (Kubernetes ≤ 1.33): an empty string's lastIndexOf searches from -1.
  assert.equal(error("''.lastIndexOf('@@')", '1.33'), 'index out of range: -1');
  holds(["''.lastIndexOf('@@') == -1"], '1.34');
  // Strings version 0 up to 1.28: no format, no strings.quote.
  assert.equal(error('"%s".format(["a"])', '1.28'), "undeclared reference to 'format' (in container '')");
  assert.equal(error('strings.quote("a")', '1.28'), 'Unknown variable: strings');
  holds(["'TacoCÆt'.lowerAscii() == 'tacocÆt'", "'a-b'.replace('-', '_') == 'a_b'"], '1.23');
});

/** `<format>.format(<args>)`'s result (args as CEL list elements). */
const formatted = (format, args = '', version = '1.35') => evaluate(`${JSON.stringify(format)}.format([${args}])`, version);

test('strings: format, the runtime cases of ext/formatting_test.go (locale en_US)', () => {
  const cases = [
    ['no substitution', '', 'no substitution'],
    ['str is %s and some more', '"filler"', 'str is filler and some more'],
    ['%% and also %%', '', '% and also %'],
    ['%%%s%%', '"text"', '%text%'],
    ['%s%%', '"percent on the right"', 'percent on the right%'],
    ['%%%s', '"percent on the left"', '%percent on the left'],
    ['%d %d %d, %s %s %s, %d %d %d, %s %s %s', '1, 2, 3, "A", "B", "C", 4, 5, 6, "D", "E", "F"', '1 2 3, A B C, 4 5 6, D E F'],
    ['%.3f', '1.2345', '1.234'],
    ['this is 5 in binary: %b', '5', 'this is 5 in binary: 101'],
    ['this is -5 in binary: %b', '-5', 'this is -5 in binary: -101'],
    ['unsigned 64 in binary: %b', 'uint(64)', 'unsigned 64 in binary: 1000000'],
    ['bit set from bool: %b', 'true', 'bit set from bool: 1'],
    ['%o', '11', '13'],
    ['%o', '-11', '-13'],
    ['this is an unsigned octal: %o', 'uint(65535)', 'this is an unsigned octal: 177777'],
    ['%x is 30 in hexadecimal', '30', '1e is 30 in hexadecimal'],
    ['%X is 20 in hexadecimal', '30', '1E is 20 in hexadecimal'],
    ['%x is -30 in hexadecimal', '-30', '-1e is -30 in hexadecimal'],
    ['%X is 6000 in hexadecimal', 'uint(6000)', '1770 is 6000 in hexadecimal'],
    ['%x', '"Hello world!"', '48656c6c6f20776f726c6421'],
    ['%X', '"Hello world!"', '48656C6C6F20776F726C6421'],
    ['%x', 'b"byte string"', '6279746520737472696e67'],
    ['%x', 'b"\\x00\\x00byte string\\x00"', '00006279746520737472696e6700'],
    ['%X', 'b"byte string"', '6279746520737472696E67'],
    ['%f', '2.71828', '2.718280'],
    ['%s', '2.71', '2.71'],
    ['%s', '[2.71]', '[2.710000]'],
    ['%s', '0.000000002', '2e-09'],
    ['%s', '[0.000000002]', '[0.000000]'],
    ['%f', '"NaN"', 'NaN'],
    ['%f', '"Infinity"', '∞'],
    ['%f', '"-Infinity"', '-∞'],
    ['%s', 'double("NaN")', 'NaN'],
    ['%s', 'double("Inf")', '+Inf'],
    ['%s', 'double("-Inf")', '-Inf'],
    ['%s', '[double("NaN"),double("+Inf"), double("-Inf")]', '["NaN", "+Inf", "-Inf"]'],
    ['%d', 'uint(64)', '64'],
    ['null: %s', 'null', 'null: null'],
    ['%s', '999999999999', '999999999999'],
    ['some bytes: %s', 'b"xyz"', 'some bytes: xyz'],
    ['type is %s', 'type("test string")', 'type is string'],
    ['%s', 'timestamp("2023-02-03T23:31:20+00:00")', '2023-02-03T23:31:20Z'],
    ['%s', 'duration("1h45m47s")', '6347s'],
    ['%s', 'duration("2ns")', '0.000000002s'],
    ['%s', '["abc", 3.14, null, [9, 8, 7, 6], timestamp("2023-02-03T23:31:20Z")]', '["abc", 3.140000, null, [9, 8, 7, 6], timestamp("2023-02-03T23:31:20Z")]'],
    ['%s', '{"key1": b"xyz", "key5": null, "key2": duration("2h"), "key4": true, "key3": 2.71828}', '{"key1":b"xyz", "key2":duration("7200s"), "key3":2.718280, "key4":true, "key5":null}'],
    ['true bool: %s, false bool: %s', 'true, false', 'true bool: true, false bool: false'],
    ['dynamic string: %s', 'dyn("a string")', 'dynamic string: a string'],
    ['dynIntStr: %s dynDoubleStr: %s', 'dyn(32), dyn(56.8)', 'dynIntStr: 32 dynDoubleStr: 56.8'],
    ['dynamic hex int: %X (uppercase)', 'dyn(26)', 'dynamic hex int: 1A (uppercase)'],
    ['dynamic double: %.3f', 'dyn(4.5)', 'dynamic double: 4.500'],
    ['dyntype list: %s', 'dyn([6, 4.2, "a string"])', 'dyntype list: [6, 4.200000, "a string"]'],
  ];
  for (const [f, args, out] of cases) assert.equal(formatted(f, args), out, `${f} ${args}`);
});

test('strings: format\'s %e and %f through golang.org/x/text (en-US)', () => {
  // Kubernetes 1.35 (x/text 0.31): "×10"; 1.29–1.32 (x/text ≤ 0.22): narrow no-break spaces around ×.
  assert.equal(formatted('%.6e', '1052.032911275'), '1.052033×10⁰³');
  assert.equal(formatted('%e', '2.71828', '1.32'), '2.718280\u202f\u00d7\u202f10\u2070\u2070'); // as cel-go's test expects
  assert.equal(formatted('%e', '2.71828', '1.33'), '2.718280×10⁰⁰');
  assert.equal(formatted('%e', '-0.001'), '-1.000000×10⁻⁰³');
  assert.equal(formatted('%.20e', '1.0'), '       1.000000×10⁰⁰'); // "%20e": a width; the precision stays 6
  assert.equal(formatted('%.2e', '1.0'), '1.000000×10⁰⁰');
  assert.equal(formatted('%f', '-1234567.891'), '-1,234,567.891000');
  assert.equal(formatted('%.0f', '2.5'), '2'); // round half to even
  assert.equal(formatted('%.2f', '0.125'), '0.12');
  assert.equal(formatted('%f', '-0.0'), '0.000000');
  assert.equal(formatted('%s', '1234567.0'), '1.234567e+06'); // fmt's %g
  assert.equal(formatted('%s', '-0.0'), '-0');
});

test('strings: format errors at run time and when checking (stringFormatValidator)', () => {
  fails({
    '"%a".format([1])': 'could not parse formatting clause: unrecognized formatting clause "a"',
    '"%d %d %d".format([1, 2])': 'index 2 out of range',
    '"string is %b".format(["abc"])': 'error during formatting: only integers and bools can be formatted as binary, was given string',
    '"%d".format([duration("30m2s")])': 'error during formatting: decimal clause can only be used on integers, was given google.protobuf.Duration',
    '"octal: %o".format(["a string"])': 'error during formatting: octal clause can only be used on integers, was given string',
    '"double is %x".format([0.5])': 'error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given double',
    '"double is %E".format([0.5])': 'could not parse formatting clause: unrecognized formatting clause "E"',
    '"null: %d".format([null])': 'error during formatting: decimal clause can only be used on integers, was given null_type',
    '"null: %e".format([null])': 'error during formatting: scientific clause can only be used on doubles, was given null_type',
    '"null: %f".format([null])': 'error during formatting: fixed-point clause can only be used on doubles, was given null_type',
    '"null: %x".format([null])': 'error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given null_type',
    '"null: %b".format([null])': 'error during formatting: only integers and bools can be formatted as binary, was given null_type',
    '"null: %o".format([null])': 'error during formatting: octal clause can only be used on integers, was given null_type',
    '"%s %s".format(["a"])': 'index 1 out of range',
    '"%s %s".format(["a", "b", "c"])': 'too many arguments supplied to string.format (expected 2, got 3)',
    '"filler %".format(["a"])': 'unexpected end of string',
    '"%j".format([1])': 'could not parse formatting clause: unrecognized formatting clause "j"',
    '"double is %.34".format([1.0])': 'could not parse formatting clause: error while parsing precision: could not find end of precision specifier',
    '"list is %s".format([[optional.none()]])': 'error during formatting: string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given optional_type',
    '"%s".format([dyn([optional.none()])])': 'error during formatting: no formatting function for optional_type',
    '"%s".format([quantity("1")])': 'error during formatting: string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given kubernetes.Quantity',
  });
  // A non-literal format string is only checked when it runs.
  assert.equal(error('("%" + "d").format(["x"])'), 'error during formatting: decimal clause can only be used on integers, was given string');
  // Literals inside a format call are exempt from homogeneous aggregate literals.
  assert.equal(formatted('%s', '[1, "a", [2.0, true]]'), '[1, "a", [2.000000, true]]');
  assert.equal(formatted('%s', '{1: "a", 2: "b"}'), '{1:"a", 2:"b"}');
  assert.equal(error('[1, "a"] == [1, "a"]'), "List elements must have the same type, expected type 'int' but found 'string'");
});

test('strings: call costs (cost.go; format and quote by runtimecost.go), as the API server programs run (OptOptimize)', () => {
  // split 3, size 1, `>` 1; the constant 0 nothing (validation_test.go "split": 5)
  assert.equal(cost("size('abc 123 def 123'.split(' ')) > 0"), 5);
  // a list of constants is one constant; join 5, size 1, `>` 1 (validation_test.go "join": 7)
  assert.equal(cost("size(['aa', 'bb', 'cc', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join(' ')) > 0"), 7);
  assert.equal(cost("'abcdefghijk'.lowerAscii()"), 2);
  assert.equal(cost("'abcdefghijk'.charAt(1)"), 1); // no CallCost: a call's default 1
  assert.equal(cost('strings.quote("abcdefghijk")'), 2);
  assert.equal(cost('"%s-%s".format(["a", "b"])'), 1); // the format string's traversal, ceil(5 × 0.1)
  assert.equal(cost('"%s-%s".format(["a", "b" + "c"])'), 12); // a list literal not constant: 10, `+` 1
});

test('sets: ext/sets_test.go (mixed literals through dyn, as homogeneous literals require)', () => {
  holds([
    'sets.contains([], [])', 'sets.contains([1], [])', 'sets.contains([1], [1])', 'sets.contains([1], [1, 1])', 'sets.contains([1, 1], [1])',
    'sets.contains([2, 1], [1])', 'sets.contains([1, 2, 3, 4], [2, 3])', 'sets.contains([1], [dyn(1.0), dyn(1)])',
    'sets.contains([1, 2], [dyn(2u), dyn(2.0)])', 'sets.contains([dyn(1), dyn(2u)], [dyn(2), dyn(2.0)])',
    'sets.contains([dyn(1), dyn(2.0), dyn(3u)], [dyn(1.0), dyn(2u), dyn(3)])', 'sets.contains([[1], [2, 3]], [[dyn(2), dyn(3.0)]])',
    '!sets.contains([1], [2])', '!sets.contains([1], [1, 2])', '!sets.contains([1], [dyn("1"), dyn(1)])', '!sets.contains([1], [dyn(1.1), dyn(1u)])',
    'sets.equivalent([], [])', 'sets.equivalent([1], [1])', 'sets.equivalent([1], [1, 1])', 'sets.equivalent([1, 1], [1])',
    'sets.equivalent([1], [dyn(1u), dyn(1.0)])', 'sets.equivalent([1, 2, 3], [dyn(3u), dyn(2.0), dyn(1)])',
    'sets.equivalent([[dyn(1.0)], [dyn(2), dyn(3)]], [[dyn(1)], [dyn(2), dyn(3.0)]])',
    '!sets.equivalent([2, 1], [1])', '!sets.equivalent([1], [1, 2])', '!sets.equivalent([1, 2], [dyn(2u), dyn(2), dyn(2.0)])',
    '!sets.equivalent([1, 2], [dyn(1u), dyn(2), dyn(2.3)])',
    'sets.intersects([1], [1])', 'sets.intersects([1], [1, 1])', 'sets.intersects([1, 1], [1])', 'sets.intersects([2, 1], [1])',
    'sets.intersects([1], [1, 2])', 'sets.intersects([1], [dyn(1.0), dyn(2)])', 'sets.intersects([1, 2], [dyn(2u), dyn(2), dyn(2.0)])',
    'sets.intersects([1, 2], [dyn(1u), dyn(2), dyn(2.3)])', 'sets.intersects([[1], [2, 3]], [[dyn(1), dyn(2)], [dyn(2), dyn(3.0)]])',
    '!sets.intersects([], [])', '!sets.intersects([1], [])', '!sets.intersects([1], [2])', '!sets.intersects([1], [dyn("1"), dyn(2)])',
    '!sets.intersects([1], [dyn(1.1), dyn(2u)])',
  ]);
  assert.equal(error('sets.contains([1], [1])', '1.28'), 'Unknown variable: sets');
  // trackSetsCost: 1 + |a|·|b| (× 2 for equivalent)
  assert.equal(cost('sets.contains([1, 2, 3, 4], [2, 3])'), 9);
  assert.equal(cost('sets.equivalent([1, 2], [2, 1])'), 9);
});

test('comprehensions: two-variable macros (ext/comprehensions_test.go)', () => {
  holds([
    '[1, 2, 3, 4].all(i, v, i < 5 && v > 0)', '[1, 2, 3, 4].all(i, v, i < v)', '[1, 2, 3, 4].all(i, v, i > v) == false',
    'cel.bind(listA, [1, 2, 3, 4], cel.bind(listB, [1, 2, 3, 4, 5], listA.all(i, v, listB[?i].hasValue() && listB[i] == v)))',
    'cel.bind(listA, [1, 2, 3, 4, 5, 6], cel.bind(listB, [1, 2, 3, 4, 5], listA.all(i, v, listB[?i].hasValue() && listB[i] == v))) == false',
    "['Hello', 'world'].transformList(i, v, \"[%d]%s\".format([i, v.lowerAscii()])) == [\"[0]hello\", \"[1]world\"]",
    "['hello', 'world'].transformList(i, v, v.startsWith('greeting'), \"[%d]%s\".format([i, v])) == []",
    '[1, 2, 3].transformList(indexVar, valueVar, (indexVar * valueVar) + valueVar) == [1, 4, 9]',
    '[1, 2, 3].transformList(indexVar, valueVar, indexVar % 2 == 0, (indexVar * valueVar) + valueVar) == [1, 9]',
    "['Hello', 'world'].transformMap(i, v, [v.lowerAscii()]) == {0: ['hello'], 1: ['world']}",
    '[1, 2, 3].transformMap(indexVar, valueVar, (indexVar * valueVar) + valueVar) == {0: 1, 1: 4, 2: 9}',
    '[1, 2, 3].transformMap(indexVar, valueVar, indexVar % 2 == 0, (indexVar * valueVar) + valueVar) == {0: 1, 2: 9}',
    '"key1:value1 key2:value2 key3:value3".split(" ").transformMapEntry(i, v, cel.bind(entry, v.split(":"), entry.size() == 2 ? {entry[0]: entry[1]} : {})) == {"key1": "value1", "key2": "value2", "key3": "value3"}',
    "{'hello': 'world', 'hello!': 'world'}.all(k, v, k.startsWith('hello') && v == 'world')",
    "{'hello': 'world', 'hello!': 'worlds'}.all(k, v, k.startsWith('hello') && v.endsWith('world')) == false",
    "{'hello': 'world', 'hello!': 'worlds'}.exists(k, v, k.startsWith('hello') && v.endsWith('world'))",
    "{'hello': 'world', 'hello!': 'worlds'}.existsOne(k, v, k.startsWith('hello') && v.endsWith('world'))",
    "{'hello': 'world', 'hello!': 'worlds'}.exists_one(k, v, k.startsWith('hello') && v.endsWith('world'))",
    "{'hello': 'world', 'hello!': 'wow, world'}.exists_one(k, v, k.startsWith('hello') && v.endsWith('world')) == false",
    "{'Hello': 'world'}.transformList(k, v, \"%s=%s\".format([k.lowerAscii(), v])) == [\"hello=world\"]",
    "dyn({'Hello': 'world'}).transformList(k, v, \"%s=%s\".format([k.lowerAscii(), v])) == [\"hello=world\"]",
    "{'hello': 'world'}.transformList(k, v, k.startsWith('greeting'), \"%s=%s\".format([k, v])) == []",
    "{'greeting': 'hello', 'farewell': 'goodbye'}.transformList(k, _, k) == ['greeting', 'farewell']",
    "{'greeting': 'hello', 'farewell': 'goodbye'}.transformList(_, v, v) == ['hello', 'goodbye']",
    "{'hello': 'world', 'goodbye': 'cruel world'}.transformMap(k, v, \"%s, %s!\".format([k, v])) == {'hello': 'hello, world!', 'goodbye': 'goodbye, cruel world!'}",
    "dyn({'hello': 'world', 'goodbye': 'cruel world'}).transformMap(k, v, \"%s, %s!\".format([k, v])) == {'hello': 'hello, world!', 'goodbye': 'goodbye, cruel world!'}",
    "{'hello': 'world', 'goodbye': 'cruel world'}.transformMap(k, v, v.startsWith('world'), \"%s, %s!\".format([k, v])) == {'hello': 'hello, world!'}",
    "{'hello': 'world', 'greetings': 'tacocat'}.transformMapEntry(k, v, {k: v + '!'}) == {'hello': 'world!', 'greetings': 'tacocat!'}",
    "{'hello': 'world', 'greetings': 'tacocat'}.transformMapEntry(k, v, v == 'tacocat', {v: k}) == {'tacocat': 'greetings'}",
    "{'hello': 'world', 'greetings': 'tacocat'}.transformMapEntry(k, v, {}) == {}",
    '{1: 2}.transformMapEntry(k, v, {v: k}) == {2: 1}',
    "{'a': 'b', 'c': 'd'}.existsOne(k, v, k == 'b' || v == 'b')",
    '[1, 2, 1, 3, 1, 4].existsOne(i, v, i == 1 || v == 1) == false', '[1, 1, 2, 2, 3, 3].existsOne(i, v, i == 2 && v == 2)',
    "{'i': 0, 'j': 1, 'k': 2}.existsOne(i, v, i == 'l' || v == 1)",
    '{1: "a", 2: "b"}.all(k, v, k > 0)', // an int-keyed map literal's keys are ints
  ]);
});

test('comprehensions: static and runtime errors; from 1.32', () => {
  fails({
    '[].all(i, i, i < i)': 'duplicate variable name: i',
    '[].all(__result__, i, __result__ < i)': 'iteration variable overwrites accumulator variable',
    '[].all(j, __result__, __result__ < j)': 'iteration variable overwrites accumulator variable',
    '[].all(i.j, k, i.j < k)': 'argument must be a simple name',
    '[].exists(j, i.k, j < i.k)': 'argument must be a simple name',
    '[].exists_one(i.j, k, i.j < k)': 'argument must be a simple name',
    '{}.transformMap(i.j, k, i.j + k)': 'argument must be a simple name',
    "''.existsOne(j, k, j < k)": "Expression of type 'string' cannot be range of a comprehension (must be list, map, or dynamic).",
    '1.all(j, k, j < k)': "Expression of type 'int' cannot be range of a comprehension (must be list, map, or dynamic).",
    "{'a': 'b'}.transformMapEntry(j, k, 'bad filter', {k: j})": "found no matching overload for '_?_:_' applied to '(string, map(string, string), map(string, string))'",
    "{'hello': 'world', 'greetings': 'tacocat'}.transformMapEntry(k, v, []) == {}": "found no matching overload for 'cel.@mapInsert' applied to '(map(dyn, dyn), list(T))'",
    '[1, 2].all(i, v, v)': "found no matching overload for '_&&_' applied to '(bool, int)'",
    '[1, 1].transformMapEntry(i, v, {v: i})': 'insert failed: key 1 already exists',
    '[dyn(0), dyn(0u)].transformMapEntry(i, v, {v: i})': 'insert failed: key 0 already exists',
    '[1, 0].all(i, v, 1 / v > 0)': 'division by zero',
  });
  holds(['[0, 1].exists(i, v, 1 / v > 0)', '[0, 1].all(i, v, v > 0 && 1 / v > 0) == false']);
  assert.equal(error('[1].all(i, v, true)', '1.31'), 'Unknown variable: i');
  assert.equal(evaluate('[1].all(i, v, true)', '1.32'), true);
  // The expansion's own steps (OptOptimize: the constant range and the initial [] cost nothing):
  // all: 3 per element + 1; transformList: per element @result 1, v 1, [v] 10, `+` 1, then @result 1.
  assert.equal(cost('[1, 2].all(i, v, true)'), 7);
  assert.equal(cost('[1, 2].transformList(i, v, v)'), 27);
});
