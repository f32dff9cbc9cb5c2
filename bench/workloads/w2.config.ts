// W2, scale: 200 three-stage Dockerfiles; one compose file of 200 services, each with build,
// healthcheck, depends_on and watch; 50 workflows of 20 jobs × 10 steps, each job with a matrix.
import { App, Compose } from 'devstack-kit';
import { bigWorkflow, pythonService } from './shared.js';

const SERVICES = 200;
const WORKFLOWS = 50;

function dockerfiles(app: App) {
  return Array.from({ length: SERVICES }, (_, i) => app.dockerfile(`services/svc-${i}/Dockerfile`, pythonService(`svc${i}`)));
}

function compose(app: App, refs?: ReturnType<typeof dockerfiles>) {
  let c = Compose.create() as Compose<any>;
  for (let i = 0; i < SERVICES; i++) {
    c = c.service(`svc-${i}`, (s: any) => {
      let b = refs ? s.build(refs[i], { target: 'runtime' }) : s.build({ context: `./services/svc-${i}`, dockerfile: 'Dockerfile', target: 'runtime' });
      b = b
        .healthcheck({ test: ['CMD', 'curl', '-fsS', 'http://localhost:8000/health'], interval: '10s', timeout: '3s', retries: 3, start_period: '5s' })
        .watch({ action: 'sync', path: `./services/svc-${i}/src`, target: '/app/src' }, { action: 'rebuild', path: `./services/svc-${i}/uv.lock` });
      if (i > 0) b = b.dependsOn(`svc-${i - 1}`, { condition: 'service_healthy' });
      return b;
    });
  }
  app.compose('compose.yaml', c);
}

function workflows(app: App) {
  for (let w = 0; w < WORKFLOWS; w++) app.workflow(`.github/workflows/pipeline-${w}.yml`, bigWorkflow(w, 20, 10));
}

export default function build(): App {
  const app = new App();
  compose(app, dockerfiles(app));
  workflows(app);
  return app;
}

/** Each part alone, for the per-unit numbers. */
export const parts = {
  dockerfiles: () => {
    const app = new App();
    dockerfiles(app);
    return app;
  },
  compose: () => {
    const app = new App();
    compose(app);
    return app;
  },
  workflows: () => {
    const app = new App();
    workflows(app);
    return app;
  },
};

export const units = {
  dockerfiles: { unit: 'Dockerfile', count: SERVICES },
  compose: { unit: 'service', count: SERVICES },
  workflows: { unit: 'job', count: WORKFLOWS * 20 },
};
