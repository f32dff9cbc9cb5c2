import { describe, expectTypeOf, it } from 'vitest';
import { bindMount, cacheMount, Dockerfile, image, type DockerfileModel, type DockerignoreModel, type StageBuilder } from '../../src/dockerfile/index.js';

describe('stage names accumulate in the type', () => {
  it('stageNames is the union of declared stages', () => {
    const df = Dockerfile.create().stage('builder', 'python:3.13-slim').stage('runtime', 'python:3.13-slim');
    expectTypeOf(df).toEqualTypeOf<Dockerfile<'builder' | 'runtime'>>();
    expectTypeOf(df.stageNames).toEqualTypeOf<readonly ('builder' | 'runtime')[]>();
    expectTypeOf(Dockerfile.create().from('alpine:3.20').stageNames).toEqualTypeOf<readonly never[]>();
    expectTypeOf(Dockerfile.parse('FROM a:1')).toEqualTypeOf<Dockerfile<string>>();
    expectTypeOf(df.toModel()).toEqualTypeOf<DockerfileModel>();
    expectTypeOf(df.dockerignoreModel()).toEqualTypeOf<DockerignoreModel | undefined>();
  });

  it('the App can infer S from a Dockerfile', () => {
    const placed = <S extends string>(_path: string, df: Dockerfile<S>): readonly S[] => df.stageNames;
    const df = Dockerfile.create().stage('builder', 'python:3.13-slim').stage('runtime', 'builder');
    expectTypeOf(placed('Dockerfile', df)).toEqualTypeOf<readonly ('builder' | 'runtime')[]>();
  });

  it('copyFrom accepts only stages declared before, an index, or image()', () => {
    Dockerfile.create()
      .stage('builder', 'python:3.13-slim')
      .stage('runtime', 'python:3.13-slim', (s) => {
        expectTypeOf(s).toEqualTypeOf<StageBuilder<'builder'>>();
        s.copyFrom('builder', '/a', '/b');
        s.copyFrom(0, '/a', '/b');
        s.copyFrom(image('nginx:1.27'), '/a', '/b');
        // @ts-expect-error misspelled stage
        s.copyFrom('buidler', '/a', '/b');
        // @ts-expect-error the stage itself is not declared before it
        s.copyFrom('runtime', '/a', '/b');
        // @ts-expect-error an image must be explicit
        s.copyFrom('nginx:1.27', '/a', '/b');
        return s;
      });
  });

  it('FROM <stage> accepts known stages or tagged images only', () => {
    const df = Dockerfile.create().stage('builder', 'python:3.13-slim');
    df.stage('test', 'builder');
    df.from('scratch');
    df.from('python:3.13-slim');
    df.from('python@sha256:abc');
    df.from(image('python'));
    // @ts-expect-error misspelled stage (and not an image with a tag)
    df.stage('test', 'buidler');
    // @ts-expect-error a stage name cannot be declared twice
    df.stage('builder', 'python:3.13-slim');
  });

  it('RUN --mount=from= accepts only known stages', () => {
    Dockerfile.create()
      .stage('deps', 'node:22-slim')
      .from('node:22-slim', (s) => {
        s.run('ls /x', { mounts: [bindMount('/x', { from: 'deps' })] });
        s.run('ls /x', { mounts: [cacheMount('/x', { from: image('busybox:1.36') })] });
        s.run('ls /x', { mounts: [{ type: 'bind', target: '/x', from: 'deps' }] });
        // @ts-expect-error unknown stage in a mount
        s.run('ls /x', { mounts: [bindMount('/x', { from: 'dpes' })] });
        // @ts-expect-error unknown stage in a literal mount
        s.run('ls /x', { mounts: [{ type: 'bind', target: '/x', from: 'dpes' }] });
        return s;
      });
  });

  it('a build target can be typed from stageNames', () => {
    const df = Dockerfile.create().stage('dev', 'node:22-slim').stage('prod', 'node:22-slim');
    // the App infers S from the Dockerfile alone (NoInfer keeps the target from widening it)
    const target = <S extends string>(_df: Dockerfile<S>, t: NoInfer<S>): S => t;
    target(df, 'prod');
    // @ts-expect-error not a stage of this Dockerfile
    target(df, 'production');
  });
});
