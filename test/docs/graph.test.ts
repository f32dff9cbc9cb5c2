// The seed example's graph shown in README.md and docs/graph.md is what `devstack graph` prints for it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mermaidGraph, stackGraph } from '../../src/graph/index.js';
import { exampleApp } from '../graph/apps.js';

const block = (file: string): string => {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  const m = /```mermaid\n([\s\S]*?)```/.exec(text);
  return m?.[1] ?? `no mermaid block in ${file}`;
};

describe('the seed graph in the docs', () => {
  it.each(['README.md', 'docs/graph.md'])('%s shows the current Mermaid output for examples/seed', async (file) => {
    expect(block(file)).toBe(mermaidGraph(stackGraph((await exampleApp('seed')).entries())));
  });
});
