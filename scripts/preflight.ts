/**
 * `node scripts/preflight.ts start|test`: the preflight of server/preflight.ts
 * before `npm start` and `npm test`; prints each problem with its fix and exits
 * 1 when there is one, so that no long step starts on a machine that cannot
 * finish it.
 */
import { loadConfig } from '../server/config.ts';
import { preflight, report, type Purpose } from '../server/preflight.ts';

const purpose = (process.argv[2] ?? 'start') as Purpose;
const results = await preflight(loadConfig(process.env), purpose);
const lines = report(results, purpose);
if (lines.length) process.stderr.write(`netlab: this machine is not ready:\n${lines.join('\n')}\n`);
process.exitCode = results.every((v) => v.ok) ? 0 : 1;
