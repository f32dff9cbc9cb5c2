// Type tests across the package boundary: each line below must fail to compile (test/examples-preset-package.test.ts
// checks them against the packed packages, and checks that each error is the one named here).
import { Stack } from 'devstack-kit';
import { mailpit, mailpitCheck, mailTemplates } from 'devstack-preset-mailpit';

const stack = Stack.create().add(mailpit()).add(mailpitCheck()).add(mailTemplates());
const templates = stack.unit('mail-templates');

// a missing required declaration: mailpitCheck needs the Mailpit service and SMTP_URL
// @ts-expect-error ✖ add to the stack first: environment variable "SMTP_URL"
Stack.create().add(mailpitCheck());

// a misspelled service the preset added
// @ts-expect-error "mailpitt"
stack.service('app', (s) => s.image('app:1').dependsOn('mailpitt', { condition: 'service_healthy' }));

// a misspelled job the preset added
// @ts-expect-error "mail-chek"
stack.job('e2e', (j) => j.runsOn('ubuntu-24.04').needs('mail-chek').run('true'));

// a misspelled stage of the Dockerfile the preset writes (its stages are 'render' | 'serve')
// @ts-expect-error build: 'serv' is not a stage of this Dockerfile
stack.service('preview', (s) => s.build(templates.dockerfile, { target: 'serv' }));

// a misspelled job of the Dockerfile's unit (its image job is 'mail-templates-image')
// @ts-expect-error "mail-templates-imag"
stack.job('deploy', (j) => j.runsOn('ubuntu-24.04').needs('mail-templates-imag').run('true'));

// a misspelled unit handle
// @ts-expect-error "mailpit-check"
stack.unit('mailpit-check');

// the same preset twice
// @ts-expect-error ✖ already in the stack: service "mailpit"
stack.add(mailpit());
