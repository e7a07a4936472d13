/**
 * `npx netlab …` (bin/netlab.js runs this file under the pinned Node):
 *
 *   netlab lab validate [dir]                  check every lab's files (no Docker)
 *   netlab lab test <id>… | --all [--seed S] [--generation G]
 *                                              prove each lab's checks on real sandboxes,
 *                                              on every Docker generation (or only G)
 *   netlab lab record <id>… | --all --out DIR  save real sandbox answers for unit tests
 *   netlab grade --session <id> | --workshop <id> [--pass-mark N]
 *   netlab workshop create --title T --labs a,b [--capacity N] …
 *   netlab engine start | stop | status         Netlab's own isolated Docker engine
 *   netlab doctor                               what this machine lacks, and the fix for each
 *
 * `grade` and `workshop` talk to a running lab server (--server, NETLAB_SERVER,
 * default http://localhost:$PORT); the `lab` commands drive the engine directly.
 * Builds its dependencies here (the Docker driver from the same configuration
 * as the server) and passes them to the commands in server/cli/.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from './config.ts';
import { GENERATION_IDS, isGeneration } from './generations.ts';
import { DockerDriver, driverOptions } from './sandbox/docker-driver.ts';
import { recordCommand, testCommand, validateCommand } from './cli/commands.ts';
import { ApiError } from './cli/api-client.ts';
import { gradeSession, gradeWorkshop } from './cli/grade.ts';
import { parseGrade, parseWorkshopCreate, UsageError, type RemoteCommand } from './cli/remote.ts';
import { createWorkshop } from './cli/workshop.ts';
import { engineCommand } from './cli/engine.ts';
import { preflight, report } from './preflight.ts';
import { ensureEngine } from './sandbox/engine.ts';

const USAGE = `usage:
  netlab lab validate [dir]
  netlab lab test <lab-id>... | --all [--seed <seed>] [--generation docker-26|docker-28]
  netlab lab record <lab-id>... | --all --out <dir> [--seed <seed>]
  netlab grade --session <id> [--token=<session token>] [--pass-mark <percent>] [--json]
  netlab grade --workshop <id> [--token=<grader token>] [--pass-mark <percent>] [--json]
  netlab workshop create --title <title> --labs <id,id…> [--capacity <n>] [--starts <time>]
                         [--ends <time>] [--random-params] [--webhook <url>] [--json]
  netlab engine start | stop | status
  netlab doctor

doctor checks, in order, what npm start and npm test need (Docker, an engine that
isolates sandboxes, the image build's tools and disk, the port, Chromium) and prints
the one command that fixes each problem; it exits 1 when something is missing.

engine starts (as root), stops or reports Netlab's own isolated Docker engine, which
lab servers and the lab commands start by themselves when they run as root.

grade and workshop talk to a running lab server: --server <url> (or NETLAB_SERVER;
default http://localhost:$PORT). Tokens: --token, else NETLAB_TOKEN, else ADMIN_TOKEN
(workshops). grade exits 1 when a session or any learner is below the pass mark
(default 100%), 2 on a usage error and 3 when the server refused or was unreachable.

Environment: the lab server's (DOCKER_SOCKET, SANDBOX_IMAGE, LABS_DIR…); sandboxes
are labelled INSTANCE=netlab-cli unless INSTANCE is set.`;

/** Runs `grade` or `workshop create`; a usage or API error is one line on stderr. */
async function remote(parse: () => RemoteCommand): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const command = parse();
    if (command.kind === 'workshop-create') return await createWorkshop({ ...command, out });
    const options = { ...command, out };
    return command.target === 'session'
      ? await gradeSession(command.id, options)
      : await gradeWorkshop(command.id, options);
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!usage && !(error instanceof ApiError)) throw error;
    process.stderr.write(`netlab: ${(error as Error).message}\n${usage ? `\n${USAGE}\n` : ''}`);
    return usage ? 2 : 3;
  }
}

async function main(argv: string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  if (group === 'grade') return remote(() => parseGrade(argv.slice(1), process.env));
  if (group === 'workshop' && command === 'create')
    return remote(() => parseWorkshopCreate(rest, process.env));
  // The CLI's sandboxes carry their own instance name, so a starting server does not reap them.
  const config = loadConfig({ INSTANCE: 'netlab-cli', ...process.env });
  if (group === 'doctor') {
    const results = await preflight(config, 'doctor');
    process.stdout.write(`${report(results, 'doctor').join('\n')}\n`);
    return results.every((v) => v.ok) ? 0 : 1;
  }
  if (group === 'engine') {
    const code = await engineCommand(command, config.engine, (line) =>
      process.stdout.write(`${line}\n`),
    );
    if (code === 2) process.stderr.write(`${USAGE}\n`);
    return code;
  }
  if (group !== 'lab' || !['validate', 'test', 'record'].includes(command ?? '')) {
    // Asked for, the usage is the answer (stdout); after a mistake, it explains the error (stderr).
    const asked = group === undefined || group === 'help' || group === '--help';
    (asked ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return asked ? 0 : 2;
  }
  if (command === 'validate') return validateCommand(path.resolve(rest[0] ?? config.labsDir));
  const value = (flag: string) => {
    const at = rest.indexOf(flag);
    return at >= 0 ? (rest[at + 1] ?? '') : null;
  };
  const seed = value('--seed') ?? randomBytes(4).toString('hex');
  const ids = rest.filter(
    (arg, i) =>
      !arg.startsWith('--') && !['--seed', '--out', '--generation'].includes(rest[i - 1] ?? ''),
  );
  const generation = value('--generation');
  if (generation !== null && !isGeneration(generation)) {
    process.stderr.write(
      `netlab: no Docker generation named "${generation}" (${GENERATION_IDS.join(', ')})\n`,
    );
    return 2;
  }
  const outDir = value('--out');
  if ((!rest.includes('--all') && ids.length === 0) || (command === 'record' && !outDir)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  await ensureEngine(config.engine);
  const driver = new DockerDriver(driverOptions(config));
  const chosen = rest.includes('--all') ? null : ids;
  if (command === 'record')
    return recordCommand({
      labsDir: config.labsDir,
      ids: chosen,
      seed,
      outDir: path.resolve(outDir ?? ''),
      driver,
    });
  return testCommand({
    labsDir: config.labsDir,
    ids: chosen,
    seed,
    driver,
    generations: generation === null ? GENERATION_IDS : [generation],
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `netlab: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
