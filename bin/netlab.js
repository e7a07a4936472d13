#!/usr/bin/env node
// `npx netlab …`: re-executes the CLI (server/cli.ts) under the Node the
// project pins (node_modules/.bin/node, Node 24, which runs TypeScript
// directly), because the machine's own node may be older.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
if (!existsSync(node)) {
  console.error(`netlab: ${node} is missing; run \`npm install\` in ${root} first.`);
  process.exit(1);
}
const result = spawnSync(node, [path.join(root, 'server', 'cli.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (result.error) {
  console.error(`netlab: cannot start ${node}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
