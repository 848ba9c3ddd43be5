#!/usr/bin/env node
/**
 * The `verksted` command (package.json `bin`; `pnpm verksted <command>` from the repository root).
 * Without a command, or with `start`, it runs the server (configured through env, see config.ts);
 * the administration commands are in ops/admin-cli.ts (`verksted help` lists them).
 */
import { runCli } from './ops/admin-cli.js';

const argv = process.argv.slice(2);
if (argv.length === 0 || argv[0] === 'start') {
  await import('./main.js');
} else {
  runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    now: Date.now,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`verksted: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
