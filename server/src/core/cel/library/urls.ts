import { EvaluationError, type Environment } from '@marcbachmann/cel-js';
import { goParseRequestURI, goParseURL, URLError, type URL } from '../../model/goUrl';
import { chargeParse } from './netCost';

/**
 * The URL library (k8s.io/apiserver/pkg/cel/library/urls.go, the value in pkg/cel/url.go): `url`,
 * `isURL`, the getters, and equality (of the URLs' String()). `url` checks with ParseRequestURI,
 * then keeps what Parse gives, so a fragment is cut off rather than kept in the path or query.
 */

/** cel-go's type name (apiservercel.URLType). */
export const URL_TYPE = 'kubernetes.URL';

export class CelURL {
  constructor(readonly url: URL) {}
}

const PARSE_ERROR = 'URL parse error during conversion from string';

function stringToURL(s: string): CelURL {
  try {
    goParseRequestURI(s);
    return new CelURL(goParseURL(s));
  } catch (e) {
    if (e instanceof URLError) throw new EvaluationError(`${PARSE_ERROR}: ${e.message}`);
    throw e;
  }
}

function isURL(s: string): boolean {
  try {
    goParseRequestURI(s);
    return true;
  } catch (e) {
    if (e instanceof URLError) return false;
    throw e;
  }
}

function register(env: Environment): void {
  env.registerType(URL_TYPE, { ctor: CelURL, fields: {} });
  env.registerFunction(`url(string): ${URL_TYPE}`, (s: string) => {
    chargeParse(s);
    return stringToURL(s);
  });
  env.registerFunction('isURL(string): bool', isURL);
  env.registerFunction(`${URL_TYPE}.getScheme(): string`, (u: CelURL) => u.url.getScheme());
  env.registerFunction(`${URL_TYPE}.getHost(): string`, (u: CelURL) => u.url.getHost());
  env.registerFunction(`${URL_TYPE}.getHostname(): string`, (u: CelURL) => u.url.hostname());
  env.registerFunction(`${URL_TYPE}.getPort(): string`, (u: CelURL) => u.url.port());
  env.registerFunction(`${URL_TYPE}.getEscapedPath(): string`, (u: CelURL) => u.url.escapedPath());
  env.registerFunction(`${URL_TYPE}.getQuery(): map<string, list<string>>`, (u: CelURL) => u.url.query());
  env.registerOperator(`${URL_TYPE} == ${URL_TYPE}`, (a: CelURL, b: CelURL) => a.url.toString() === b.url.toString());
}

/** Every Kubernetes version with CEL (environment/base.go: since 1.0). */
export const URLS_LIBRARY = { name: 'kubernetes.urls', since: 0, register };
