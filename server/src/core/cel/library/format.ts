import { Optional, type Environment } from '@marcbachmann/cel-js';
import { REGEX_STRING_LENGTH_COST_FACTOR, traversalCost } from '../cost';
import {
  isLabelKey,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from '../../schema/apimachineryValidation';
import { goParseRequestURI } from '../../model/goUrl';
import { isBase64, isDate, isDateTime, isUUID } from '../../schema/strfmt';
import { callCost } from './callCost';
import { actualSize } from './values';

/**
 * The format library (k8s.io/apiserver/pkg/cel/library/format.go, from 1.31):
 * `format.named(name)` → optional<kubernetes.NamedFormat>, `format.<name>()`, and
 * `<format>.validate(s)` → optional.none() when valid, else optional.of(the messages).
 * `format` is a constant of a namespace type here (cel-go declares functions named "format.<name>").
 */
export class NamedFormat {
  static readonly celTypeName = 'kubernetes.NamedFormat';
  constructor(
    readonly name: string,
    readonly validate: (s: string) => string[],
    /** MaxRegexSize: the regular expression size the call cost assumes. */
    readonly maxRegexSize: number,
  ) {}
}
class FormatNamespace {}

/** strfmt.UUIDPattern and DateTimePattern lengths (MaxRegexSize upstream). */
const UUID_PATTERN_LENGTH = '(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$'.length;
const DATE_TIME_PATTERN_LENGTH = '^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$'.length;
const BASE64_LENGTH = 84;
const URL_LENGTH = 1103;

/** ConstantFormats, as of a Kubernetes minor (IsQualifiedName became content.IsLabelKey in 1.35). */
function constantFormats(minor: number): Record<string, NamedFormat> {
  const check = (ok: (s: string) => boolean, message: string) => (s: string) => (ok(s) ? [] : [message]);
  return {
    dns1123Label: new NamedFormat('DNS1123Label', (s) => nameIsDNSLabel(s, false), 30),
    dns1123Subdomain: new NamedFormat('DNS1123Subdomain', (s) => nameIsDNSSubdomain(s, false), 60),
    dns1035Label: new NamedFormat('DNS1035Label', (s) => nameIsDNS1035Label(s, false), 30),
    qualifiedName: new NamedFormat('QualifiedName', minor >= 35 ? isLabelKey : isQualifiedName, 60),
    dns1123LabelPrefix: new NamedFormat('DNS1123LabelPrefix', (s) => nameIsDNSLabel(s, true), 30),
    dns1123SubdomainPrefix: new NamedFormat('DNS1123SubdomainPrefix', (s) => nameIsDNSSubdomain(s, true), 60),
    dns1035LabelPrefix: new NamedFormat('DNS1035LabelPrefix', (s) => nameIsDNS1035Label(s, true), 30),
    labelValue: new NamedFormat('LabelValue', isValidLabelValue, 40),
    uri: new NamedFormat('URI', (s) => {
      try {
        goParseRequestURI(s);
        return [];
      } catch (e) {
        return [(e as Error).message];
      }
    }, URL_LENGTH),
    uuid: new NamedFormat('uuid', check(isUUID, 'does not match the UUID format'), UUID_PATTERN_LENGTH),
    byte: new NamedFormat('byte', check(isBase64, 'invalid base64'), BASE64_LENGTH),
    date: new NamedFormat('date', check(isDate, 'invalid date'), DATE_TIME_PATTERN_LENGTH),
    datetime: new NamedFormat('datetime', check(isDateTime, 'invalid datetime'), DATE_TIME_PATTERN_LENGTH),
  };
}

const F = 'kubernetes.NamedFormat';

function register(env: Environment, minor: number): void {
  const formats = constantFormats(minor);
  env.registerType(F, NamedFormat);
  env.registerType('FormatNamespace', FormatNamespace);
  env.registerConstant('format', 'FormatNamespace', new FormatNamespace());
  env.registerOperator(`${F} == ${F}`, (a: NamedFormat, b: NamedFormat) => {
    callCost(1); // cost.go: formats compare in O(1) at run time
    return a.name === b.name;
  });
  env.registerFunction(`FormatNamespace.named(string): optional<${F}>`, (_: FormatNamespace, name: string) => {
    callCost(1);
    return Object.hasOwn(formats, name) ? Optional.of(formats[name]) : Optional.none();
  });
  for (const [name, format] of Object.entries(formats)) {
    // "format.<name>" has no CallCost entry: runtimecost.go's default 1, the call itself.
    env.registerFunction(`FormatNamespace.${name}(): ${F}`, () => format);
  }
  env.registerFunction(`${F}.validate(string): optional<list<string>>`, (format: NamedFormat, s: string) => {
    // cost.go "validate": the regex cost estimate, with MaxRegexSize for the regular expression.
    callCost(traversalCost(1 + actualSize(s)) * traversalCost(format.maxRegexSize, REGEX_STRING_LENGTH_COST_FACTOR));
    const messages = format.validate(s);
    return messages.length === 0 ? Optional.none() : Optional.of(messages);
  });
}

export const formatLibrary = { name: 'kubernetes.format', since: 31, register };
