import { run } from './main.js';

// The `iptkit` executable: the only place that touches process.argv and process.exitCode.
const exitCode = await run(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = exitCode;
