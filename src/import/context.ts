/**
 * What the emitters of one config share: the names it imports, the variable names it uses, and
 * the escape hatches it had to take.
 * @module
 */

/** The public entry points generated code imports from. */
export type Module = 'devstack-kit' | 'devstack-kit/dockerfile' | 'devstack-kit/compose' | 'devstack-kit/workflow';

/** An escape hatch the importer used where no typed method exists. */
export interface Escape {
  /** The source file. */
  readonly file: string;
  /** Where in it (`services.api.ulimits`, `stage 2 instruction 4`). */
  readonly where: string;
  /** What was written instead of a typed method: `set`, `$raw`, `plain step`… */
  readonly hatch: string;
}

/** Shared state of one generated config. */
export class ImportContext {
  readonly #imports = new Map<Module, Set<string>>();
  readonly names = new Set<string>(['app']);
  readonly escapes: Escape[] = [];

  /** Records that the config uses `name` from `module`; returns the name. */
  use(module: Module, name: string): string {
    const set = this.#imports.get(module) ?? new Set<string>();
    set.add(name);
    this.#imports.set(module, set);
    return name;
  }

  /** Records an escape hatch and returns the comment that marks it in the generated code. */
  escape(file: string, where: string, hatch: string, why: string): string {
    this.escapes.push({ file, where, hatch });
    return `devstack import: ${why}`;
  }

  /** The import lines, one per module, names sorted. */
  importLines(): string[] {
    const order: Module[] = ['devstack-kit', 'devstack-kit/dockerfile', 'devstack-kit/compose', 'devstack-kit/workflow'];
    const lines: string[] = [];
    for (const m of order) {
      const names = this.#imports.get(m);
      if (!names || names.size === 0) continue;
      const sorted = [...names].sort((a, b) => a.localeCompare(b));
      const one = `import { ${sorted.join(', ')} } from '${m}';`;
      lines.push(one.length <= 100 ? one : `import {\n${sorted.map((n) => `  ${n},`).join('\n')}\n} from '${m}';`);
    }
    return lines;
  }
}
