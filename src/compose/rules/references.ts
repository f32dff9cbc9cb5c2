/**
 * Rules about names a service uses that must be declared at the top level: named volumes,
 * networks, secrets, configs and models; and services `volumes_from` names.
 * @module
 */
import { defineRule, type Rule } from '../../core/rule.js';
import type { ComposeModel } from '../model.js';
import { asRecord, declared, interpolates, lookupModel, serviceEntries } from './util.js';

type Use = [name: string, path: (string | number)[]];

/** The named volume a short volume string mounts, if any (`data:/var/lib/x` → `data`). */
export function namedVolumeOf(spec: string): string | undefined {
  const colon = spec.indexOf(':');
  if (colon <= 0) return undefined; // an anonymous volume (`/data`) or empty
  const source = spec.slice(0, colon);
  if (/^[./~$\\]/.test(source) || /^[A-Za-z]$/.test(source)) return undefined; // a bind mount or a Windows drive
  return source;
}

function volumeUses(name: string, svc: Record<string, unknown>): Use[] {
  const list = svc['volumes'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((v, i): Use[] => {
    if (typeof v === 'string') {
      const n = namedVolumeOf(v);
      return n ? [[n, ['services', name, 'volumes', i]]] : [];
    }
    const rec = asRecord(v);
    if (rec?.['type'] === 'volume' && typeof rec['source'] === 'string' && rec['source'] !== '') return [[rec['source'], ['services', name, 'volumes', i, 'source']]];
    return [];
  });
}

function networkUses(name: string, svc: Record<string, unknown>): Use[] {
  const nets = svc['networks'];
  if (Array.isArray(nets)) return nets.flatMap((n, i): Use[] => (typeof n === 'string' ? [[n, ['services', name, 'networks', i]]] : []));
  return Object.keys(asRecord(nets) ?? {}).map((n): Use => [n, ['services', name, 'networks', n]]);
}

function refUses(key: 'secrets' | 'configs') {
  return (name: string, svc: Record<string, unknown>): Use[] => {
    const at = (list: unknown, base: (string | number)[]): Use[] =>
      Array.isArray(list)
        ? list.flatMap((s, i): Use[] => {
            if (typeof s === 'string') return [[s, [...base, i]]];
            const src = asRecord(s)?.['source'];
            return typeof src === 'string' ? [[src, [...base, i, 'source']]] : [];
          })
        : [];
    const uses = at(svc[key], ['services', name, key]);
    if (key === 'secrets') uses.push(...at(asRecord(svc['build'])?.['secrets'], ['services', name, 'build', 'secrets']));
    return uses;
  };
}

function undeclared(what: string, section: 'volumes' | 'networks' | 'secrets' | 'configs' | 'models', uses: (name: string, svc: Record<string, unknown>) => Use[], implicit: readonly string[], example: string): Rule<ComposeModel> {
  return defineRule<ComposeModel>({
    code: `compose/undeclared-${what}`,
    severity: 'error',
    summary: `A service uses a ${what} that is not declared under the top-level \`${section}:\`.`,
    fix: `Declare it: \`${section}:\\n  ${example}:\` (or correct the name).`,
    *check(model, context) {
      const known = declared(lookupModel(model, context), section);
      for (const n of implicit) known.add(n);
      for (const [name, svc] of serviceEntries(model)) {
        for (const [used, path] of uses(name, svc)) {
          if (known.has(used) || interpolates(used)) continue;
          yield {
            path,
            message: `${what} "${used}" is not declared under top-level ${section}: (declared: ${[...known].filter((k) => !implicit.includes(k)).map((k) => `"${k}"`).join(', ') || 'none'})`,
            hint: `add ${section}: { ${used}: {} } at the top level`,
          };
        }
      }
    },
  });
}

/** `compose/undeclared-volume`: a service mounts a named volume that is not declared. */
export const undeclaredVolume = undeclared('volume', 'volumes', volumeUses, [], 'pgdata');
/** `compose/undeclared-network`: a service joins a network that is not declared (`default` is implicit). */
export const undeclaredNetwork = undeclared('network', 'networks', networkUses, ['default'], 'backend');
/** `compose/undeclared-secret`: a service (or its build) uses a secret that is not declared. */
export const undeclaredSecret = undeclared('secret', 'secrets', refUses('secrets'), [], 'db_password');
/** `compose/undeclared-config`: a service uses a config that is not declared. */
export const undeclaredConfig = undeclared('config', 'configs', refUses('configs'), [], 'nginx_conf');

function modelUses(name: string, svc: Record<string, unknown>): Use[] {
  const models = svc['models'];
  if (Array.isArray(models)) return models.flatMap((m, i): Use[] => (typeof m === 'string' ? [[m, ['services', name, 'models', i]]] : []));
  return Object.keys(asRecord(models) ?? {}).map((m): Use => [m, ['services', name, 'models', m]]);
}

/** `compose/undeclared-model`: a service uses an AI model that is not declared under the top-level `models:`. */
export const undeclaredModel = undeclared('model', 'models', modelUses, [], 'llm');

/** The service a `volumes_from` entry names (`api`, `api:ro`), or `undefined` for `container:<name>`. */
export function volumesFromService(entry: string): string | undefined {
  if (entry.startsWith('container:')) return undefined;
  return entry.replace(/:(ro|rw)$/, '');
}

/** `compose/unknown-volumes-from`: `volumes_from` names a service that is not defined. */
export const unknownVolumesFrom = defineRule<ComposeModel>({
  code: 'compose/unknown-volumes-from',
  severity: 'error',
  summary: '`volumes_from` names a service that is not defined in the file.',
  fix: 'Define the service, correct its name, or name a container as `container:<name>`.',
  *check(model, context) {
    const defined = new Set(serviceEntries(lookupModel(model, context)).map(([n]) => n));
    for (const [name, svc] of serviceEntries(model)) {
      const list = svc['volumes_from'];
      if (!Array.isArray(list)) continue;
      for (const [i, entry] of list.entries()) {
        if (typeof entry !== 'string' || interpolates(entry)) continue;
        const service = volumesFromService(entry);
        if (service === undefined || defined.has(service)) continue;
        yield {
          path: ['services', name, 'volumes_from', i],
          message: `volumes_from "${entry}": "${service}" is not a service in this file (services: ${[...defined].map((d) => `"${d}"`).join(', ') || 'none'})`,
          hint: `define services.${service}, correct the name, or write container:${service} for a container outside the file`,
        };
      }
    }
  },
});
