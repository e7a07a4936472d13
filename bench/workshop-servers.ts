/**
 * A workshop across two lab servers on one PostgreSQL (the test database of
 * NETLAB_TEST_DATABASE_URL): learners work on server B while the instructor's
 * dashboard is open on server A, so each event crosses the bus (LISTEN/NOTIFY).
 * Timed from the learner's passed check to the dashboard event on A, next to
 * the same measure with the dashboard on B itself.
 */
import { request, waitReady } from '../tests/integration/helpers/api.ts';
import { createTestDatabase } from '../tests/integration/helpers/postgres.ts';
import { startServer, type RunningServer } from '../tests/integration/helpers/server.ts';
import type {
  CreateSessionResponse,
  CreateWorkshopResponse,
  HealthResponse,
  JoinWorkshopResponse,
  TaskResult,
  WorkshopEvent,
} from '../server/protocol.ts';
import { openWithTicket } from '../tests/integration/helpers/sse.ts';
import { ms, percentile, printTable, sleep, type Row } from './stats.ts';
import { post, startBusybox1 } from './workshops.ts';

const LEARNERS = 10;
const ADMIN = 'bench-admin-token-two-servers';

/** A learner on `server` with a ready bridge-lab machine. */
async function learner(server: RunningServer, workshop: CreateWorkshopResponse, i: number) {
  const joined = await post<JoinWorkshopResponse>(`${server.url}/api/workshops/join`, undefined, {
    code: workshop.code,
    name: `learner ${i}`,
  });
  const session = await post<CreateSessionResponse>(
    `${server.url}/api/workshops/${workshop.id}/me/sessions`,
    joined.participantToken,
    { lab: 'bridge' },
  );
  await waitReady(server.url, session);
  return { joined, session };
}

export async function benchWorkshopServers(): Promise<void> {
  const database = await createTestDatabase();
  const env = { ADMIN_TOKEN: ADMIN, DATABASE_URL: database.url, WARM_POOL: String(LEARNERS) };
  const [a, b] = await Promise.all([startServer(env), startServer(env)]);
  try {
    // Learners join once B's warm pool is full, as in a workshop that was prepared.
    while ((await request<HealthResponse>(`${b.url}/api/health`)).body.sandboxes.warm < LEARNERS)
      await sleep(500);
    const workshop = await post<CreateWorkshopResponse>(`${a.url}/api/workshops`, ADMIN, {
      title: 'bench, two servers',
      labs: ['bridge'],
      capacity: LEARNERS,
      randomParams: false,
    });
    const dashboards = await Promise.all(
      [a, b].map((s) =>
        openWithTicket<WorkshopEvent>(
          s.url,
          `/api/workshops/${workshop.id}/events`,
          workshop.instructorSecret,
        ),
      ),
    );
    const learners = await Promise.all(
      Array.from({ length: LEARNERS }, (_, i) => learner(b, workshop, i)),
    );
    const across: number[] = [];
    const local: number[] = [];
    // One after another, so that each pass is timed alone rather than in a burst.
    for (const l of learners) {
      await startBusybox1(l.session.id);
      const passed = (e: WorkshopEvent) =>
        e.type === 'learner' &&
        e.learner.id === l.joined.participantId &&
        e.learner.tasks['bridge/run-busybox1']?.passed === true;
      const seen = dashboards.map((d) => d.waitFor(passed).then(() => performance.now()));
      const r = await post<{ tasks: TaskResult[] }>(
        `${b.url}/api/sessions/${l.session.id}/check`,
        l.session.token,
        { task: 'run-busybox1' },
      );
      const checkedAt = performance.now();
      if (!r.tasks[0]?.passed) throw new Error(`task did not pass: ${JSON.stringify(r)}`);
      const [onA, onB] = await Promise.all(seen);
      across.push(Math.max(0, (onA ?? 0) - checkedAt));
      local.push(Math.max(0, (onB ?? 0) - checkedAt));
    }
    for (const d of dashboards) d.close();
    const line = (xs: number[]) =>
      `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 95))} / ${ms(Math.max(...xs))}`;
    const rows: Row[] = [
      {
        measure: `passed check on B → dashboard on B, p50 / p95 / max (${LEARNERS} learners)`,
        value: line(local),
        target: '< 2000 ms',
      },
      {
        measure: 'passed check on B → dashboard on A (over NOTIFY), p50 / p95 / max',
        value: line(across),
        target: '< 2000 ms',
      },
    ];
    printTable('Workshop across two lab servers on one PostgreSQL', rows);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await database.drop();
  }
}
