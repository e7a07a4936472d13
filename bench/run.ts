/**
 * Runs the benchmarks against the real engine and prints tables (Markdown).
 * Not part of `npm test`; results with the machine's description go into
 * BENCHMARKS.md.
 *
 *   npm run bench [-- sandboxes|restart|resume|terminals|redraw|grading|workshops|workshop-servers]
 *   npm run bench -- grading ticks      (live ticks alone)
 *   npm run bench -- peers [terminals|tmux|tmux-options|stream-path|exec-buffer|screen|flood|browser-cat|ab|carriers|start|grading|check-cost|check-echo|density]
 *
 * workshop-servers needs PostgreSQL as the tests do (NETLAB_TEST_DATABASE_URL).
 */
import os from 'node:os';
import { benchGrading } from './grading.ts';
import { benchPeers } from './peers.ts';
import { benchRedraw } from './redraw.ts';
import { benchRestart } from './restart.ts';
import { benchResume } from './resume.ts';
import { benchSandboxes } from './sandboxes.ts';
import { benchTerminals } from './terminals.ts';
import { benchWorkshopServers } from './workshop-servers.ts';
import { benchWorkshops } from './workshops.ts';

// Interrupted, it exits the normal way: the lab servers it started hear of it
// (tests/integration/helpers/server.ts) and remove their sandboxes.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)
  process.once(signal, () => process.exit(code));

const which = process.argv[2];
console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ` +
    `${os.type()} ${os.release()}, Node ${process.version}, ${new Date().toISOString()}`,
);
if (!which || which === 'sandboxes') await benchSandboxes();
if (!which || which === 'restart') await benchRestart();
if (!which || which === 'resume') await benchResume();
if (!which || which === 'terminals') await benchTerminals();
if (!which || which === 'redraw') await benchRedraw();
if (!which || which === 'grading') await benchGrading(process.argv[3]);
if (!which || which === 'workshops') await benchWorkshops();
if (!which || which === 'workshop-servers') await benchWorkshopServers();
// Not in the default run: an hour on this machine.
if (which === 'peers') await benchPeers(process.argv[3]);
