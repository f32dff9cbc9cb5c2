import { describe, expect, it } from 'vitest';
import * as compose from '../../src/compose/index.js';

describe('src/compose/index.ts', () => {
  it('exports exactly this surface (a new export is deliberate)', () => {
    expect(Object.keys(compose).sort()).toMatchInlineSnapshot(`
      [
        "BuildSchema",
        "COMPOSE_PROVIDED_VARIABLES",
        "Compose",
        "ComposeModelSchema",
        "ComposeService",
        "ConfigSchema",
        "DEPENDS_CONDITIONS",
        "DURATION_RE",
        "DependencySchema",
        "DeploySchema",
        "Duration",
        "Env",
        "EnvExampleEntrySchema",
        "EnvExampleModelSchema",
        "EnvModelSchema",
        "EnvVarSchema",
        "HealthcheckSchema",
        "NetworkSchema",
        "PortSchema",
        "SecretSchema",
        "ServiceSchema",
        "VolumeMountSchema",
        "VolumeSchema",
        "WATCH_ACTIONS",
        "WatchSchema",
        "composeCodes",
        "composeKind",
        "composeLiteral",
        "composeParseCodes",
        "composeRules",
        "composeSchemaCodes",
        "composeUsageCodes",
        "dockerignore",
        "envCodes",
        "envExampleFromEnv",
        "envExampleKind",
        "envRules",
        "interpolate",
        "isDuration",
        "orderCompose",
        "parseCompose",
        "parseEnvExample",
        "scanInterpolation",
        "synthCompose",
        "synthEnvExample",
        "validateCompose",
      ]
    `);
  });
});
