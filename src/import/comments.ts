/**
 * Comments of a YAML file by the data path they stand above (`jobs.test.steps.0`), read with the
 * `yaml` package's Document API (the models do not keep comments).
 * @module
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/** Strips the one space YAML comments usually start with from each line. */
function clean(text: string | null | undefined): string | undefined {
  if (text === undefined || text === null) return undefined;
  const lines = text.split('\n').map((l) => l.replace(/^ /, '').trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? undefined : lines.join('\n');
}

/**
 * Every comment of a YAML text, keyed by the dotted path of the key or item it describes; the
 * comments before the first key are keyed `''`. A comment after the last entry of a block (where
 * no key follows) is keyed `<block>.#end`; one after the document's data, `#end`.
 *
 * @example
 * ```ts
 * yamlComments('# the database\ndb:\n  image: postgres:17 # pinned\n');
 * // Map { 'db' => 'the database', 'db.image' => 'pinned' }
 * ```
 */
export function yamlComments(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: false });
  } catch {
    return out;
  }
  const add = (path: string, text: string | null | undefined) => {
    const c = clean(text);
    if (c === undefined) return;
    const prev = out.get(path);
    out.set(path, prev === undefined ? c : `${prev}\n${c}`);
  };
  add('', doc.commentBefore);
  const join = (path: string, k: string | number) => (path === '' ? String(k) : `${path}.${k}`);
  const walk = (node: unknown, path: string, item = false): void => {
    if (isMap(node)) {
      node.items.forEach((pair, i) => {
        if (!isPair(pair)) return;
        const keyNode = pair.key as Node | null;
        const k = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const p = join(path, k);
        // a list item's own comment is kept at the item (above the step or service it starts)
        if (i === 0 && path !== '' && !item) add(p, node.commentBefore);
        if (i === 0 && path === '') add('', node.commentBefore);
        add(p, (keyNode as { commentBefore?: string } | null)?.commentBefore);
        add(p, (keyNode as { comment?: string } | null)?.comment);
        const v = pair.value as Node | null;
        if (v && (isScalar(v) || ((isMap(v) || isSeq(v)) && (v as { flow?: boolean }).flow))) {
          add(p, v.commentBefore);
          add(p, v.comment);
        } else if (v) {
          walk(v, p);
          // a comment after the last entry of a block (commented-out steps, say) ends the block
          add(`${p}.#end`, v.comment);
        }
      });
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const p = join(path, i);
        if (i === 0) add(p, node.commentBefore);
        const n = item as Node | null;
        if (!n) return;
        add(p, n.commentBefore);
        if (isScalar(n) || (n as { flow?: boolean }).flow) add(p, n.comment);
        else {
          walk(n, p, true);
          add(`${p}.#end`, n.comment);
        }
      });
    }
  };
  walk(doc.contents, '');
  // a comment after the document's data ends the file (it is written after the code that places it)
  add('#end', doc.comment);
  return out;
}
