/**
 * The `devstack` command line.
 * @module
 */
import { defineCommand, renderUsage, runCommand } from 'citty';
import { absorbCommand } from './commands/absorb.js';
import { checkCommand } from './commands/check.js';
import { diffCommand } from './commands/diff.js';
import { ejectCommand } from './commands/eject.js';
import { importCommand } from './commands/import.js';
import { initCommand } from './commands/init.js';
import { EXIT } from './commands/shared.js';
import { synthCommand } from './commands/synth.js';
import { packageVersion, printUsage, printUsageError } from './output.js';

const VERSION = packageVersion();
const showUsage = async (...cmd: Parameters<typeof renderUsage>): Promise<void> => printUsage(await renderUsage(...cmd));

/** The root command. */
export const main = defineCommand({
  meta: { name: 'devstack', version: VERSION, description: 'Synthesize Dockerfiles, compose files and GitHub Actions workflows from devstack.config.ts' },
  subCommands: {
    synth: synthCommand,
    check: checkCommand,
    diff: diffCommand,
    absorb: absorbCommand,
    graph: () => import('./commands/graph.js').then((m) => m.default),
    import: importCommand,
    init: initCommand,
    eject: ejectCommand,
  },
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
  // a lazily loaded command (`graph: () => import(…)`) is loaded only when its help is asked for
  const entry = (main.subCommands as Record<string, Parameters<typeof showUsage>[0] | (() => Promise<Parameters<typeof showUsage>[0]>)>)[rawArgs[0] ?? ''];
  const sub = typeof entry === 'function' ? await entry() : entry;
  if (sub && (rawArgs.includes('--help') || rawArgs.includes('-h'))) {
    await showUsage(sub, main);
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

process.exitCode = await run(process.argv.slice(2));
