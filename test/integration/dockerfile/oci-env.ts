import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SETUP = fileURLToPath(new URL('../../../../shared/tools/oci-build-setup.sh', import.meta.url));
const OCI_HOME = process.env.OCI_HOME ?? '/tmp/ocibuild';

/** The environment for buildah from `oci-build-setup.sh env`, or undefined when buildah or the setup is missing. */
export function ociEnv(): NodeJS.ProcessEnv | undefined {
  try {
    execFileSync('buildah', ['--version'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  if (!existsSync(SETUP) || !existsSync(join(OCI_HOME, 'etc'))) return undefined;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const line of execFileSync('bash', [SETUP, 'env'], { encoding: 'utf8' }).split('\n')) {
    const m = /^export ([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!;
  }
  return env;
}
