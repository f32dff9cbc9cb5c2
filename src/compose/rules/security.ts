/**
 * Security rules for compose services: privileged mode, the Docker socket and the host's root
 * mounted, host namespaces, all capabilities, unconfined seccomp/AppArmor, and database or cache
 * ports published on every interface.
 * @module
 */
import type { IssuePath } from '../../core/issue.js';
import { defineRule } from '../../core/rule.js';
import type { ComposeModel } from '../model.js';
import { asRecord, interpolates, serviceEntries } from './util.js';

/** `compose/privileged`: `privileged: true`. */
export const privileged = defineRule<ComposeModel>({
  code: 'compose/privileged',
  severity: 'warning',
  summary: '`privileged: true` gives the container every capability and every host device: root in it is root on the host.',
  fix: 'Remove `privileged: true`; add only the capability the service needs (`cap_add: [NET_ADMIN]`) or the device (`devices: [/dev/fuse]`).',
  *check(model) {
    for (const [name, svc] of serviceEntries(model)) {
      const p = svc['privileged'];
      if (p === true || p === 'true') yield { path: ['services', name, 'privileged'], message: `service "${name}" runs privileged: it can take over the host`, hint: 'remove privileged: true; add the one capability it needs with cap_add' };
    }
  },
});

/**
 * A volume entry's host source, when it is a bind mount (`/src:/dst[:mode]`, or the long form).
 *
 * @example
 * ```ts
 * bindSource('/var/run/docker.sock:/var/run/docker.sock:ro'); // '/var/run/docker.sock'
 * bindSource({ type: 'bind', source: '/', target: '/host' });  // '/'
 * bindSource('pgdata:/var/lib/postgresql/data');              // undefined (a named volume)
 * ```
 */
export function bindSource(volume: unknown): string | undefined {
  if (typeof volume === 'string') {
    const parts = volume.split(':');
    if (parts.length < 2) return undefined;
    const src = parts[0]!;
    return src.startsWith('/') || src.startsWith('.') || src.startsWith('~') || src.startsWith('$') ? src : undefined;
  }
  const rec = asRecord(volume);
  if (rec && rec['type'] === 'bind' && typeof rec['source'] === 'string') return rec['source'];
  return undefined;
}

function* mounts(model: ComposeModel, test: (src: string) => boolean): Generator<{ name: string; src: string; path: IssuePath }> {
  for (const [name, svc] of serviceEntries(model)) {
    const vols = svc['volumes'];
    if (!Array.isArray(vols)) continue;
    for (const [i, v] of vols.entries()) {
      const src = bindSource(v);
      if (src !== undefined && test(src)) yield { name, src, path: ['services', name, 'volumes', i] };
    }
  }
}

/** `compose/docker-socket`: the Docker socket mounted into a container. */
export const dockerSocket = defineRule<ComposeModel>({
  code: 'compose/docker-socket',
  severity: 'warning',
  summary: 'The Docker socket (`/var/run/docker.sock`) is mounted into a container, which can then start a privileged container and take over the host (read-only mounts too).',
  fix: 'Remove the mount; if the service must talk to Docker, put a filtering proxy in front (`tecnativa/docker-socket-proxy` with only the API parts it needs).',
  *check(model) {
    for (const { name, src, path } of mounts(model, (s) => /(^|\/)docker\.sock$/.test(s.replace(/\/+$/, '')))) {
      yield { path, message: `service "${name}" mounts the Docker socket (${src}): it controls the Docker daemon, which is root on the host`, hint: 'remove the mount, or go through a socket proxy that allows only what the service needs' };
    }
  },
});

/** `compose/host-root-mount`: the host's `/` mounted into a container. */
export const hostRootMount = defineRule<ComposeModel>({
  code: 'compose/host-root-mount',
  severity: 'warning',
  summary: 'The host\'s root folder (`/`) is mounted into a container, which can then read and change every file of the host.',
  fix: 'Mount only the folders the service needs (`./data:/data`), read-only where it only reads (`:ro`).',
  *check(model) {
    for (const { name, path } of mounts(model, (s) => s === '/' || /^\/+$/.test(s))) {
      yield { path, message: `service "${name}" mounts the host's whole file system (/)`, hint: 'mount only the folders it needs' };
    }
  },
});

const NAMESPACES = [
  ['network_mode', 'network stack (it can reach every port bound to localhost on the host)'],
  ['pid', 'process table (it can see and signal every host process)'],
  ['ipc', 'shared memory'],
  ['uts', 'hostname'],
  ['userns_mode', 'user namespace (remapping is off)'],
] as const;

/** `compose/host-namespace`: `network_mode`, `pid`, `ipc`, `uts` or `userns_mode` set to `host`. */
export const hostNamespace = defineRule<ComposeModel>({
  code: 'compose/host-namespace',
  severity: 'warning',
  summary: '`network_mode: host`, `pid: host` or `ipc: host` (or `uts`, `userns_mode`) shares a host namespace with the container, taking away part of its isolation.',
  fix: 'Remove the `host` setting: publish the ports the service needs (`ports: ["127.0.0.1:8080:8080"]`) instead of `network_mode: host`.',
  *check(model) {
    for (const [name, svc] of serviceEntries(model)) {
      for (const [key, what] of NAMESPACES) {
        if (svc[key] === 'host') yield { path: ['services', name, key], message: `service "${name}" shares the host's ${what}`, hint: key === 'network_mode' ? 'remove network_mode: host and publish the ports it needs' : `remove ${key}: host` };
      }
    }
  },
});

/** `compose/cap-add-all`: `cap_add: [ALL]`. */
export const capAddAll = defineRule<ComposeModel>({
  code: 'compose/cap-add-all',
  severity: 'warning',
  summary: '`cap_add: [ALL]` gives the container every Linux capability, nearly as much as `privileged: true`.',
  fix: 'Add only the capabilities the service needs: `cap_add: [NET_BIND_SERVICE]`.',
  *check(model) {
    for (const [name, svc] of serviceEntries(model)) {
      const caps = svc['cap_add'];
      if (!Array.isArray(caps)) continue;
      for (const [i, c] of caps.entries()) {
        if (typeof c === 'string' && /^(CAP_)?ALL$/i.test(c.trim())) yield { path: ['services', name, 'cap_add', i], message: `service "${name}" adds every capability (${c})`, hint: 'list the capabilities it needs instead' };
      }
    }
  },
});

/** `compose/unconfined-security-opt`: `security_opt` turns seccomp or AppArmor off. */
export const unconfinedSecurityOpt = defineRule<ComposeModel>({
  code: 'compose/unconfined-security-opt',
  severity: 'warning',
  summary: '`security_opt: [seccomp:unconfined]` (or `apparmor:unconfined`, `label:disable`) turns off a kernel filter that stops container escapes.',
  fix: 'Remove the option; if one system call is missing, give a custom profile that allows it: `seccomp:./seccomp.json`.',
  *check(model) {
    for (const [name, svc] of serviceEntries(model)) {
      const opts = svc['security_opt'];
      if (!Array.isArray(opts)) continue;
      for (const [i, o] of opts.entries()) {
        if (typeof o !== 'string') continue;
        const m = /^\s*(seccomp|apparmor)\s*[:=]\s*unconfined\s*$|^\s*(label)\s*[:=]\s*disable\s*$/i.exec(o);
        if (m) yield { path: ['services', name, 'security_opt', i], message: `service "${name}" runs with ${(m[1] ?? m[2])!.toLowerCase()} turned off (${o.trim()})`, hint: 'remove it, or use a custom profile that allows only what is missing' };
      }
    }
  },
});

// container ports of databases and caches: published on every interface, they are open to the network
const DATA_PORTS = new Map<number, string>([
  [5432, 'PostgreSQL'], [3306, 'MySQL'], [33060, 'MySQL X'], [1433, 'SQL Server'], [1521, 'Oracle'], [27017, 'MongoDB'], [6379, 'Redis'],
  [11211, 'Memcached'], [9200, 'Elasticsearch'], [9300, 'Elasticsearch'], [5984, 'CouchDB'], [9042, 'Cassandra'], [7687, 'Neo4j'],
  [26257, 'CockroachDB'], [8529, 'ArangoDB'], [28015, 'RethinkDB'], [8086, 'InfluxDB'], [8123, 'ClickHouse'],
]);
const ANY_HOST = new Set(['', '0.0.0.0', '::', '[::]']);

/** The container port of a port entry (the range's first port), or undefined. */
function targetPort(port: unknown): number | undefined {
  if (typeof port === 'number') return port;
  const rec = asRecord(port);
  if (rec) return typeof rec['target'] === 'number' ? rec['target'] : typeof rec['target'] === 'string' ? Number.parseInt(rec['target'], 10) : undefined;
  if (typeof port !== 'string') return undefined;
  const m = /(\d+)(?:-\d+)?(?:\/\w+)?$/.exec(port);
  return m ? Number(m[1]) : undefined;
}

/**
 * The host address a port entry is published on (`''` for every interface) and its host port
 * (undefined: Docker picks a random one), or undefined for an entry that is not a port.
 */
function hostSide(port: unknown): { ip: string; port?: string } | undefined {
  if (typeof port === 'number') return { ip: '' };
  const rec = asRecord(port);
  if (rec) return { ip: typeof rec['host_ip'] === 'string' ? rec['host_ip'] : '', ...(rec['published'] !== undefined ? { port: String(rec['published']) } : {}) };
  if (typeof port !== 'string') return undefined;
  const spec = port.replace(/\/\w+$/, '');
  const bracket = /^\[([^\]]+)\]:(.*)$/.exec(spec);
  const parts = (bracket ? bracket[2]! : spec).split(':');
  if (parts.length === 1) return { ip: bracket ? bracket[1]! : '' };
  const hostPort = parts[parts.length - 2]!;
  const ip = bracket ? bracket[1]! : parts.slice(0, -2).join(':');
  return { ip, ...(hostPort !== '' ? { port: hostPort } : {}) };
}

/** `compose/database-port-exposed`: a database or cache port published on every interface. */
export const databasePortExposed = defineRule<ComposeModel>({
  code: 'compose/database-port-exposed',
  severity: 'warning',
  summary: 'A database or cache port (5432, 3306, 27017, 6379…) is published on every interface, so anyone on the network (a café\'s Wi-Fi) can reach it, often with a default password.',
  fix: 'Publish it on this machine only: `"127.0.0.1:5432:5432"` (or drop `ports:` when only other services use it).',
  *check(model) {
    for (const [name, svc] of serviceEntries(model)) {
      const ports = svc['ports'];
      if (!Array.isArray(ports)) continue;
      for (const [i, p] of ports.entries()) {
        if (typeof p === 'string' && interpolates(p)) continue;
        const target = targetPort(p);
        const what = target !== undefined ? DATA_PORTS.get(target) : undefined;
        const host = hostSide(p);
        if (!what || !host || !ANY_HOST.has(host.ip)) continue;
        const local = asRecord(p) ? 'host_ip: 127.0.0.1' : `"127.0.0.1:${host.port ?? target}:${String(p).split(':').pop()}"`;
        yield {
          path: ['services', name, 'ports', i],
          message: `service "${name}" publishes ${what}'s port ${target} on every interface (${host.port !== undefined ? `host port ${host.port}` : 'a random host port'}): it is reachable from the network`,
          hint: `publish it on this machine only: ${local}`,
        };
      }
    }
  },
});
