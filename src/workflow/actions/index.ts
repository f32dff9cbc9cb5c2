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
