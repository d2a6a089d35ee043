// The Kubernetes CEL IP, CIDR and URL libraries (k8s.io/apiserver/pkg/cel/library/ip.go, cidr.go,
// urls.go) and the ports of Go's net/netip and net/url under them. Cases and messages are
// upstream's: library/ip_test.go TestIP, library/cidr_test.go TestCIDR,
// apiextensions-apiserver/pkg/apiserver/schema/cel/validation_test.go TestValidationExpressions
// ("URL parsing", "IP and CIDR"), Go's netip_test.go and url_test.go.
import test from 'node:test';
import assert from 'node:assert/strict';
import { baseEnvironment, goUrl, netip, trackedCelCost } from '../../dist/core.js';

const env = baseEnvironment('1.35');
const run = (expr, e = env) => e.evaluate(expr, {});

/** The evaluation fails with an EvaluationError whose summary is `message` exactly. */
function fails(expr, message, e = env) {
  assert.throws(
    () => run(expr, e),
    (err) => {
      assert.equal(err.name, 'EvaluationError');
      assert.equal(err.summary, message);
      return true;
    },
    expr,
  );
}

/** A result as text: IPs and CIDRs by their String(), the rest as is. */
function shown(value) {
  if (value?.addr) return `ip:${value.addr.toString()}`;
  if (value?.prefix) return `cidr:${value.prefix.toString()}`;
  return value;
}

// ---- ip_test.go TestIP ----

const IP_CASES = [
  ['parse ipv4', 'ip("192.168.0.1")', 'ip:192.168.0.1'],
  ['isIP valid ipv4', 'isIP("192.168.0.1")', true],
  ['isIP invalid ipv4', 'isIP("192.168.0.1.0")', false],
  ['ip.isCanonical valid ipv4', 'ip.isCanonical("127.0.0.1")', true],
  ['ipv4 family', 'ip("192.168.0.1").family()', 4n],
  ['ipv4 isUnspecified true', 'ip("0.0.0.0").isUnspecified()', true],
  ['ipv4 isUnspecified false', 'ip("127.0.0.1").isUnspecified()', false],
  ['ipv4 isLoopback true', 'ip("127.0.0.1").isLoopback()', true],
  ['ipv4 isLoopback false', 'ip("1.2.3.4").isLoopback()', false],
  ['ipv4 isLinkLocalMulticast true', 'ip("224.0.0.1").isLinkLocalMulticast()', true],
  ['ipv4 isLinkLocalMulticast false', 'ip("224.0.1.1").isLinkLocalMulticast()', false],
  ['ipv4 isLinkLocalUnicast true', 'ip("169.254.169.254").isLinkLocalUnicast()', true],
  ['ipv4 isLinkLocalUnicast false', 'ip("192.168.0.1").isLinkLocalUnicast()', false],
  ['ipv4 isGlobalUnicast true', 'ip("192.168.0.1").isGlobalUnicast()', true],
  ['ipv4 isGlobalUnicast false', 'ip("255.255.255.255").isGlobalUnicast()', false],
  ['parse ipv6', 'ip("2001:db8::68")', 'ip:2001:db8::68'],
  ['isIP valid ipv6', 'isIP("2001:db8::68")', true],
  ['isIP invalid ipv4 (the ipv6 one)', 'isIP("2001:db8:::68")', false],
  ['ip.isCanonical valid ipv6', 'ip.isCanonical("2001:db8::68")', true],
  ['ip.isCanonical non-canonical ipv6', 'ip.isCanonical("2001:DB8::68")', false],
  ['ipv6 family', 'ip("2001:db8::68").family()', 6n],
  ['ipv6 isUnspecified true', 'ip("::").isUnspecified()', true],
  ['ipv6 isUnspecified false', 'ip("::1").isUnspecified()', false],
  ['ipv6 isLoopback true', 'ip("::1").isLoopback()', true],
  ['ipv6 isLoopback false', 'ip("2001:db8::abcd").isLoopback()', false],
  ['ipv6 isLinkLocalMulticast true', 'ip("ff02::1").isLinkLocalMulticast()', true],
  ['ipv6 isLinkLocalMulticast false', 'ip("fd00::1").isLinkLocalMulticast()', false],
  ['ipv6 isLinkLocalUnicast true', 'ip("fe80::1").isLinkLocalUnicast()', true],
  ['ipv6 isLinkLocalUnicast false', 'ip("fd80::1").isLinkLocalUnicast()', false],
  ['ipv6 isGlobalUnicast true', 'ip("2001:db8::abcd").isGlobalUnicast()', true],
  ['ipv6 isGlobalUnicast false', 'ip("ff00::1").isGlobalUnicast()', false],
  ['converting an IP address to a string', 'string(ip("192.168.0.1"))', '192.168.0.1'],
  ['type of IP is net.IP', 'type(ip("192.168.0.1")) == net.IP', true],
];

test('TestIP: values', () => {
  for (const [name, expr, want] of IP_CASES) assert.equal(shown(run(expr)), want, name);
});

test('TestIP: runtime errors carry upstream messages', () => {
  // parse invalid ipv4, ip.isCanonical invalid ipv4, parse invalid ipv6, ip.isCanonical invalid ipv6
  fails('ip("192.168.0.1.0")', 'IP Address "192.168.0.1.0" parse error during conversion from string: ParseAddr("192.168.0.1.0"): IPv4 address too long');
  fails('ip.isCanonical("127.0.0.1.0")', 'IP Address "127.0.0.1.0" parse error during conversion from string: ParseAddr("127.0.0.1.0"): IPv4 address too long');
  fails('ip("2001:db8:::68")', 'IP Address "2001:db8:::68" parse error during conversion from string: ParseAddr("2001:db8:::68"): each colon-separated field must have at least one digit (at ":68")');
  fails('ip.isCanonical("2001:db8:::68")', 'IP Address "2001:db8:::68" parse error during conversion from string: ParseAddr("2001:db8:::68"): each colon-separated field must have at least one digit (at ":68")');
  // parseIPAddr: zones and IPv4-mapped IPv6 addresses are refused; leading zeros too (ip.go doc).
  fails('ip("fe80::1%eth0")', 'IP address "fe80::1%eth0" with zone value is not allowed');
  fails('ip("::ffff:1.2.3.4")', 'IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed');
  fails('ip("127.0.0.256")', 'IP Address "127.0.0.256" parse error during conversion from string: ParseAddr("127.0.0.256"): IPv4 field has value >255');
  fails('ip(":::1")', 'IP Address ":::1" parse error during conversion from string: ParseAddr(":::1"): each colon-separated field must have at least one digit (at ":1")');
  fails('ip("x")', 'IP Address "x" parse error during conversion from string: ParseAddr("x"): unable to parse IP');
  fails('ip("01.2.3.4")', 'IP Address "01.2.3.4" parse error during conversion from string: ParseAddr("01.2.3.4"): IPv4 field has octet with leading zero');
  assert.equal(run('isIP("fe80::1%eth0") || isIP("::ffff:1.2.3.4") || isIP("01.2.3.4")'), false);
});

test("TestIP: passing cidr into isIP is a type error, in cel-go's words", () => {
  // cel-go: "found no matching overload for 'isIP' applied to '(net.CIDR)'"
  fails('isIP(cidr("192.168.0.0/24"))', "found no matching overload for 'isIP' applied to '(net.CIDR)'");
});

test('ip.go documentation examples', () => {
  assert.equal(run("ip.isCanonical('2001:db8::abcd')"), true);
  assert.equal(run("ip.isCanonical('2001:DB8::ABCD')"), false);
  assert.equal(run("ip.isCanonical('2001:db8::0:0:0:abcd')"), false);
  assert.equal(run("ip('127.0.0.1').family() == 4 && ip('::1').family() == 6"), true);
  assert.equal(run("ip('192.168.0.1').isLoopback()"), false);
  assert.equal(run("ip('169.254.169.254').isLinkLocalUnicast() && ip('fe80::1').isLinkLocalUnicast()"), true);
  assert.equal(run("ip('ff02::1').isLinkLocalMulticast()"), true);
});

test('IP equality compares the addresses (apiservercel.IP.Equal)', () => {
  assert.equal(run('ip("2001:db8::68") == ip("2001:DB8:0::68")'), true);
  assert.equal(run('ip("::1") != ip("::2")'), true);
  assert.equal(run('ip("10.0.0.1") in [ip("10.0.0.2"), ip("10.0.0.1")]'), true);
  assert.equal(run('cidr("10.0.0.0/8").ip() == ip("10.0.0.0")'), true);
});

// ---- cidr_test.go TestCIDR ----

const CIDR_CASES = [
  ['parse ipv4', 'cidr("192.168.0.0/24")', 'cidr:192.168.0.0/24'],
  ['contains IP ipv4 (IP)', 'cidr("192.168.0.0/24").containsIP(ip("192.168.0.1"))', true],
  ['does not contain IP ipv4 (IP)', 'cidr("192.168.0.0/24").containsIP(ip("192.168.1.1"))', false],
  ['contains IP ipv4 (string)', 'cidr("192.168.0.0/24").containsIP("192.168.0.1")', true],
  ['does not contain IP ipv4 (string)', 'cidr("192.168.0.0/24").containsIP("192.168.1.1")', false],
  ['contains CIDR ipv4 (CIDR)', 'cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/25"))', true],
  ['does not contain IP ipv4 (CIDR)', 'cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/23"))', false],
  ['contains CIDR ipv4 (string)', 'cidr("192.168.0.0/24").containsCIDR("192.168.0.0/25")', true],
  ['does not contain CIDR ipv4 (string)', 'cidr("192.168.0.0/24").containsCIDR("192.168.0.0/23")', false],
  ['returns IP ipv4', 'cidr("192.168.0.0/24").ip()', 'ip:192.168.0.0'],
  ['masks masked ipv4', 'cidr("192.168.0.0/24").masked()', 'cidr:192.168.0.0/24'],
  ['masks unmasked ipv4', 'cidr("192.168.0.1/24").masked()', 'cidr:192.168.0.0/24'],
  ['returns prefix length ipv4', 'cidr("192.168.0.0/24").prefixLength()', 24n],
  ['parse ipv6', 'cidr("2001:db8::/32")', 'cidr:2001:db8::/32'],
  ['contains IP ipv6 (IP)', 'cidr("2001:db8::/32").containsIP(ip("2001:db8::1"))', true],
  ['does not contain IP ipv6 (IP)', 'cidr("2001:db8::/32").containsIP(ip("2001:dc8::1"))', false],
  ['contains IP ipv6 (string)', 'cidr("2001:db8::/32").containsIP("2001:db8::1")', true],
  ['does not contain IP ipv6 (string)', 'cidr("2001:db8::/32").containsIP("2001:dc8::1")', false],
  ['contains CIDR ipv6 (CIDR)', 'cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/33"))', true],
  ['does not contain IP ipv6 (CIDR)', 'cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/31"))', false],
  ['contains CIDR ipv6 (string)', 'cidr("2001:db8::/32").containsCIDR("2001:db8::/33")', true],
  ['does not contain CIDR ipv6 (string)', 'cidr("2001:db8::/32").containsCIDR("2001:db8::/31")', false],
  ['returns IP ipv6', 'cidr("2001:db8::/32").ip()', 'ip:2001:db8::'],
  ['masks masked ipv6', 'cidr("2001:db8::/32").masked()', 'cidr:2001:db8::/32'],
  ['masks unmasked ipv6', 'cidr("2001:db8:1::/32").masked()', 'cidr:2001:db8::/32'],
  ['returns prefix length ipv6', 'cidr("2001:db8::/32").prefixLength()', 32n],
  ['converting a CIDR to a string', 'string(cidr("192.168.0.0/24"))', '192.168.0.0/24'],
  ['type of CIDR is net.CIDR', 'type(cidr("192.168.0.0/24")) == net.CIDR', true],
];

test('TestCIDR: values', () => {
  for (const [name, expr, want] of CIDR_CASES) assert.equal(shown(run(expr)), want, name);
});

test('TestCIDR: runtime errors carry upstream messages (the prefix doubled, as upstream wraps twice)', () => {
  // parse invalid ipv4, parse invalid ipv6
  fails('cidr("192.168.0.0/")', 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("192.168.0.0/"): bad bits after slash: ""');
  fails('cidr("2001:db8::/")', 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("2001:db8::/"): bad bits after slash: ""');
  // cidr.go doc: /33 and /129 are errors; IPv4-mapped IPv6 is refused after parsing (wrapped once).
  fails('cidr("192.168.0.0/33")', 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("192.168.0.0/33"): prefix length out of range');
  fails('cidr("::ffff:1.2.3.4/120")', 'network address parse error during conversion from string: IPv4-mapped IPv6 address "::ffff:1.2.3.4/120" is not allowed');
  assert.equal(run('isCIDR("::1/128") && !isCIDR("::1/129") && !isCIDR("192.168.0.0/33")'), true);
});

test('containsIP/containsCIDR with a string that does not parse: what cel-go returns', () => {
  // cidrContainsIP gets stringToIP's error value and answers MaybeNoSuchOverloadErr(the CIDR).
  fails('cidr("192.168.0.0/24").containsIP("192.168.0.1.0")', 'no such overload');
  // cidrContainsCIDR answers MaybeNoSuchOverloadErr(the error): the parse error itself.
  fails('cidr("192.168.0.0/24").containsCIDR("x")', 'network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("x"): no \'/\'');
});

test('cidr.go documentation examples and equality', () => {
  assert.equal(run("cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24'))"), true);
  assert.equal(run("cidr('192.168.1.0/24').containsCIDR(cidr('192.168.2.0/24'))"), false);
  assert.equal(run("cidr('192.168.0.1/24').ip() == ip('192.168.0.1')"), true);
  assert.equal(run("cidr('::1/128').ip().family()"), 6n);
  assert.equal(run("cidr('192.168.0.0/24') == cidr('192.168.0.0/24').masked()"), true);
  assert.equal(run("cidr('192.168.0.1/24') == cidr('192.168.0.1/24').masked()"), false);
  assert.equal(run("cidr('192.168.0.0/16').prefixLength()"), 16n);
  assert.equal(run("cidr('::/0').containsIP('1.2.3.4')"), false); // families differ
  assert.equal(run("cidr('::/0').containsCIDR('0.0.0.0/0')"), false);
  assert.equal(run("cidr('::/64').containsCIDR('10.0.0.0/8')"), false); // PrefixFrom(10.0.0.0, 64) is invalid
});

test('containsCIDR masks the other address from 1.32 (kubernetes#130450 and its cherry-pick)', () => {
  const expr = "cidr('192.168.0.0/16').containsCIDR('192.168.0.1/32')";
  assert.equal(run(expr, baseEnvironment('1.32')), true);
  assert.equal(run(expr, baseEnvironment('1.31')), false);
  assert.equal(run("cidr('192.168.0.0/16').containsCIDR('192.168.0.0/32')", baseEnvironment('1.31')), true);
});

// ---- validation_test.go TestValidationExpressions ----

// TestValidationExpressions "IP and CIDR" and "URL parsing" run in celValidationLibraries.test.mjs (upstream's tables).
test('TestValidationExpressions "cost for extended lib calculated correctly: url"', () => {
  const rule = "url('https:://kubernetes.io/').getHostname() != 'test'";
  assert.equal(run(rule), true, rule);
});

test('urls.go: getQuery is a map of string lists; url() keeps what url.Parse gives (the fragment cut)', () => {
  assert.deepEqual(run("url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()"), new Map([['k1', ['a']], ['k2', ['b', 'c']]]));
  // ParseRequestURI would keep "#frag" in the query; url() re-parses with Parse.
  assert.deepEqual(run("url('/p?a=1#frag').getQuery()"), new Map([['a', ['1']]]));
  assert.equal(run("url('/p#frag').getEscapedPath()"), '/p');
  assert.equal(run("url('https://example.com/a%2Fb').getEscapedPath()"), '/a%2Fb');
  // Parse reads "//host" as an authority where ParseRequestURI saw a path.
  assert.equal(run("url('//host/path').getHost()"), 'host');
});

test('urls.go: runtime errors carry upstream messages', () => {
  fails("url('../relative-path')", 'URL parse error during conversion from string: parse "../relative-path": invalid URI for request');
  fails("url('https://a:b:c/')", 'URL parse error during conversion from string: parse "https://a:b:c/": invalid port ":c" after host');
  fails("url('x')", 'URL parse error during conversion from string: parse "x": invalid URI for request');
  fails("url('')", 'URL parse error during conversion from string: parse "": empty url');
  fails("url('https://a b/')", 'URL parse error during conversion from string: parse "https://a b/": invalid character " " in host name');
  fails("url('http://[::1/')", 'URL parse error during conversion from string: parse "http://[::1/": missing \']\' in host');
  fails("url('http://x[::1]/')", 'URL parse error during conversion from string: parse "http://x[::1]/": invalid IP-literal');
  fails("url('http://[1.2.3.4]/')", 'URL parse error during conversion from string: parse "http://[1.2.3.4]/": invalid IP-literal');
  fails("url('http://[v1.x]/')", 'URL parse error during conversion from string: parse "http://[v1.x]/": invalid host: ParseAddr("v1.x"): unexpected character (at "v1.x")');
  fails("url('https://us er@host/')", 'URL parse error during conversion from string: parse "https://us er@host/": net/url: invalid userinfo');
  fails("url('https://host/%zz')", 'URL parse error during conversion from string: parse "https://host/%zz": invalid URL escape "%zz"');
  fails("url(':foo')", 'URL parse error during conversion from string: parse ":foo": missing protocol scheme');
  fails("url('/a\\tb')", 'URL parse error during conversion from string: parse "/a\\tb": net/url: invalid control character in URL');
  // ParseRequestURI accepts the query as is; the fragment's escape fails in Parse, which names the whole input.
  fails("url('/a?x#%zz')", 'URL parse error during conversion from string: parse "/a?x#%zz": invalid URL escape "%zz"');
});

test('URL equality compares String() (apiservercel.URL.Equal)', () => {
  assert.equal(run("url('https://example.com/a b') == url('https://example.com/a%20b')"), true);
  assert.equal(run("url('https://EXAMPLE.com/') == url('https://example.com/')"), false);
  assert.equal(run("url('HTTPS://example.com/') == url('https://example.com/')"), true);
  assert.equal(run("url('/a#x') != url('/a#y')"), true);
});

// ---- versions (environment/base.go) ----

test('IP and CIDR are in the environment from 1.30; URLs always', () => {
  const v129 = baseEnvironment('1.29');
  fails('ip("1.2.3.4")', "undeclared reference to 'ip' (in container '')", v129);
  fails('isCIDR("1.2.3.0/24")', "undeclared reference to 'isCIDR' (in container '')", v129);
  fails('ip.isCanonical("1.2.3.4")', 'Unknown variable: ip', v129);
  assert.equal(run("url('https://example.com/').getHost()", baseEnvironment('1.23')), 'example.com');
  assert.equal(run('ip("1.2.3.4").family()', baseEnvironment('1.30')), 4n);
});

// ---- runtime cost (library/cost.go CallCost) ----

test('the calls charge what CallCost says', () => {
  const cost = (expr) => trackedCelCost(1e9, () => run(expr)).cost;
  assert.equal(cost('isIP("192.168.0.1")'), 2); // ceil(11 * 0.1)
  assert.equal(cost('ip.isCanonical("2001:db8::68")'), 3); // ceil(12 * 2 * 0.1)
  assert.equal(cost('cidr("::1/128").ip()'), 2); // ceil(7 * 0.1) + 1 (cidr_ip is nominal)
  assert.equal(cost('cidr("192.168.0.0/24").containsIP(ip("192.168.0.1"))'), 5); // 2 + 2 + ceil((3 + 3) * 0.1)
  assert.equal(cost('cidr("192.168.0.0/24").containsCIDR("192.168.0.0/25")'), 7); // 2 + 1 + (1 + 1) + ceil(14 * 0.1)
  // Calls CallCost has no case for cost cel-go's default, 1 (interpreter/runtimecost.go costCall).
  assert.equal(cost('ip("192.168.0.1").isGlobalUnicast()'), 3); // 2 + 1
  assert.equal(cost("url('https:://kubernetes.io/').getHostname()"), 4); // ceil(23 * 0.1) + 1
  assert.equal(cost("isURL('https://kubernetes.io/')"), 1);
});

// ---- net/netip ----

const parseAddrError = (s) => {
  try {
    netip.parseAddr(s);
  } catch (e) {
    assert.ok(e instanceof netip.NetipError);
    return e.message;
  }
  return undefined;
};

test('netip.ParseAddr: String() of valid addresses (netip_test.go TestParseAddr)', () => {
  for (const [input, want] of [
    ['0.0.0.0', '0.0.0.0'],
    ['192.168.140.255', '192.168.140.255'],
    ['::', '::'],
    ['::1', '::1'],
    ['fd7a:115c:a1e0:ab12:4843:cd96:626b:430b', 'fd7a:115c:a1e0:ab12:4843:cd96:626b:430b'],
    ['fd7a:115c::626b:430b', 'fd7a:115c::626b:430b'],
    ['fd7a:115c:a1e0:ab12:4843:cd96::', 'fd7a:115c:a1e0:ab12:4843:cd96::'],
    ['fd7a:115c:a1e0:ab12:4843:cd96:626b::', 'fd7a:115c:a1e0:ab12:4843:cd96:626b:0'],
    ['fd7a:115c:a1e0::4843:cd96:626b:430b', 'fd7a:115c:a1e0:0:4843:cd96:626b:430b'],
    ['::ffff:192.168.140.255', '::ffff:192.168.140.255'],
    ['fd7a:115c:a1e0:ab12:4843:cd96:626b:430b%eth0', 'fd7a:115c:a1e0:ab12:4843:cd96:626b:430b%eth0'],
    ['1:2::ffff:192.168.140.255%eth1', '1:2::ffff:c0a8:8cff%eth1'],
    ['::ffff:192.168.140.255%eth1', '::ffff:192.168.140.255%eth1'],
    ['FD9E:1A04:F01D::1', 'fd9e:1a04:f01d::1'],
    // RFC 5952 as Go applies it: the first of equally long zero runs, never a single zero field.
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
    ['1:0:0:2:0:0:0:4', '1:0:0:2::4'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:2:0:3:0:4:0', '1:0:2:0:3:0:4:0'],
    ['2001:0db8:0000:0000:0000:0000:0000:0068', '2001:db8::68'],
  ]) assert.equal(netip.parseAddr(input).toString(), want, input);
});

test('netip.ParseAddr: errors (netip_test.go invalidIPs), messages as Go prints them', () => {
  for (const [input, want] of [
    ['', 'ParseAddr(""): unable to parse IP'],
    ['bad', 'ParseAddr("bad"): unable to parse IP'],
    ['1234', 'ParseAddr("1234"): unable to parse IP'],
    ['%eth0', 'ParseAddr("%eth0"): missing IPv6 address'],
    ['1.2.3.4%eth0', 'ParseAddr("1.2.3.4%eth0"): unexpected character (at "%eth0")'],
    ['.1.2.3', 'ParseAddr(".1.2.3"): IPv4 field must have at least one digit (at ".1.2.3")'],
    ['1.2.3.', 'ParseAddr("1.2.3."): IPv4 field must have at least one digit (at ".")'],
    ['1..2.3', 'ParseAddr("1..2.3"): IPv4 field must have at least one digit (at ".2.3")'],
    ['1.2.3.4.5', 'ParseAddr("1.2.3.4.5"): IPv4 address too long'],
    ['010.000.015.001', 'ParseAddr("010.000.015.001"): IPv4 field has octet with leading zero'],
    ['0300.0250.0214.0377', 'ParseAddr("0300.0250.0214.0377"): IPv4 field has octet with leading zero'],
    ['0xc0.0xa8.0x8c.0xff', 'ParseAddr("0xc0.0xa8.0x8c.0xff"): unexpected character (at "xc0.0xa8.0x8c.0xff")'],
    ['192.168.12345', 'ParseAddr("192.168.12345"): IPv4 field has value >255'],
    ['127.0.1', 'ParseAddr("127.0.1"): IPv4 address too short'],
    ['192.168.300.1', 'ParseAddr("192.168.300.1"): IPv4 field has value >255'],
    ['1:2:3:4:5:6:7', 'ParseAddr("1:2:3:4:5:6:7"): address string too short'],
    ['1:2:3:4:5:6:7:8:9', 'ParseAddr("1:2:3:4:5:6:7:8:9"): trailing garbage after address (at "9")'],
    ['1:2:3:4::5:6:7:8', 'ParseAddr("1:2:3:4::5:6:7:8"): the :: must expand to at least one field of zeros'],
    ['fe801::1', 'ParseAddr("fe801::1"): each group must have 4 or less digits (at "fe801::1")'],
    ['fe80:tail:scal:e::', 'ParseAddr("fe80:tail:scal:e::"): each colon-separated field must have at least one digit (at "tail:scal:e::")'],
    ['fe80::1%', 'ParseAddr("fe80::1%"): zone must be a non-empty string'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:192.168.140.255', 'ParseAddr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:192.168.140.255"): embedded IPv4 address must replace the final 2 fields of the address (at "192.168.140.255")'],
    ['ffff::ffff:ffff:ffff:ffff:ffff:ffff:192.168.140.255', 'ParseAddr("ffff::ffff:ffff:ffff:ffff:ffff:ffff:192.168.140.255"): too many hex fields to fit an embedded IPv4 at the end of the address (at "192.168.140.255")'],
    ['::ffff:192.168.140.bad', 'ParseAddr("::ffff:192.168.140.bad"): unexpected character (at "bad")'],
    ['::ffff:1.2.03.4', 'ParseAddr("::ffff:1.2.03.4"): IPv4 field has octet with leading zero'],
    ['::ffff:1.2.3.z', 'ParseAddr("::ffff:1.2.3.z"): unexpected character (at "z")'],
    ['fe80::1::1', 'ParseAddr("fe80::1::1"): multiple :: in address (at ":1")'],
    ['fe80:1?:1', 'ParseAddr("fe80:1?:1"): unexpected character, want colon (at "?:1")'],
    ['fe80:', 'ParseAddr("fe80:"): colon must be followed by more characters (at ":")'],
    ['0:0:0:0:0:ffff:0:00000', 'ParseAddr("0:0:0:0:0:ffff:0:00000"): each group must have 4 or less digits (at "00000")'],
    ['0:0:0:0:00000:ffff:127.1.2.3', 'ParseAddr("0:0:0:0:00000:ffff:127.1.2.3"): each group must have 4 or less digits (at "00000:ffff:127.1.2.3")'],
    // strconv.Quote: printable runes as they are, others escaped.
    ['1.2.3.é', 'ParseAddr("1.2.3.é"): unexpected character (at "é")'],
    ['1.2.3.\u00a0', 'ParseAddr("1.2.3.\\u00a0"): unexpected character (at "\\u00a0")'],
    ['1.2.3.4\n', 'ParseAddr("1.2.3.4\\n"): unexpected character (at "\\n")'],
    ['"1.2.3.4"', 'ParseAddr("\\"1.2.3.4\\""): unexpected character (at "\\"1.2.3.4\\"")'],
  ]) assert.equal(parseAddrError(input), want, input);
});

test('netip.Addr classification (netip_test.go TestIPProperties, TestIs4In6)', () => {
  const a = (s) => netip.parseAddr(s);
  assert.equal(a('::ffff:c000:0280').is4In6(), true);
  assert.equal(a('::fffe:c000:0280').is4In6(), false);
  assert.equal(a('::ffff:7f01:0203').unmap().toString(), '127.1.2.3');
  assert.equal(a('::ffff:127.1.2.3').isLoopback(), true); // unmapped first
  assert.equal(a('4000::1').isGlobalUnicast(), true); // outside 2000::/3 still counts
  assert.equal(a('febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff').isLinkLocalUnicast(), true);
  assert.equal(a('ff02::1%eth0').isLinkLocalMulticast(), true);
  assert.equal(a('ff01::1').isLinkLocalMulticast(), false);
  assert.equal(a('::ffff:0.0.0.0').isUnspecified(), false); // == IPv4Unspecified() only
  assert.equal(a('2001:db8::1%eth0').zone(), 'eth0');
  assert.equal(a('2001:db8::1%eth0').equals(a('2001:db8::1')), false);
});

test('netip.ParsePrefix: errors (netip_test.go TestParsePrefixError) with Go\'s full messages', () => {
  const error = (s) => {
    try {
      netip.parsePrefix(s);
    } catch (e) {
      return e.message;
    }
    return undefined;
  };
  for (const [input, want] of [
    ['192.168.0.0', 'netip.ParsePrefix("192.168.0.0"): no \'/\''],
    ['1.257.1.1/24', 'netip.ParsePrefix("1.257.1.1/24"): ParseAddr("1.257.1.1"): IPv4 field has value >255'],
    ['1.1.1.0/q', 'netip.ParsePrefix("1.1.1.0/q"): bad bits after slash: "q"'],
    ['1.1.1.0/-1', 'netip.ParsePrefix("1.1.1.0/-1"): bad bits after slash: "-1"'],
    ['1.1.1.0/33', 'netip.ParsePrefix("1.1.1.0/33"): prefix length out of range'],
    ['2001::/129', 'netip.ParsePrefix("2001::/129"): prefix length out of range'],
    ['1.1.1.0%a/24', 'netip.ParsePrefix("1.1.1.0%a/24"): ParseAddr("1.1.1.0%a"): unexpected character (at "%a")'],
    ['2001:db8::%a/32', 'netip.ParsePrefix("2001:db8::%a/32"): IPv6 zones cannot be present in a prefix'],
    ['1.1.1.0/+32', 'netip.ParsePrefix("1.1.1.0/+32"): bad bits after slash: "+32"'],
    ['1.1.1.0/-32', 'netip.ParsePrefix("1.1.1.0/-32"): bad bits after slash: "-32"'],
    ['1.1.1.0/032', 'netip.ParsePrefix("1.1.1.0/032"): bad bits after slash: "032"'],
    ['1.1.1.0/0032', 'netip.ParsePrefix("1.1.1.0/0032"): bad bits after slash: "0032"'],
    ['1.1.1.0/+', 'netip.ParsePrefix("1.1.1.0/+"): bad bits after slash: "+"'],
    ['1.1.1.0/99999', 'netip.ParsePrefix("1.1.1.0/99999"): prefix length out of range'],
    ['1.1.1.0/99999999999999999999', 'netip.ParsePrefix("1.1.1.0/99999999999999999999"): bad bits after slash: "99999999999999999999"'],
  ]) assert.equal(error(input), want, input);
});

test('netip.Prefix: String, Masked, Contains (netip_test.go TestPrefix, TestPrefixMasked, TestPrefixMarshalTextString)', () => {
  const p = (s) => netip.parsePrefix(s);
  assert.equal(p('::ffff:c000:0280/96').toString(), '::ffff:192.0.2.128/96');
  assert.equal(p('1.2.3.4/24').toString(), '1.2.3.4/24');
  assert.equal(p('192.168.0.255/24').masked().toString(), '192.168.0.0/24');
  assert.equal(p('2100::/3').masked().toString(), '2000::/3');
  const contains = (prefix, ips) => ips.map((ip) => p(prefix).contains(netip.parseAddr(ip)));
  assert.deepEqual(contains('100.64.0.0/10', ['100.64.0.0', '100.127.255.255', '100.63.255.255', '100.128.0.0']), [true, true, false, false]);
  assert.deepEqual(contains('2001:db8::/96', ['2001:db8::aaaa:bbbb', '2001:db8::1:aaaa:bbbb', '2001:db9::']), [true, false, false]);
  assert.deepEqual(contains('0.0.0.0/0', ['192.168.0.1', '2001:db8::1']), [true, false]);
  assert.deepEqual(contains('::/0', ['::1', '192.0.2.1']), [true, false]);
  assert.deepEqual(contains('2000::/3', ['2001:db8::1', 'fe80::1', '2001:db8::1%eth0']), [true, false, false]);
});

// ---- net/url ----

const requestURIError = (s) => {
  try {
    goUrl.goParseRequestURI(s);
  } catch (e) {
    assert.ok(e instanceof goUrl.URLError);
    return e.message;
  }
  return undefined;
};

test('url.ParseRequestURI (url_test.go parseRequestURLTests), with Go\'s errors', () => {
  for (const valid of [
    'http://foo.com',
    'http://foo.com/',
    'http://foo.com/path',
    '/',
    '//not.a.user@not.a.host/just/a/path',
    '//not.a.user@%66%6f%6f.com/just/a/path/also',
    '*',
    'http://192.168.0.1/',
    'http://192.168.0.1:8080/',
    'http://[fe80::1]/',
    'http://[fe80::1]:8080/',
    'http://[fe80::1%25en0]/',
    'http://[fe80::1%25en0]:8080/',
    'http://[fe80::1%25%65%6e%301-._~]/',
    'http://[fe80::1%25%65%6e%301-._~]:8080/',
    'mailto:someone@example.com',
  ]) assert.equal(requestURIError(valid), undefined, valid);
  for (const [input, want] of [
    ['foo.html', 'parse "foo.html": invalid URI for request'],
    ['../dir/', 'parse "../dir/": invalid URI for request'],
    [' http://foo.com', 'parse " http://foo.com": invalid URI for request'],
    ['http://192.168.0.%31/', 'parse "http://192.168.0.%31/": invalid URL escape "%31"'],
    ['http://192.168.0.%31:8080/', 'parse "http://192.168.0.%31:8080/": invalid URL escape "%31"'],
    ['http://[fe80::%31]/', 'parse "http://[fe80::%31]/": invalid URL escape "%31"'],
    ['http://[fe80::%31]:8080/', 'parse "http://[fe80::%31]:8080/": invalid URL escape "%31"'],
    ['http://[fe80::1%en0]/', 'parse "http://[fe80::1%en0]/": invalid URL escape "%en"'],
    ['http://[fe80::1%en0]:8080/', 'parse "http://[fe80::1%en0]:8080/": invalid URL escape "%en"'],
    ['http://[fe80::1]:x/', 'parse "http://[fe80::1]:x/": invalid port ":x" after host'],
    ['http://[12345::]/', 'parse "http://[12345::]/": invalid host: ParseAddr("12345::"): each group must have 4 or less digits (at "12345::")'],
    ['http://h|st/', 'parse "http://h|st/": invalid character "|" in host name'],
    ['http://é@host/', 'parse "http://é@host/": net/url: invalid userinfo'],
    ['http://host/%zé', 'parse "http://host/%zé": invalid URL escape "%z\\xc3"'],
  ]) assert.equal(requestURIError(input), want, input);
});

test('url.URL: Hostname, Port, EscapedPath, Query, String', () => {
  const u = goUrl.goParseURL('https://user:p%40ss@[fe80::1%25en0]:8443/a%2fb c?q=1+2&q=%zz&r=x;y&s#frag');
  assert.equal(u.getScheme(), 'https');
  assert.equal(u.getHost(), '[fe80::1%en0]:8443');
  assert.equal(u.hostname(), 'fe80::1%en0');
  assert.equal(u.port(), '8443');
  // RawPath "/a%2fb c" is no valid encoding (the space), so EscapedPath escapes Path again.
  assert.equal(u.escapedPath(), '/a/b%20c');
  assert.equal(goUrl.goParseURL('/a%2fb').escapedPath(), '/a%2fb');
  // ParseQuery: + is a space; a setting that does not unescape, or holds a semicolon, is dropped.
  assert.deepEqual(u.query(), new Map([['q', ['1 2']], ['s', ['']]]));
  assert.equal(u.toString(), 'https://user:p%40ss@[fe80::1%25en0]:8443/a/b%20c?q=1+2&q=%zz&r=x;y&s#frag');
  assert.equal(goUrl.goParseURL('http://example.com:/').port(), '');
  assert.equal(goUrl.goParseURL('*').escapedPath(), '*');
  // More than 10000 parameters (Go's defaultMaxParams): no values at all.
  assert.equal(goUrl.goParseURL(`/?${'a=1&'.repeat(9999)}a=1`).query().get('a').length, 10000);
  assert.equal(goUrl.goParseURL(`/?${'a=1&'.repeat(10000)}a=1`).query().size, 0);
});
