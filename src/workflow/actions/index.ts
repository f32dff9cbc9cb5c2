/**
 * Typed action steps and caching helpers.
 * @module
 */
export { cache, checkout, downloadArtifact, setupNode, setupPython, uploadArtifact } from './github.js';
export type { CacheInputs, CheckoutInputs, DownloadArtifactInputs, SetupNodeInputs, SetupPythonInputs, UploadArtifactInputs } from './github.js';
export { buildPush, dockerLogin, dockerMetadata, ghaLayerCache, setupBuildx } from './docker.js';
export type { BuildPushInputs, DockerLoginInputs, DockerMetadataInputs, DockerMetadataOutputs, SetupBuildxInputs } from './docker.js';
export { setupUv } from './uv.js';
export type { SetupUvInputs } from './uv.js';
export { dependencyCache, type PackageManager } from './caching.js';
export { lines, type Bool, type Lines, type Num, type Str } from './types.js';

import { buildPush as bp, dockerLogin as dl, dockerMetadata as dm, setupBuildx as sb } from './docker.js';
import { cache as c, checkout as co, downloadArtifact as da, setupNode as sn, setupPython as sp, uploadArtifact as ua } from './github.js';
import { setupUv as su } from './uv.js';

const KNOWN = new Map<string, readonly string[]>(
  [co(), sn(), sp(), c({ path: '', key: '' }), ua({ path: '' }), da(), sb(), dl(), dm({ images: '' }), bp(), su()].map((s) => [
    s.uses.slice(0, s.uses.lastIndexOf('@')).toLowerCase(),
    s.outputs ?? [],
  ]),
);

/**
 * The outputs of an action devstack-kit has typed, by its `uses:` (any version), or `undefined`.
 *
 * @example
 * ```ts
 * knownActionOutputs('actions/checkout@v4'); // ['ref', 'commit']
 * knownActionOutputs('acme/thing@v1');       // undefined
 * ```
 */
export function knownActionOutputs(uses: string): readonly string[] | undefined {
  const at = uses.lastIndexOf('@');
  return KNOWN.get((at < 0 ? uses : uses.slice(0, at)).toLowerCase());
}
