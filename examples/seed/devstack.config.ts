// The seed stack (../shared/seed), whole: a Python/uv API and a worker from the same image, a Vite
// frontend served by nginx, Postgres, Redis and NATS; Compose Watch for development; CI with tests
// on Python 3.12 and 3.13, lint and type check in parallel, cached dependencies and Docker layers,
// the images with their size budgets, and a smoke test of the whole stack. Each preset writes its
// Dockerfile, compose service, CI jobs and variables (see docs/presets.md); `npx devstack synth`
// writes every file beside this one.
import { Stack } from 'devstack-kit';
import { composeSmoke, nats, postgres, pythonUv, redis, viteNginx } from 'devstack-kit/stack';

const stack = Stack.create()
  // DATABASE_URL: localhost:5555 in .env.example (the host), postgres:5432 inside compose
  .add(postgres({ image: 'postgres:15', database: 'tasktracker', hostPort: 5555, scheme: 'postgresql+asyncpg' }))
  .add(redis())
  .add(nats())
  .add(
    pythonUv('api', {
      dir: 'backend',
      env: ['DATABASE_URL', 'REDIS_URL', 'NATS_URL'],
      dependsOn: { postgres: 'healthy', redis: 'healthy', nats: 'healthy' },
      configFiles: ['logging.ini'],
      budgetMB: 300,
      // the worker runs the API's image (shared layers) with its own command
      workers: { worker: { command: ['python', '-m', 'app.worker'], env: ['NATS_URL', 'DATABASE_URL'], dependsOn: { nats: 'healthy' }, budgetMB: 250 } },
    }),
  )
  .add(viteNginx('frontend', { dependsOn: { api: 'healthy' }, budgetMB: 50 }))
  .add(composeSmoke({ service: 'api', command: `python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=5)"` }));

export default stack.toApp();
