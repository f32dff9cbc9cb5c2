/**
 * Adding npm scripts to an existing `package.json` as text, so everything a person wrote — key order,
 * indentation, line endings, arrays on one line — stays exactly as it was.
 * @module
 */

/** A JSON value's span in a text: `[start, end)`. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/** Skips whitespace from `i`. */
function ws(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

/** The end of the JSON value starting at `i` (a string, object, array or literal). */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') {
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') {
        j = valueEnd(text, j) - 1;
        continue;
      }
      if (d === '{' || d === '[') depth++;
      if (d === '}' || d === ']') depth--;
      if (depth === 0) return j + 1;
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !/[\s,}\]]/.test(text[j] as string)) j++;
  return j;
}

/** The members of the object at `start` (its `{`): each key and the span of its value. */
function members(text: string, start: number): { key: string; value: Span }[] {
  const out: { key: string; value: Span }[] = [];
  let i = ws(text, start + 1);
  while (i < text.length && text[i] === '"') {
    const keyEnd = valueEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = ws(text, keyEnd);
    i = ws(text, i + 1); // the colon
    const end = valueEnd(text, i);
    out.push({ key, value: { start: i, end } });
    i = ws(text, end);
    if (text[i] === ',') i = ws(text, i + 1);
  }
  return out;
}

/**
 * `package.json`'s text with the scripts it lacks added (a script it has, under any command, is kept
 * as it is), or `undefined` when it has them all. Throws when the text is not a JSON object.
 *
 * @example
 * ```ts
 * withScripts('{\n    "name": "shop"\n}\n', { 'devstack:synth': 'devstack synth' });
 * // '{\n    "name": "shop",\n    "scripts": {\n        "devstack:synth": "devstack synth"\n    }\n}\n'
 * ```
 */
export function withScripts(text: string, scripts: Readonly<Record<string, string>>): { text: string; added: string[]; kept: string[] } {
  const data = JSON.parse(text) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('expected a JSON object');
  const existing = (data as { scripts?: unknown }).scripts;
  if (existing !== undefined && (typeof existing !== 'object' || existing === null || Array.isArray(existing))) throw new Error('expected "scripts" to be an object');
  const have = (existing ?? {}) as Record<string, unknown>;
  const missing = Object.entries(scripts).filter(([k]) => !Object.hasOwn(have, k));
  const kept = Object.keys(scripts).filter((k) => Object.hasOwn(have, k));
  if (missing.length === 0) return { text, added: [], kept };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const top = ws(text, 0);
  const topMembers = members(text, top);
  // indentation: that of the first member's line (two spaces when the object is empty or on one line)
  const lineStart = (at: number): number => text.lastIndexOf('\n', at - 1) + 1;
  const first = topMembers[0];
  const unit = first && text.slice(lineStart(first.value.start), first.value.start).match(/^[ \t]*/)?.[0] || '  ';
  const entry = (depth: string, [k, v]: [string, string]): string => `${depth}${JSON.stringify(k)}: ${JSON.stringify(v)}`;
  const insertBefore = (close: number, lastEnd: number | undefined, inner: string, lines: string[]): string => {
    // after the last member (or the `{`), before the whitespace that precedes the closing brace
    const at = lastEnd ?? close;
    const body = lines.join(`,${eol}`);
    if (lastEnd === undefined) return `${text.slice(0, at)}${eol}${body}${eol}${inner}${text.slice(close)}`;
    return `${text.slice(0, at)},${eol}${body}${text.slice(at)}`;
  };
  const scriptsMember = topMembers.find((m) => m.key === 'scripts');
  let next: string;
  if (scriptsMember) {
    const inner = members(text, scriptsMember.value.start);
    const close = scriptsMember.value.end - 1;
    const depth = text.slice(lineStart(scriptsMember.value.start), scriptsMember.value.start).match(/^[ \t]*/)?.[0] ?? '';
    const last = inner[inner.length - 1];
    next = insertBefore(close, last?.value.end, depth, missing.map((m) => entry(`${depth}${unit}`, m)));
  } else {
    const close = valueEnd(text, top) - 1;
    const last = topMembers[topMembers.length - 1];
    const block = [`${unit}"scripts": {`, ...missing.map((m, i) => `${entry(`${unit}${unit}`, m)}${i < missing.length - 1 ? ',' : ''}`), `${unit}}`].join(eol);
    next = insertBefore(close, last?.value.end, '', [block]);
  }
  // the result must be the same data with the scripts added, or nothing is written
  const expected = { ...(data as object), scripts: { ...have, ...Object.fromEntries(missing) } };
  if (JSON.stringify(JSON.parse(next)) !== JSON.stringify(expected)) throw new Error('could not add the scripts without changing anything else');
  return { text: next, added: missing.map(([k]) => k), kept };
}
