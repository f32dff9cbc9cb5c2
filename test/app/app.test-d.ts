import { describe, expectTypeOf, it } from 'vitest';
import { App, Compose, Dockerfile, type DockerfileRef } from '../../src/index.js';

describe('App types', () => {
  it('a Dockerfile ref carries the stage names, and a compose build target accepts only them', () => {
    const app = new App();
    const ref = app.dockerfile(
      'backend/Dockerfile',
      Dockerfile.create()
        .stage('builder', 'python:3.13-slim', (s) => s.run('true'))
        .stage('runtime', 'python:3.13-slim', (s) => s.copyFrom('builder', '/a', '/a')),
    );
    expectTypeOf(ref).toEqualTypeOf<DockerfileRef<'builder' | 'runtime'>>();
    Compose.create().service('api', (s) => s.build(ref, { target: 'runtime' }));
    // @ts-expect-error a misspelled stage is a compile error
    Compose.create().service('api', (s) => s.build(ref, { target: 'runtim' }));
  });

  it('synth returns files keyed by path', () => {
    expectTypeOf(new App().synth().files).toEqualTypeOf<Readonly<Record<string, string>>>();
  });
});
