#!/usr/bin/env node
/**
 * The `devstack` command line.
 * @module
 */
import { defineCommand, renderUsage, runCommand, type CommandDef } from 'citty';
import { EXIT, packageVersion, printUsage, printUsageError } from './output.js';

const VERSION = packageVersion();
const showUsage = async (...cmd: Parameters<typeof renderUsage>): Promise<void> => printUsage(await renderUsage(...cmd));

// Each command is loaded only when it runs (or its help is shown): one lazy line per command. A
// command module keeps its top-level imports light (citty, ./shared.js) and imports the library
// inside `run`, so `devstack --help` loads no zod, yaml or jiti (test/cli/lazy.test.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own args
const commands: Record<string, () => Promise<CommandDef<any>>> = {
  synth: () => import('./commands/synth.js').then((m) => m.synthCommand),
  check: () => import('./commands/check.js').then((m) => m.checkCommand),
  diff: () => import('./commands/diff.js').then((m) => m.diffCommand),
  absorb: () => import('./commands/absorb.js').then((m) => m.absorbCommand),
  graph: () => import('./commands/graph.js').then((m) => m.default),
  import: () => import('./commands/import.js').then((m) => m.importCommand),
  init: () => import('./commands/init.js').then((m) => m.initCommand),
  eject: () => import('./commands/eject.js').then((m) => m.ejectCommand),
};

/** The root command. */
export const main = defineCommand({
  meta: { name: 'devstack', version: VERSION, description: 'Synthesize Dockerfiles, compose files and GitHub Actions workflows from devstack.config.ts' },
  subCommands: commands,
});

async function run(rawArgs: string[]): Promise<number> {
  if (rawArgs.length === 0 || rawArgs[0] === '--help' || rawArgs[0] === '-h') {
    await showUsage(main);
    return rawArgs.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (rawArgs[0] === '--version' || rawArgs[0] === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const lazy = Object.hasOwn(commands, rawArgs[0] ?? '') ? commands[rawArgs[0]!] : undefined;
  if (lazy && (rawArgs.includes('--help') || rawArgs.includes('-h'))) {
    await showUsage(await lazy(), main);
    return EXIT.ok;
  }
  try {
    await runCommand(main, { rawArgs });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    printUsageError((e as Error).message, rawArgs);
    return EXIT.usage;
  }
}

// A reader that stops early (`devstack diff | head`) closes the pipe: the rest of the output is
// dropped quietly, as Unix tools do, and the command still ends with its own exit code.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
  throw e;
});

void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
