// W3, linear scale: the same kind of entry at several sizes, so the time per entry can be compared.
// One compose file of n services (each with a named volume, an Env variable it reads, a build, a
// healthcheck, a depends_on on the service before it and a watch rule), and n workflows of 20 jobs
// (each job needing the one before, with a matrix and 10 steps); the compose file read back from
// its text; and a compose file with one map of n keys read from its text. bench/scale.mjs times building the App plus app.synth() in-process at each size; the
// time per service (per job) should stay flat.
import { App, Compose, Env } from 'devstack-kit';
import { bigWorkflow } from './shared.js';

/** The sizes measured: compose services, and workflows of {@link JOBS} jobs. */
export const sizes = { compose: [250, 1000, 4000], parse: [250, 1000, 4000], map: [2500, 10000, 40000], workflows: [50, 500] };
/** Jobs per workflow. */
export const JOBS = 20;

/** An App with one compose file of `n` services (and `n` volumes and `n` Env variables). */
export function composeApp(n: number): App {
  let env = Env.create() as Env<string>;
  for (let i = 0; i < n; i++) env = env.var(`SVC_${i}_URL`, { description: `Where svc-${i} listens`, default: `http://svc-${i}:8000` });
  let c = Compose.create().env(env) as Compose<any>;
  for (let i = 0; i < n; i++) {
    c = c.volume(`data-${i}`).service(`svc-${i}`, (s: any) => {
      let b = s
        .build({ context: `./services/svc-${i}`, dockerfile: 'Dockerfile', target: 'runtime' })
        .volume(`data-${i}`, '/data')
        .envVar(`SVC_${i}_URL`)
        .healthcheck({ test: ['CMD', 'curl', '-fsS', 'http://localhost:8000/health'], interval: '10s', timeout: '3s', retries: 3, start_period: '5s' })
        .watch({ action: 'sync', path: `./services/svc-${i}/src`, target: '/app/src' });
      if (i > 0) b = b.dependsOn(`svc-${i - 1}`, { condition: 'service_healthy' });
      return b;
    });
  }
  const app = new App();
  app.compose('compose.yaml', c);
  return app;
}

/** The compose file of {@link composeApp}, as text: what `parseApp` reads. */
export function composeText(n: number): string {
  return composeApp(n).synth().files['compose.yaml']!;
}

/** An App holding a compose file read back from its text (`Compose.parse`): YAML parsing at scale. */
export function parseApp(text: string): App {
  const app = new App();
  app.compose('compose.yaml', Compose.parse(text, 'compose.yaml'));
  return app;
}

/** A compose file whose one service has an `environment:` map of `n` keys: one YAML map of many keys. */
export function bigMapText(n: number): string {
  const lines = ['services:', '  api:', '    image: example/api:1.0', '    environment:'];
  for (let i = 0; i < n; i++) lines.push(`      VAR_${i}: value-${i}`);
  return `${lines.join('\n')}\n`;
}

/** An App with `n` workflows of {@link JOBS} jobs of 10 steps. */
export function workflowsApp(n: number): App {
  const app = new App();
  for (let w = 0; w < n; w++) app.workflow(`.github/workflows/pipeline-${w}.yml`, bigWorkflow(w, JOBS, 10));
  return app;
}
