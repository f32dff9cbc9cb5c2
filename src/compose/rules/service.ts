/**
 * Rules about one service at a time: image tags, secrets in `environment`, restart policies, and
 * host ports published twice.
 * @module
 */
import { defineRule } from '../../core/rule.js';
import { credentialInUrl, isSecretName, isSwitchValue, pointsAtSecret } from '../../core/secrets.js';
import type { ComposeModel } from '../model.js';
import { asRecord, baseModel, interpolates, serviceEntries } from './util.js';

/** The tag of an image reference, `''` when it has none, `undefined` when pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon === -1 ? '' : image.slice(colon + 1);
}

/** `compose/latest-tag`: a service's image is `latest` or has no tag. */
export const latestTag = defineRule<ComposeModel>({
  code: 'compose/latest-tag',
  severity: 'warning',
  summary: 'A service runs an image tagged `latest` or with no tag, so what runs changes without notice.',
  fix: 'Pin a version: `postgres:16`, `redis:7.2-alpine` (or a digest).',
  *check(model) {
    for (const [name, svc] of serviceEntries(model)) {
      const image = svc['image'];
      if (typeof image !== 'string' || image.trim() === '' || interpolates(image) || svc['build'] !== undefined) continue;
      const tag = imageTag(image);
      if (tag === '' || tag === 'latest') {
        yield {
          path: ['services', name, 'image'],
          message: tag === '' ? `image "${image}" has no tag, so it means "latest"` : `image "${image}" uses the latest tag`,
          hint: `pin a version, such as "${image.replace(/:latest$/, '')}:<version>"`,
        };
      }
    }
  },
});

/** `compose/secret-in-environment`: a password, token or key written as a plain `environment` value. */
export const secretInEnvironment = defineRule<ComposeModel>({
  code: 'compose/secret-in-environment',
  severity: 'warning',
  summary: 'A secret (`*PASSWORD*`, `*_TOKEN`, `*_KEY`, `*SECRET*`, `*_PAT`, `*_AUTH*`), or a URL with a literal password (`postgres://u:p@db/app`), is written as a plain `environment` value, so it is committed with the file.',
  fix: 'Use `${VAR}` interpolation (declared with `Env` and listed in `.env.example`), or a `secrets:` entry.',
  *check(model) {
    for (const [name, svc] of serviceEntries(model)) {
      const env = svc['environment'];
      const pairs: [string, unknown, (string | number)[]][] = Array.isArray(env)
        ? env.flatMap((e, i): [string, unknown, (string | number)[]][] => {
            if (typeof e !== 'string' || !e.includes('=')) return [];
            const eq = e.indexOf('=');
            return [[e.slice(0, eq), e.slice(eq + 1), ['services', name, 'environment', i]]];
          })
        : Object.entries(asRecord(env) ?? {}).map(([k, v]): [string, unknown, (string | number)[]] => [k, v, ['services', name, 'environment', k]]);
      for (const [key, value, path] of pairs) {
        if (value === null || value === undefined || value === '' || interpolates(value) || (typeof value === 'string' && (pointsAtSecret(value) || isSwitchValue(value))) || typeof value === 'boolean') continue;
        if (!isSecretName(key)) {
          const url = typeof value === 'string' ? credentialInUrl(value) : undefined;
          if (url) yield { path, message: `${key} holds a URL with a literal password (${url.redacted})`, hint: `write the password as a variable: ${url.redacted.replace('***', `\${${key.replace(/_URL$|_DSN$|_URI$/, '')}_PASSWORD}`)}` };
          continue;
        }
        yield {
          path,
          message: `${key} is set to a literal value in the compose file`,
          hint: `write ${key}: \${${key}} and set it in .env (or use secrets:)`,
        };
      }
    }
  },
});

const RESTART_RE = /^(no|always|unless-stopped|on-failure(:\d+)?)$/;

/** `compose/invalid-restart`: `restart` is not a policy Compose knows. */
export const invalidRestart = defineRule<ComposeModel>({
  code: 'compose/invalid-restart',
  severity: 'error',
  summary: '`restart` is not one of `no`, `always`, `on-failure[:max-retries]`, `unless-stopped`.',
  fix: 'Use one of the four policies; quote `"no"` in YAML.',
  *check(model) {
    for (const [name, svc] of serviceEntries(model)) {
      const r = svc['restart'];
      if (r === undefined || interpolates(r)) continue;
      if (typeof r !== 'string' || !RESTART_RE.test(r)) {
        yield {
          path: ['services', name, 'restart'],
          message: `expected one of "no", "always", "on-failure", "on-failure:<n>", "unless-stopped", received ${JSON.stringify(r)}`,
          hint: r === false ? 'write restart: "no" (quoted; a bare no is the boolean false in YAML 1.1)' : 'use one of the listed policies',
        };
      }
    }
  },
});

/** A published host port range of one port entry: `[hostIp, protocol, from, to]`. */
type Published = [string, string, number, number];

/** The host ports a port entry publishes (none when it only exposes a container port). */
export function publishedPorts(port: unknown): Published[] {
  if (typeof port === 'number') return [];
  const rec = asRecord(port);
  if (rec) {
    const pub = rec['published'];
    const range: [number, number] | undefined = typeof pub === 'number' ? [pub, pub] : typeof pub === 'string' ? parseRange(pub) : undefined;
    if (!range) return [];
    return [[typeof rec['host_ip'] === 'string' ? rec['host_ip'] : '', typeof rec['protocol'] === 'string' ? rec['protocol'] : 'tcp', range[0], range[1]]];
  }
  if (typeof port !== 'string' || interpolates(port)) return [];
  let spec = port;
  let protocol = 'tcp';
  const slash = spec.lastIndexOf('/');
  if (slash !== -1) {
    protocol = spec.slice(slash + 1);
    spec = spec.slice(0, slash);
  }
  // host_ip may be an IPv6 address in brackets: [::1]:8080:80
  let hostIp = '';
  const bracket = spec.match(/^\[([^\]]+)\]:(.*)$/);
  if (bracket) {
    hostIp = bracket[1]!;
    spec = bracket[2]!;
  }
  const parts = spec.split(':');
  if (parts.length < 2) return [];
  if (parts.length >= 3) hostIp = parts.slice(0, parts.length - 2).join(':');
  const range = parseRange(parts[parts.length - 2]!);
  return range ? [[hostIp, protocol, range[0], range[1]]] : [];
}

function parseRange(text: string): [number, number] | undefined {
  const m = text.match(/^(\d+)(?:-(\d+))?$/);
  if (!m) return undefined;
  const from = Number(m[1]);
  return [from, m[2] !== undefined ? Number(m[2]) : from];
}

const ANY = new Set(['', '0.0.0.0', '::', '[::]']);

/**
 * `compose/port-collision`: two services (or two entries) publish the same host port. In an override
 * file, the ports of the base file it is merged over count too (Compose appends override ports).
 */
export const portCollision = defineRule<ComposeModel>({
  code: 'compose/port-collision',
  severity: 'error',
  summary: 'Two port entries publish the same host port, so the second container cannot start.',
  fix: 'Publish one of them on another host port (`"5433:5432"`), or drop the host port to let Docker pick one.',
  *check(model, context) {
    const seen: { at: Published; owner: string; path: (string | number)[]; inBase?: string }[] = [];
    // an override's ports are added to the base file's: those published there are taken already
    // (the same entry repeated for the same service is merged by Compose, not a clash)
    const base = baseModel(context);
    const repeated = new Set<string>();
    if (base) {
      const baseFile = context.file?.replace(/\.override\.(ya?ml)$/, '.$1') ?? 'the base file';
      for (const [name, svc] of serviceEntries(base)) {
        const ports = svc['ports'];
        if (!Array.isArray(ports)) continue;
        for (const [i, p] of ports.entries()) {
          repeated.add(`${name}\0${JSON.stringify(p)}`);
          for (const pub of publishedPorts(p)) seen.push({ at: pub, owner: name, path: ['services', name, 'ports', i], inBase: baseFile });
        }
      }
    }
    for (const [name, svc] of serviceEntries(model)) {
      const ports = svc['ports'];
      if (!Array.isArray(ports)) continue;
      for (const [i, p] of ports.entries()) {
        if (repeated.has(`${name}\0${JSON.stringify(p)}`)) continue;
        for (const pub of publishedPorts(p)) {
          const clash = seen.find(
            (s) => s.at[1] === pub[1] && (s.at[0] === pub[0] || ANY.has(s.at[0]) || ANY.has(pub[0])) && s.at[2] <= pub[3] && pub[2] <= s.at[3],
          );
          if (clash) {
            yield {
              path: ['services', name, 'ports', i],
              message: `host port ${pub[2] === pub[3] ? pub[2] : `${pub[2]}-${pub[3]}`}/${pub[1]} is already published by ${clash.owner === name ? 'this service' : `service "${clash.owner}"`}${clash.inBase !== undefined ? ` in ${clash.inBase}` : ''}`,
              hint: 'publish it on another host port',
            };
          } else seen.push({ at: pub, owner: name, path: ['services', name, 'ports', i] });
        }
      }
    }
  },
});

/** `compose/obsolete-version`: the top-level `version` is obsolete. */
export const obsoleteVersion = defineRule<ComposeModel>({
  code: 'compose/obsolete-version',
  severity: 'info',
  summary: 'The top-level `version` is obsolete; Compose ignores it and prints a warning.',
  fix: 'Remove `version:`; the Compose Specification has no versions.',
  *check(model) {
    const rec = asRecord(model);
    if (rec && rec['version'] !== undefined) {
      yield { path: ['version'], message: `version ${JSON.stringify(rec['version'])} is ignored by Compose`, hint: 'remove the version line' };
    }
  },
});
