// devstack.config.ts — a consumer of the published preset (examples/preset-package/README.md)
import { Stack } from 'devstack-kit';
import { checkout } from 'devstack-kit/workflow';
import { mailpit, mailpitCheck } from 'devstack-preset-mailpit';

const base = Stack.create({ workflowName: 'CI' }).add(mailpit()).add(mailpitCheck());

// The preset's handle is typed: mail.service is 'mailpit', mail.env.url is 'SMTP_URL'.
const mail = base.unit('mailpit');

const stack = base
  .service('shop', (s, vars) =>
    s
      .image('ghcr.io/acme/shop:1.4.2')
      .env(mail.env.url, vars[mail.env.url])
      .dependsOn(mail.service, { condition: 'service_healthy' }))
  .job('e2e', (j) =>
    j
      .runsOn('ubuntu-24.04')
      .timeout(15)
      .needs(base.unit('mail-check').job)
      .step(checkout())
      .step({ name: 'Start the stack', run: 'docker compose -f compose.yaml up --wait --wait-timeout 300' })
      .step({ name: 'Stop the stack', if: 'always()', run: 'docker compose -f compose.yaml down --volumes' }));

export default stack.toApp();
