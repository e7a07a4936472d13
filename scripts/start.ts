/**
 * `npm start`: the preflight, then the sandbox image and the site — each only
 * when its sources changed — then the lab server itself, in this process. A
 * restart with nothing changed answers within about a second.
 */
import { ConfigError, loadConfig } from '../server/config.ts';
import { preflight, report } from '../server/preflight.ts';
import { buildImages } from './build-images.ts';
import { buildSite } from './build-site.ts';

function configOrExit() {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`netlab: ${error.message}\n`);
    process.exit(2);
  }
}

const config = configOrExit();
const results = await preflight(config, 'start');
if (!results.every((v) => v.ok)) {
  process.stderr.write(
    `netlab: this machine is not ready:\n${report(results, 'start').join('\n')}\n`,
  );
  process.exit(1);
}
try {
  await buildImages(config);
  buildSite();
} catch (error) {
  process.stderr.write(`netlab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await import('../server/main.ts');
