import { formatPath } from '../model/paths';
import { obj, type Obj } from '../model/obj';
import { parseQuantity } from './quantity';
import type { JsonPath } from '../yaml/nodeAt';

/**
 * What the requests arithmetic had to leave out of a pod spec, in words for the lens and hover:
 * a container list that is not a list, a container or `resources` that is not a map, a quantity that
 * does not parse. (Each is also a diagnostic of its own.)
 */
export function uncountable(spec: Obj, specPath: JsonPath): string[] {
  const problems: string[] = [];
  const where = (p: JsonPath) => formatPath([...specPath, ...p]);
  if (!Array.isArray(spec.containers)) problems.push(`${where(['containers'])} is not a list`);
  for (const list of ['containers', 'initContainers'] as const) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((c, i) => {
      const container = obj(c);
      if (!container) return void problems.push(`${where([list, i])} is not a map`);
      const resources = container.resources;
      if (resources === undefined || resources === null) return;
      if (!obj(resources)) return void problems.push(`${where([list, i, 'resources'])} is not a map`);
      for (const kind of ['requests', 'limits'] as const) {
        const values = obj(resources)![kind];
        if (values === undefined || values === null) continue;
        if (!obj(values)) {
          problems.push(`${where([list, i, 'resources', kind])} is not a map`);
          continue;
        }
        for (const [name, raw] of Object.entries(obj(values)!)) {
          if (!parseQuantity(raw)) problems.push(`${where([list, i, 'resources', kind, name])}: ${JSON.stringify(raw)} is not a quantity`);
        }
      }
    });
  }
  return problems;
}
