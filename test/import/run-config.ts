import * as kit from '../../src/index.js';
import * as dockerfileKit from '../../src/dockerfile/index.js';
import * as workflowKit from '../../src/workflow/index.js';
import type { DockerfileModel } from '../../src/dockerfile/model.js';

/** Runs a generated config (plain JavaScript apart from its imports) and returns its App. */
function appOf(source: string): kit.App {
  const body = source.replace(/^import[\s\S]*?from '[^']+';$/gm, '').replace('export default app;', 'return app;');
  const names = { ...kit, ...dockerfileKit, ...workflowKit } as Record<string, unknown>;
  return new Function(...Object.keys(names), body)(...Object.values(names)) as kit.App;
}

/** Runs a generated config and returns the Dockerfile model it places. */
export function runDockerfileConfig(source: string): DockerfileModel {
  return appOf(source).entries().find((e) => e.kind === 'dockerfile')!.model as DockerfileModel;
}

/** Runs a generated config and returns the files its synth writes. */
export function runConfig(source: string): Readonly<Record<string, string>> {
  return appOf(source).synth().files;
}
