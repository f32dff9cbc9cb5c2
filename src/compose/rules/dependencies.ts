/**
 * Rules about `depends_on`: unknown services, cycles, and `service_healthy` without a healthcheck.
 * @module
 */
import { posix } from 'node:path';
import { defineRule, type Finding, type RuleContext } from '../../core/rule.js';
import type { ComposeModel } from '../model.js';
import { asRecord, effectiveService, lookupModel, serviceEntries } from './util.js';
import { dockerfileFactsAt, imageHealthcheck } from '../../core/facts.js';

/** `[dependency, condition | undefined, path]` for each entry of a service's `depends_on`. */
export function dependencies(service: Record<string, unknown>, name: string): [string, string | undefined, (string | number)[]][] {
  const deps = service['depends_on'];
  const base = ['services', name, 'depends_on'];
  if (Array.isArray(deps)) return deps.flatMap((d, i) => (typeof d === 'string' ? [[d, undefined, [...base, i]] as [string, undefined, (string | number)[]]] : []));
  const rec = asRecord(deps);
  if (!rec) return [];
  return Object.entries(rec).map(([d, v]) => {
    const condition = asRecord(v)?.['condition'];
    return [d, typeof condition === 'string' ? condition : undefined, [...base, d]];
  });
}

/** `compose/unknown-service`: `depends_on` names a service that is not defined. */
export const unknownService = defineRule<ComposeModel>({
  code: 'compose/unknown-service',
  severity: 'error',
  summary: '`depends_on` names a service that is not defined.',
  fix: 'Define the service, correct its name, or remove the dependency.',
  *check(model, context) {
    const defined = new Set(serviceEntries(lookupModel(model, context)).map(([n]) => n));
    for (const [name, svc] of serviceEntries(model)) {
      for (const [dep, , path] of dependencies(svc, name)) {
        if (!defined.has(dep)) {
          yield {
            path,
            message: `"${dep}" is not a service in this file (services: ${[...defined].map((d) => `"${d}"`).join(', ') || 'none'})`,
            hint: `define services.${dep}, or correct the name`,
          };
        }
      }
    }
  },
});

/** `compose/dependency-cycle`: services depend on each other in a cycle. */
export const dependencyCycle = defineRule<ComposeModel>({
  code: 'compose/dependency-cycle',
  severity: 'error',
  summary: 'Services depend on each other in a cycle, so Compose cannot start any of them.',
  fix: 'Remove one `depends_on` entry of the cycle.',
  *check(model, context) {
    const view = lookupModel(model, context);
    const graph = new Map<string, string[]>();
    for (const [name, svc] of serviceEntries(view)) graph.set(name, dependencies(svc, name).map(([d]) => d));
    const own = new Set(serviceEntries(model).map(([n]) => n));
    const state = new Map<string, 'visiting' | 'done'>();
    const reported = new Set<string>();
    const stack: string[] = [];
    const findings: Finding[] = [];
    const visit = (node: string): void => {
      state.set(node, 'visiting');
      stack.push(node);
      for (const next of graph.get(node) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 'visiting') {
          const cycle = [...stack.slice(stack.indexOf(next)), next];
          const key = [...new Set(cycle)].sort().join(',');
          const at = cycle.find((c) => own.has(c)) ?? node;
          if (!reported.has(key)) {
            reported.add(key);
            findings.push({ path: ['services', at, 'depends_on'], message: `dependency cycle: ${cycle.join(' → ')}`, hint: 'remove one of these dependencies' });
          }
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(node, 'done');
    };
    for (const node of graph.keys()) if (!state.has(node)) visit(node);
    yield* findings;
  },
});

/**
 * Whether the image a service builds from a Dockerfile the App holds (a `dockerfile` sibling) has a
 * `HEALTHCHECK` in its target stage or the stages it is built `FROM`; `undefined` when unknown.
 */
export function dockerfileHealthcheck(service: Record<string, unknown>, context: RuleContext): boolean | undefined {
  const build = service['build'];
  const rec = asRecord(build);
  const ctx = typeof build === 'string' ? build : typeof rec?.['context'] === 'string' ? rec['context'] : rec ? '.' : undefined;
  if (ctx === undefined) return undefined;
  const dockerfile = typeof rec?.['dockerfile'] === 'string' ? rec['dockerfile'] : 'Dockerfile';
  const path = posix.normalize(posix.join(posix.dirname(context.file ?? 'compose.yaml'), ctx, dockerfile));
  // typed facts from the Dockerfile's own kind, not a walk over its model
  const facts = dockerfileFactsAt(context, path);
  if (!facts) return undefined;
  return imageHealthcheck(facts, typeof rec?.['target'] === 'string' ? rec['target'] : undefined);
}

/** `compose/healthy-without-healthcheck`: `condition: service_healthy` on a service that has no healthcheck. */
export const healthyWithoutHealthcheck = defineRule<ComposeModel>({
  code: 'compose/healthy-without-healthcheck',
  severity: 'error',
  summary: '`condition: service_healthy` waits for a service that has no healthcheck (or has it disabled).',
  fix: 'Give the dependency a `healthcheck:` (a test, interval, timeout, retries), or wait for `service_started`.',
  *check(model, context) {
    const view = new Map(serviceEntries(lookupModel(model, context)));
    for (const [name, svc] of serviceEntries(model)) {
      for (const [dep, condition, path] of dependencies(svc, name)) {
        if (condition !== 'service_healthy') continue;
        const target = effectiveService(view, dep);
        if (!target) continue; // compose/unknown-service reports it
        const hc = asRecord(target['healthcheck']);
        if (!hc && dockerfileHealthcheck(target, context) === true) continue; // the built image has HEALTHCHECK
        const test = hc?.['test'];
        const disabled = hc?.['disable'] === true || hc?.['disable'] === 'true' || (Array.isArray(test) && test[0] === 'NONE');
        if (!hc || disabled) {
          yield {
            path: [...path, 'condition'],
            message: `"${dep}" ${hc ? 'has its healthcheck disabled' : 'has no healthcheck'}, so it never becomes healthy`,
            hint: `add services.${dep}.healthcheck (or, if its image defines HEALTHCHECK, suppress this with a reason)`,
          };
        }
      }
    }
  },
});
