import * as kit from '../../src/index.js';
import * as dockerfileKit from '../../src/dockerfile/index.js';
import type { DockerfileModel } from '../../src/dockerfile/model.js';

/** Runs a generated config (plain JavaScript apart from its imports) and returns the Dockerfile model it places. */
export function runDockerfileConfig(source: string): DockerfileModel {
  const body = source.replace(/^import[\s\S]*?from '[^']+';$/gm, '').replace('export default app;', 'return app;');
  const names = { ...kit, ...dockerfileKit } as Record<string, unknown>;
  const app = new Function(...Object.keys(names), body)(...Object.values(names)) as kit.App;
  return app.entries().find((e) => e.kind === 'dockerfile')!.model as DockerfileModel;
}
