// Type-aware linting for the server, scripts, tests and browser code. Astro
// components are type-checked by `astro check` instead.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/*
 * The server's layers, written as lint rules so that they hold without review.
 * Top to bottom: composition (main, the CLI) → edge (http, terminal) →
 * services (checks, workshops) → sessions → domain (labs, grading, store) →
 * sandbox → base (config, errors, protocol, logger). A module imports its own
 * layer and those below, never one above; and beyond the layering:
 *   - only the session manager (and main, the CLI) holds the sandbox driver;
 *   - only the Docker driver imports dockerode;
 *   - outside grading/, grading is reached through grader.ts (and lab-checks.ts,
 *     the lab format's vocabulary), never its helper folders;
 *   - only main, sessions and workshops use the store;
 *   - the browser imports server modules as types only.
 * Paths are matched on the import as written ('../sessions.ts', './store/x.ts').
 */
const MODULES = {
  main: ['**/main.ts', '**/cli.ts', '**/cli/**'],
  // protocol/terminal.ts and protocol/workshops.ts are the wire's, in the base.
  edge: ['**/http/**', '**/terminal.ts', '**/terminal/**', '**/tickets.ts', '!**/protocol/**'],
  services: [
    '**/checks.ts',
    '**/checks/**',
    '**/workshops.ts',
    '**/workshops/**',
    '!**/protocol/**',
  ],
  sessions: ['**/sessions.ts', '**/sessions/**'],
  store: ['**/store/**'],
  sandbox: ['**/sandbox/**'],
  labs: ['**/labs.ts', '**/labs/**'],
  grading: ['**/grading/**'],
};
/** grading's face: everything else under grading/ is its own. */
const GRADING_HELPERS = ['**/grading/**', '!**/grading/grader.ts', '!**/grading/lab-checks.ts'];
const DOCKERODE = {
  name: 'dockerode',
  message: 'Only the Docker driver (server/sandbox/docker-driver*) imports dockerode.',
};

function banned(group, message, allowTypeImports = false) {
  return { group, message, allowTypeImports };
}
function above(names, layer) {
  return names.map((name) =>
    banned(MODULES[name], `${layer} may not import ${name}, a layer above it (eslint.config.js).`),
  );
}
function layer(files, patterns, paths = [DOCKERODE]) {
  return {
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] },
  };
}
const helpers = banned(
  GRADING_HELPERS,
  "Use grading's face (grading/grader.ts) rather than its helper folders.",
);
const driver = banned(
  MODULES.sandbox,
  'Only the session manager holds the sandbox driver; use a SessionHandle.',
);
const store = banned(MODULES.store, 'Only main, sessions and workshops use the store.');

const LAYER_RULES = [
  layer(['server/main.ts', 'server/cli.ts', 'server/cli/**', 'scripts/**', 'bench/**'], [helpers]),
  layer(['scripts/build-images/**'], [helpers], []),
  layer(
    ['server/http/**', 'server/terminal.ts', 'server/terminal/**', 'server/tickets.ts'],
    [...above(['main'], 'The edge'), driver, store, helpers],
  ),
  layer(
    ['server/checks.ts', 'server/checks/**'],
    [...above(['main', 'edge'], 'checks'), driver, store, helpers],
  ),
  layer(
    ['server/workshops.ts', 'server/workshops/**'],
    [...above(['main', 'edge'], 'workshops'), driver, helpers],
  ),
  layer(
    ['server/sessions.ts', 'server/sessions/**'],
    [...above(['main', 'edge', 'services'], 'sessions'), helpers],
  ),
  layer(
    ['server/labs.ts', 'server/labs/**'],
    [
      ...above(['main', 'edge', 'services', 'sessions'], 'labs'),
      store,
      banned(MODULES.sandbox, 'labs know no sandbox: setup runs through the exec it is given.'),
      banned(GRADING_HELPERS, 'The lab format uses grading/lab-checks.ts only.'),
    ],
  ),
  layer(
    ['server/grading/**'],
    [
      ...above(['main', 'edge', 'services', 'sessions'], 'grading'),
      store,
      // The lab types, and the parameter templating the grader fills checks with.
      banned(
        [...MODULES.labs, '!**/labs/params.ts'],
        'grading takes labs as types (and labs/params.ts).',
        true,
      ),
      banned(MODULES.sandbox, 'grading reaches a sandbox through the Exec it is given.', true),
    ],
  ),
  layer(
    ['server/store/**'],
    [
      ...above(['main', 'edge', 'services', 'sessions', 'labs', 'grading'], 'The store'),
      banned(MODULES.sandbox, 'The store knows no sandbox.'),
    ],
  ),
  layer(
    ['server/sandbox/**'],
    [...above(['main', 'edge', 'services', 'sessions', 'store', 'labs', 'grading'], 'The sandbox')],
  ),
  layer(
    ['server/sandbox/docker-driver.ts', 'server/sandbox/docker-driver/**'],
    [...above(['main', 'edge', 'services', 'sessions', 'store', 'labs', 'grading'], 'The sandbox')],
    [],
  ),
  layer(
    [
      'server/config.ts',
      'server/config/**',
      'server/errors.ts',
      'server/protocol.ts',
      'server/protocol/**',
      'server/logger.ts',
    ],
    [
      ...above(
        ['main', 'edge', 'services', 'sessions', 'store', 'sandbox', 'labs', 'grading'],
        'The base',
      ),
    ],
  ),
  layer(
    ['src/client/**', 'src/components/**'],
    [
      banned(
        ['**/server/**'],
        'The site never imports server logic: `import type` from server/protocol.ts.',
        true,
      ),
    ],
  ),
];

export default defineConfig(
  {
    ignores: ['dist/', '.astro/', 'node_modules/', 'data/', 'test-results/', '**/*.astro', 'bin/'],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['tests/**'],
    rules: {
      // node:test's describe/test return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'test', 'it', 'suite', 'before', 'after'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'server/cli/**'],
    rules: { 'no-console': 'off' },
  },
  ...LAYER_RULES,
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
