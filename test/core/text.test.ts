import { describe, expect, it } from 'vitest';
import { hasMarker } from '../../src/core/text.js';
import { MARKER } from '../../src/core/yaml.js';

describe('hasMarker', () => {
  it('finds the marker in each comment syntax a generated file uses: #, and the graph files\' <!-- -->, %%, // and a JSON "$comment"', () => {
    for (const line of [`# ${MARKER}`, `<!-- ${MARKER} -->`, `%% ${MARKER}`, `// ${MARKER}`, `  "$comment": ${JSON.stringify(MARKER)},`]) {
      expect(hasMarker(`first\n${line}\nrest\n`), line).toBe(true);
    }
  });

  it('does not take the marker text in another form, or after the first lines, for the marker', () => {
    expect(hasMarker(`${MARKER}\n`)).toBe(false);
    expect(hasMarker(`<!-- ${MARKER}\n`)).toBe(false);
    expect(hasMarker(`/* ${MARKER} */\n`)).toBe(false);
    expect(hasMarker(`${'x\n'.repeat(12)}# ${MARKER}\n`)).toBe(false);
  });
});
