// devstack.config.ts — a consumer of the published preset (examples/preset-package/README.md)
import { Stack } from 'devstack-kit';
import { checkout } from 'devstack-kit/workflow';
import { mailpit, mailpitCheck, mailTemplates } from 'devstack-preset-mailpit';

const base = Stack.create({ workflowName: 'CI' }).add(mailpit()).add(mailpitCheck()).add(mailTemplates());

// The presets' handles are typed: mail.service is 'mailpit', mail.env.url is 'SMTP_URL', and
// templates.dockerfile is the Dockerfile the preset writes, with its stages 'render' | 'serve'.
const mail = base.unit('mailpit');
const templates = base.unit('mail-templates');

const stack = base
  .service('mail-preview', (s) =>
    s
      .build(templates.dockerfile, { target: 'serve' })
      .healthcheck({ test: ['CMD', 'wget', '-q', '--spider', `http://127.0.0.1:${templates.port}/`], interval: '10s', timeout: '3s', retries: 3 })
      .dev((d) => d.ports(`8026:${templates.port}`)))
  .service('shop', (s, vars) =>
    s
      .image('ghcr.io/acme/shop:1.4.2')
      .env(mail.env.url, vars[mail.env.url])
      .dependsOn(mail.service, { condition: 'service_healthy' }))
  .job('e2e', (j) =>
    j
      .runsOn('ubuntu-24.04')
      .timeout(15)
      .needs(base.unit('mail-check').job, templates.jobs.image)
      .step(checkout())
      .step({ name: 'Start the stack', run: 'docker compose -f compose.yaml up --wait --wait-timeout 300' })
      .step({ name: 'Stop the stack', if: 'always()', run: 'docker compose -f compose.yaml down --volumes' }));

export default stack.toApp();
