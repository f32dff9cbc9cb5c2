/**
 * A small layout engine for method chains, the shape builder code takes:
 * `Dockerfile.create().stage('app', 'node:22', (s) => s.workdir('/app'))`, broken over lines the
 * way prettier would break it when it does not fit.
 * @module
 */
import { commentLines, commentsInside, inline, lit, WIDTH, type CommentMap } from './literal.js';

/** An argument: its one-line form (if it has one) and its form starting at a given indent. */
export interface Arg {
  /** One line, or `undefined` when the argument must span lines. */
  readonly inline: string | undefined;
  /** The argument laid out at `indent` (first line unindented; later lines indented absolutely). */
  block(indent: number): string;
  /** A callback: laid out as `(s) =>` with its body on the next lines. */
  readonly callback?: boolean;
  /** An object or array literal, which may open on the call's line when it is the last argument. */
  readonly hug?: boolean;
  /** The literal laid out one entry a line (for a hugged last argument). */
  multiline?(indent: number): string;
}

/** One `.method(args)` of a chain, with comments to write above it. */
export interface Call {
  readonly name: string;
  readonly args: readonly Arg[];
  /** Comment lines above the call (carried from the source file, or a note from the importer). */
  readonly comments?: readonly string[];
}

/** A chain: `head` followed by calls. */
export interface Chain {
  readonly head: string;
  readonly calls: readonly Call[];
  /** Comments after the last call (a commented-out step at the end of a job). */
  readonly trailing?: readonly string[];
}

/** Code written as is (an identifier, a call already rendered on one line). */
export function code(text: string): Arg {
  // a multi-line template literal opens on the call's line, as prettier writes it
  return { inline: text.includes('\n') ? undefined : text, block: () => text, ...(text.startsWith('`') ? { hug: true } : {}) };
}

/** Plain data as an argument (see {@link lit}). */
export function data(value: unknown, comments?: CommentMap, path?: string): Arg {
  const inside = comments !== undefined ? commentsInside(comments, path, value) : [];
  const hasComments = inside.length > 0;
  // read them now, so a tracker knows they have a place (the literal is laid out later)
  for (const k of inside) comments!.get(k);
  const one = hasComments ? undefined : inline(value);
  const options = { ...(hasComments ? { comments: comments! } : {}), ...(path !== undefined ? { path } : {}) };
  return {
    inline: one !== undefined && !one.includes('\n') ? one : undefined,
    hug: typeof value === 'object' && value !== null,
    block: (indent) => lit(value, indent, options),
    multiline: (indent) => lit(value, indent, { ...options, multiline: true }),
  };
}

/** A call on one line: `.name(a, b)`. */
function inlineCall(call: Call): string | undefined {
  if (call.comments && call.comments.length > 0) return undefined;
  const args = call.args.map((a) => a.inline);
  if (args.some((a) => a === undefined)) return undefined;
  return `.${call.name}(${args.join(', ')})`;
}

/** A chain on one line, or `undefined`. */
export function inlineChain(chain: Chain): string | undefined {
  if (chain.head.includes('\n') || (chain.trailing?.length ?? 0) > 0) return undefined;
  // as prettier breaks member chains: more than three calls, or two calls that take callbacks
  if (chain.calls.length > 3 || chain.calls.filter((c) => c.args.some((a) => a.callback)).length >= 2) return undefined;
  const calls = chain.calls.map(inlineCall);
  if (calls.some((c) => c === undefined)) return undefined;
  return chain.head + calls.join('');
}

/** Appends `,` to the last line that is code (a callback can end with comment lines). */
function withComma(text: string): string {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i]!.trimStart().startsWith('//')) {
      lines[i] = `${lines[i]},`;
      return lines.join('\n');
    }
  }
  return `${text},`;
}

function renderCall(call: Call, indent: number): string {
  const pad = ' '.repeat(indent);
  const comments = (call.comments ?? []).flatMap((c) => commentLines(c, pad));
  const prefix = comments.length > 0 ? `${comments.join('\n')}\n${pad}` : pad;
  const one = inlineCall({ ...call, comments: [] });
  if (one !== undefined && indent + one.length <= WIDTH) return prefix + one;
  const head = `.${call.name}(`;
  const args = call.args;
  const last = args[args.length - 1];
  const firsts = args.slice(0, -1).map((a) => a.inline);
  if (last !== undefined && firsts.every((a) => a !== undefined)) {
    const start = `${head}${firsts.map((a) => `${a}, `).join('')}`;
    if (indent + start.length + 8 <= WIDTH) {
      if (last.callback) return `${prefix}${start}${withComma(last.block(indent))}\n${pad})`;
      if (last.hug) {
        const body = last.block(indent);
        if (body.includes('\n')) return `${prefix}${start}${body})`;
        const wide = indent + start.length + body.length + 1 > WIDTH;
        if (wide && last.multiline) return `${prefix}${start}${last.multiline(indent)})`;
      }
    }
  }
  const inner = ' '.repeat(indent + 2);
  return `${prefix}${head}\n${args.map((a) => withComma(`${inner}${a.block(indent + 2)}`)).join('\n')}\n${pad})`;
}

/**
 * Lays a chain out at `indent` (the column its first line starts at): on one line when it fits and
 * has no comments, else one call a line, indented two more.
 */
export function renderChain(chain: Chain, indent: number, options: { multiline?: boolean } = {}): string {
  const one = inlineChain(chain);
  if (!options.multiline && one !== undefined && indent + one.length <= WIDTH) return one;
  // a head on several lines (a comment, a call with an object) was laid out at column 0
  const head = chain.head.split('\n').join(`\n${' '.repeat(indent)}`);
  const trailing = (chain.trailing ?? []).flatMap((c) => commentLines(c, ' '.repeat(indent + 2)));
  if (chain.calls.length === 0 && trailing.length === 0) return head;
  return [head, ...chain.calls.map((c) => renderCall(c, indent + 2)), ...trailing].join('\n');
}

/** A chain as an argument. */
export function chainArg(chain: Chain): Arg {
  const one = inlineChain(chain);
  return { inline: one, block: (indent) => renderChain(chain, indent) };
}

/**
 * A callback `(param) => param.a().b()` as an argument; when it does not fit on a line its body
 * goes on the next lines, one call a line.
 */
export function callback(param: string, calls: readonly Call[], trailing: readonly string[] = []): Arg {
  const chain: Chain = { head: param, calls, trailing };
  const one = inlineChain(chain);
  return {
    inline: one === undefined || calls.length > 3 ? undefined : `(${param}) => ${one}`,
    callback: true,
    block: (indent) => (calls.length === 0 && trailing.length === 0 ? `(${param}) => ${param}` : `(${param}) =>\n${' '.repeat(indent + 2)}${renderChain(chain, indent + 2, { multiline: true })}`),
  };
}

/** A function call `fn(args)` as an argument, broken like a chain's call when long. */
export function fnCall(fn: string, args: readonly Arg[]): Arg {
  const all = args.map((a) => a.inline);
  const one = all.every((a) => a !== undefined) ? `${fn}(${all.join(', ')})` : undefined;
  return {
    inline: one,
    block: (indent) => {
      if (one !== undefined && indent + one.length <= WIDTH) return one;
      const call = renderCall({ name: fn, args }, indent);
      return call.slice(indent + 1); // drop the pad and the leading '.'
    },
  };
}
