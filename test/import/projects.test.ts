import { describe, expect, it } from 'vitest';
import { removeDir, repoTempDir } from '../helpers/tmp.js';
import { runCorpus, type Case } from './corpus-harness.js';

// Projects that exercise what the corpus files alone do not: several files of a kind side by side,
// typed references across files, overrides, and the escape hatches.
const cases: Case[] = [
  {
    name: 'two compose files in one folder, both interpolating variables',
    kind: 'compose',
    files: [
      { path: 'compose.yaml', text: 'services:\n  a:\n    image: a:1\n    environment:\n      A: ${A:-1}\n' },
      { path: 'compose.prod.yaml', text: 'services:\n  b:\n    image: b:1\n    environment:\n      B: ${B:?set B}\n' },
    ],
  },
  {
    name: 'two Dockerfiles sharing a folder, each with its own .dockerignore',
    kind: 'dockerfile',
    files: [
      { path: 'app/Dockerfile', text: 'FROM node:22\nCOPY . .\n' },
      { path: 'app/Dockerfile.dockerignore', text: 'node_modules\n' },
      { path: 'app/Dockerfile.dev', text: 'FROM node:22\nCOPY . .\n' },
      { path: 'app/Dockerfile.dev.dockerignore', text: 'dist\n!dist/keep\n' },
    ],
  },
  {
    name: 'a compose file building an imported Dockerfile by typed reference, with its override',
    kind: 'compose',
    files: [
      { path: 'api/Dockerfile', text: 'FROM python:3.13-slim AS base\nRUN pip install uv\nFROM base AS runtime\nHEALTHCHECK CMD ["true"]\nCMD ["python"]\n' },
      { path: 'compose.yaml', text: 'services:\n  web:\n    image: nginx:1\n    depends_on:\n      api: {condition: service_healthy}\n  api:\n    build: {context: ./api, dockerfile: Dockerfile, target: runtime}\n' },
      { path: 'compose.override.yaml', text: 'services:\n  api:\n    ports: ["8000:8000"]\n    develop:\n      watch:\n        - {action: rebuild, path: ./api}\n' },
    ],
  },
  {
    name: 'Dockerfile instructions only $raw writes as written',
    kind: 'dockerfile',
    files: [
      {
        path: 'Dockerfile',
        text: '# escape=`\nARG A=1 B\nFROM alpine:3 as base\nARG X Y\nRUN cat <<EOF > /x\nhello\nEOF\nONBUILD COPY . /app\nONBUILD RUN make\nCOPY <<a.txt <<b.txt /etc/\none\na.txt\ntwo\nb.txt\nENV K v w\nEXPOSE 80/udp 8000-8010\n',
      },
    ],
  },
  {
    name: 'a workflow with values no typed method takes',
    kind: 'workflow',
    files: [
      {
        path: '.github/workflows/ci.yml',
        text: [
          'name: CI',
          'on: {push: {branches: [main]}, workflow_dispatch: null}',
          'concurrency: {group: ci, cancel-in-progress: "${{ github.ref != \'refs/heads/main\' }}"}',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-latest',
          '    strategy:',
          '      # versions we support',
          '      matrix: {node: [20, 22]}',
          '      fail-fast: false',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '        with: {fetch-depth: "0"}',
          '      - uses: actions/setup-node@v4',
          '        with: {node-version: "${{ matrix.node }}", cache: npm}',
          '      - run: npm test',
          '        continue-on-error: ${{ matrix.node == 20 }}',
          '  deploy:',
          '    needs: [build]',
          '    runs-on: ubuntu-latest',
          '    timeout-minutes: ${{ fromJSON(vars.TIMEOUT) }}',
          '    steps:',
          '      - run: echo deploy',
          '',
        ].join('\n'),
      },
    ],
  },
  {
    name: 'a composite action with an input the typed method does not take',
    kind: 'action',
    files: [
      {
        path: '.github/actions/setup/action.yml',
        text: 'name: Setup\ndescription: Install\ninputs:\n  v: {description: version, default: "1", type: string}\noutputs:\n  p: {description: path, value: "${{ steps.s.outputs.p }}"}\nruns:\n  using: composite\n  steps:\n    - id: s\n      run: echo p=1 >> $GITHUB_OUTPUT\n      shell: bash\n',
      },
    ],
  },
];

describe('devstack import on small projects', () => {
  it(
    'each project type-checks (one strict program), synthesizes, and writes every file back with the same content',
    async () => {
      const dir = repoTempDir('import-projects');
      try {
        const outcomes = await runCorpus(dir, cases);
        expect(outcomes.filter((o) => !o.ok).map((o) => `${o.name}: ${o.reason}`)).toEqual([]);
        // the escape hatches these projects need, each marked in the code (project 4: the global
        // `ARG A=1 B`, `ARG X Y`, a RUN heredoc with a redirect, `COPY <<a.txt <<b.txt`, whose
        // unquoted delimiters copyFiles would quote, and the legacy `ENV K v w`, which env() writes
        // `K="v w"`: another text, and after a line dockerfile-ast reads as a heredoc opener another meaning)
        expect(outcomes.map((o) => o.escapes)).toEqual([0, 0, 0, 5, 3, 1]);
      } finally {
        removeDir(dir);
      }
    },
    600_000,
  );
});
