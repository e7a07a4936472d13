/**
 * Workshops on the real server and engine: creating and joining (with every
 * refusal), a learner's sessions, a task passed in the sandbox showing on the
 * dashboard, on the instructor's event stream and at a signed webhook, results
 * for graders (JSON and CSV), peeking, and ending. Each test makes the
 * workshop it needs (cohort()) and runs alone; the server, the webhook
 * receiver and the client addresses (X-Forwarded-For, believed from loopback)
 * are the only things shared, and no test depends on another's state. The
 * whole suite runs on each store (SQLite, PostgreSQL).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type {
  CreateGraderTokenResponse,
  CreateSessionResponse,
  CreateWorkshopRequest,
  CreateWorkshopResponse,
  ErrorBody,
  JoinWorkshopResponse,
  LearnerEvent,
  ParticipantView,
  ServerMessage,
  WorkshopDashboard,
  WorkshopEvent,
  WorkshopResults,
} from '../../server/protocol.ts';
import { request, waitReady } from './helpers/api.ts';
import { labelledContainers, runSolution } from './helpers/docker.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { STORES, storeEnv } from './helpers/stores.ts';
import { openEvents, openWithTicket, streamTicket, type EventStream } from './helpers/sse.ts';
import { connectTerminal, type TerminalClient } from './helpers/terminal-client.ts';

const ADMIN = 'admin-token-for-tests-0123456789';
const HTML_NAME = '<img src=x onerror="alert(1)">';
const FORMULA_NAME = '=HYPERLINK("http://evil.test","x")';

interface Hook {
  body: string;
  signature: string | undefined;
}

let server: RunningServer;
let receiver: Server;
/** Webhook calls, each told as an event when it arrives. */
const hooks: Hook[] = [];
const hookArrived = new EventEmitter();
let hookUrl = '';
const streams: EventStream<unknown>[] = [];

/** Resolves with the calls so far once `done(calls)` holds, waiting for each call as it comes. */
function hooksWhen(done: (calls: Hook[]) => boolean): Promise<Hook[]> {
  return new Promise((resolve) => {
    const look = (): void => {
      if (!done(hooks)) return;
      hookArrived.off('call', look);
      resolve(hooks);
    };
    hookArrived.on('call', look);
    look();
  });
}

/** An address of its own for a test, so that per-address limits never leak between tests. */
let addresses = 0;
const address = (): string => `198.51.100.${++addresses}`;

async function create(
  overrides: Partial<CreateWorkshopRequest> = {},
  token = ADMIN,
): Promise<{ status: number; body: CreateWorkshopResponse & ErrorBody }> {
  return request<CreateWorkshopResponse & ErrorBody>(`${server.url}/api/workshops`, {
    method: 'POST',
    token,
    body: { title: 'Onboarding', labs: ['host'], capacity: 10, randomParams: false, ...overrides },
  });
}

async function join(code: string, name: string, from = '127.0.0.1') {
  return request<JoinWorkshopResponse & ErrorBody>(`${server.url}/api/workshops/join`, {
    method: 'POST',
    body: { code, name },
    headers: { 'x-forwarded-for': from },
  });
}

async function joined(code: string, name: string): Promise<JoinWorkshopResponse> {
  const r = await join(code, name);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function labSession(workshopId: string, token: string, lab = 'host') {
  return request<CreateSessionResponse & ErrorBody>(
    `${server.url}/api/workshops/${workshopId}/me/sessions`,
    { method: 'POST', token, body: { lab } },
  );
}

/** A workshop of its own, with Ada and Bob joined, and Ada's lab started when asked. */
async function cohort(options: { webhook?: boolean; adaLab?: boolean } = {}) {
  const made = await create(options.webhook ? { webhookUrl: hookUrl } : {});
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const workshop = made.body;
  const ada = await joined(workshop.code, HTML_NAME);
  const bob = await joined(workshop.code, FORMULA_NAME);
  let adaSession: CreateSessionResponse | undefined;
  if (options.adaLab) {
    const r = await labSession(workshop.id, ada.participantToken);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    adaSession = r.body;
    assert.equal((await waitReady(server.url, adaSession)).status, 'ready');
  }
  return { workshop, ada, bob, adaSession };
}

/** Ada's lab, solved and checked: the first task passes. */
async function passRunWeb1(session: CreateSessionResponse, token: string) {
  runSolution(session.id, 'host', (await waitReady(server.url, session)).params);
  const check = await request<{ tasks: { id: string; passed: boolean }[] }>(
    `${server.url}/api/sessions/${session.id}/check`,
    { method: 'POST', token, body: {} },
  );
  assert.equal(check.status, 200);
  assert.ok(check.body.tasks.find((t) => t.id === 'run-web1')?.passed);
}

async function events<E>(path: string, token: string): Promise<EventStream<E>> {
  const stream = await openWithTicket<E>(server.url, path, token);
  assert.equal(stream.status, 200);
  streams.push(stream);
  return stream;
}

/** The first status message a terminal got, as it arrives. */
function statusOf(t: TerminalClient): Promise<Extract<ServerMessage, { type: 'status' }>> {
  return new Promise((resolve) => {
    const look = (): void => {
      const status = t.messages.find((m) => m.type === 'status');
      if (status?.type !== 'status') return;
      t.socket.off('message', look);
      resolve(status);
    };
    t.socket.on('message', look);
    look();
  });
}

for (const store of STORES)
  describe(`workshops API on ${store}`, () => {
    let drop = (): Promise<void> => Promise.resolve();
    before(async () => {
      // Each workshop's first call fails, so that the retry is proven.
      const failedOnce = new Set<string>();
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          const header = req.headers['x-netlab-signature'];
          const { workshopId } = JSON.parse(body) as { workshopId: string };
          res.statusCode = failedOnce.has(workshopId) ? 204 : 500;
          failedOnce.add(workshopId);
          res.end();
          hooks.push({ body, signature: Array.isArray(header) ? header[0] : header });
          hookArrived.emit('call');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      // One session per client: learners behind one address must not be limited by it.
      const place = await storeEnv(store);
      drop = place.drop;
      server = await startServer({
        ...place.env,
        ADMIN_TOKEN: ADMIN,
        MAX_SESSIONS_PER_CLIENT: '1',
        WEBHOOK_ATTEMPTS: '3',
        JOIN_ATTEMPTS_PER_MIN: '4',
        TERMINALS_PER_SESSION: '1',
        TRUST_PROXY: '1',
      });
    });

    after(async () => {
      for (const stream of streams) stream.close();
      await server.stop();
      await drop();
      await new Promise((resolve) => receiver.close(resolve));
    });

    test('answers 401, 403 and 503 to creating a workshop without the admin token', async () => {
      assert.equal((await create({}, '')).status, 401);
      const wrong = await create({}, 'not-the-admin-token-at-all');
      assert.equal(wrong.status, 403);
      const disabled = await startServer();
      try {
        const r = await request<ErrorBody>(`${disabled.url}/api/workshops`, {
          method: 'POST',
          token: ADMIN,
          body: { title: 'x', labs: ['host'], capacity: 1, randomParams: false },
        });
        assert.equal(r.status, 503);
        assert.equal(r.body.error.code, 'NETLAB_ERR_WORKSHOPS_DISABLED');
      } finally {
        await disabled.stop();
      }
    });

    test('creates a workshop with a join code, links and a webhook secret', async () => {
      const r = await create({ webhookUrl: hookUrl });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const workshop = r.body;
      assert.match(workshop.code, /^[2-9A-HJKMNP-TW-Z]{3}-[2-9A-HJKMNP-TW-Z]{3}$/);
      assert.equal(workshop.joinUrl, `/workshop/join/?code=${workshop.code}`);
      assert.equal(
        workshop.instructorUrl,
        `/workshop/dashboard/?id=${workshop.id}#secret=${workshop.instructorSecret}`,
      );
      assert.ok(workshop.webhookSecret);
      const bad = await create({ labs: ['no-such-lab'] });
      assert.equal(bad.body.error.code, 'NETLAB_ERR_UNKNOWN_LAB');
      const extra = await request<ErrorBody>(`${server.url}/api/workshops`, {
        method: 'POST',
        token: ADMIN,
        body: { title: 'x', labs: ['host'], capacity: 1, randomParams: false, extra: 1 },
      });
      assert.equal(extra.status, 400);
    });

    test('joins learners by code, names verbatim, and refuses bad names and unknown codes', async () => {
      const workshop = (await create()).body;
      const ada = await joined(workshop.code.toLowerCase(), `  ${HTML_NAME} `);
      assert.equal(ada.workshopId, workshop.id);
      assert.equal(
        ada.learnUrl,
        `/workshop/learn/?id=${ada.workshopId}#p=${ada.participantId}.${ada.participantToken}`,
      );
      for (const name of ['', '   ', 'x'.repeat(41), 'tab\there', 'bell\u0007']) {
        const r = await join(workshop.code, name);
        assert.equal(r.status, 400, `name ${JSON.stringify(name)}`);
      }
      const unknown = await join('ZZZ-ZZZ', 'Carol', address());
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'NETLAB_ERR_UNKNOWN_WORKSHOP');
      const me = await request<ParticipantView>(`${server.url}/api/workshops/${workshop.id}/me`, {
        token: ada.participantToken,
      });
      assert.equal(me.status, 200);
      assert.equal(me.body.participant.name, HTML_NAME);
      assert.equal(me.body.workshop.status, 'open');
      const other = await request(`${server.url}/api/workshops/${workshop.id}/me`, {
        token: workshop.instructorSecret,
      });
      assert.equal(other.status, 403);
    });

    test('answers 409 when full or not started and 410 once ended', async () => {
      const small = (await create({ capacity: 1 })).body;
      await joined(small.code, 'first');
      const full = await join(small.code, 'second');
      assert.equal(full.status, 409);
      assert.equal(full.body.error.code, 'NETLAB_ERR_WORKSHOP_FULL');
      const later = (await create({ startsAt: new Date(Date.now() + 3_600_000).toISOString() }))
        .body;
      const early = await join(later.code, 'keen');
      assert.equal(early.status, 409);
      assert.equal(early.body.error.code, 'NETLAB_ERR_WORKSHOP_NOT_STARTED');
      // Past its end time a workshop reads as ended the same way (views.test.ts, workshopStatus).
      const over = (await create()).body;
      const ended = await request(`${server.url}/api/workshops/${over.id}/end`, {
        method: 'POST',
        token: over.instructorSecret,
      });
      assert.equal(ended.status, 200);
      const late = await join(over.code, 'late');
      assert.equal(late.status, 410);
      assert.equal(late.body.error.code, 'NETLAB_ERR_WORKSHOP_ENDED');
    });

    test("gives each learner one session per lab, opened by the learner's token", async () => {
      const { workshop, ada, bob } = await cohort();
      const [first, again] = await Promise.all([
        labSession(workshop.id, ada.participantToken),
        labSession(workshop.id, ada.participantToken),
      ]);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(again.body.id, first.body.id);
      const adaSession = first.body;
      assert.equal(adaSession.token, ada.participantToken);
      // Same client address, and MAX_SESSIONS_PER_CLIENT=1: a second learner still gets one.
      const bobs = await labSession(workshop.id, bob.participantToken);
      assert.equal(bobs.status, 200, JSON.stringify(bobs.body));
      assert.notEqual(bobs.body.id, adaSession.id);
      const notInWorkshop = await labSession(workshop.id, ada.participantToken, 'bridge');
      assert.equal(notInWorkshop.status, 400);
      const foreign = await request(`${server.url}/api/sessions/${adaSession.id}`, {
        token: bob.participantToken,
      });
      assert.equal(foreign.status, 403);
      const peekOverRest = await request(`${server.url}/api/sessions/${adaSession.id}`, {
        token: workshop.instructorSecret,
      });
      assert.equal(peekOverRest.status, 403);
      const view = await waitReady(server.url, adaSession);
      assert.equal(view.status, 'ready');
      assert.deepEqual(view.params, { port: '8080' }, 'lab defaults without randomParams');
      assert.equal(labelledContainers(adaSession.id).length, 1, 'one machine for two requests');
    });

    test('shows a passed task on the dashboard and the event stream, and calls the webhook, signed', async () => {
      const { workshop, ada, adaSession } = await cohort({ webhook: true, adaLab: true });
      assert.ok(adaSession);
      const stream = await events<WorkshopEvent>(
        `/api/workshops/${workshop.id}/events`,
        workshop.instructorSecret,
      );
      await stream.waitFor((e) => e.type === 'snapshot');
      await passRunWeb1(adaSession, ada.participantToken);
      const event = await stream.waitFor(
        (e) =>
          e.type === 'learner' &&
          e.learner.id === ada.participantId &&
          e.learner.tasks['host/run-web1']?.passed === true,
      );
      assert.equal(event.type === 'learner' && event.learner.name, HTML_NAME);
      const dash = await request<WorkshopDashboard>(`${server.url}/api/workshops/${workshop.id}`, {
        token: workshop.instructorSecret,
      });
      assert.equal(dash.status, 200);
      const row = dash.body.learners.find((l) => l.id === ada.participantId);
      const standing = row?.tasks['host/run-web1'];
      assert.ok(row && standing);
      assert.equal(standing.passed, true);
      assert.ok(standing.attempts >= 1);
      assert.equal(row.sessions.host, adaSession.id);
      assert.equal(dash.body.passRates['host/run-web1'], 0.5);
      assert.deepEqual(
        dash.body.tasks.map((t) => t.key),
        ['host/run-web1', 'host/same-interfaces', 'host/docker0-inside', 'host/port-conflict'],
      );
      const wrong = await request(`${server.url}/api/workshops/${workshop.id}`, {
        token: ada.participantToken,
      });
      assert.equal(wrong.status, 403);

      // The webhook: a 500 first, then the retry arrives, signed with the workshop's secret.
      const mine = (h: Hook) =>
        h.body.includes(`"workshopId":"${workshop.id}"`) && h.body.includes('"task":"run-web1"');
      const delivered = (await hooksWhen((calls) => calls.filter(mine).length >= 2)).filter(mine);
      for (const hook of delivered) {
        const hex = createHmac('sha256', workshop.webhookSecret ?? '')
          .update(hook.body)
          .digest('hex');
        assert.equal(hook.signature, `sha256=${hex}`);
        assert.deepEqual(JSON.parse(hook.body), {
          event: 'task.passed',
          workshopId: workshop.id,
          learner: { id: ada.participantId, name: HTML_NAME },
          lab: 'host',
          task: 'run-web1',
          passedAt: standing.passedAt,
        });
      }
    });

    test("opens a learner terminal read-only for the instructor, beside the learner's own", async () => {
      const { workshop, ada, adaSession } = await cohort({ adaLab: true });
      assert.ok(adaSession);
      // TERMINALS_PER_SESSION is 1 here: the learner's terminal takes it, the peek has its own.
      const own = await connectTerminal(server.url, adaSession.id, {
        token: ada.participantToken,
      });
      const peek = await connectTerminal(server.url, adaSession.id, {
        token: workshop.instructorSecret,
      });
      try {
        await own.waitFor(/root@netlab:~# /);
        const status = await statusOf(peek);
        assert.equal(status.state, 'live');
        assert.equal(status.readOnly, true);
        const second = await connectTerminal(server.url, adaSession.id, {
          token: workshop.instructorSecret,
        });
        assert.equal((await second.closed).code, 4429, 'one peek per slot, like a learner');
        own.type('echo peeked-$((6*7))\r');
        await peek.waitFor(/peeked-42/);
      } finally {
        await Promise.all([own.close(), peek.close()]);
      }
    });

    test('broadcasts a message to learners', async () => {
      const { workshop, ada } = await cohort();
      const learner = await events<LearnerEvent>(
        `/api/workshops/${workshop.id}/me/events`,
        ada.participantToken,
      );
      const r = await request<{ text: string }>(
        `${server.url}/api/workshops/${workshop.id}/broadcast`,
        { method: 'POST', token: workshop.instructorSecret, body: { text: 'Break until 11:00' } },
      );
      assert.equal(r.status, 200);
      const event = await learner.waitFor((e) => e.type === 'message');
      assert.equal(event.type === 'message' && event.message.text, 'Break until 11:00');
    });

    test('serves results as JSON and neutralised CSV to graders of that workshop only', async () => {
      const { workshop, ada, bob, adaSession } = await cohort({ adaLab: true });
      assert.ok(adaSession);
      await passRunWeb1(adaSession, ada.participantToken);
      const grader = await request<CreateGraderTokenResponse>(`${server.url}/api/grader-tokens`, {
        method: 'POST',
        token: ADMIN,
        body: { workshops: [workshop.id] },
      });
      assert.equal(grader.status, 201);
      const json = await request<WorkshopResults>(
        `${server.url}/api/workshops/${workshop.id}/results`,
        { token: grader.body.token },
      );
      assert.equal(json.status, 200);
      assert.equal(json.body.results.length, 8, 'two learners × four tasks');
      const adaRun = json.body.results.find(
        (r) => r.learnerId === ada.participantId && r.task === 'run-web1',
      );
      assert.ok(adaRun);
      assert.equal(adaRun.learner, HTML_NAME);
      assert.equal(adaRun.passed, true);
      const csv = await fetch(`${server.url}/api/workshops/${workshop.id}/results?format=csv`, {
        headers: { authorization: `Bearer ${grader.body.token}` },
      });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      const text = await csv.text();
      assert.match(text, /^learner,learnerId,lab,task,passed,passedAt,attempts,lastAt\r\n/);
      assert.ok(
        text.includes(
          `"<img src=x onerror=""alert(1)"">",${ada.participantId},host,run-web1,true,`,
        ),
      );
      assert.ok(text.includes(`"'=HYPERLINK(""http://evil.test"",""x"")",${bob.participantId},`));
      assert.ok(!/(^|,)=HYPERLINK/m.test(text));

      const other = (await create({ title: 'Other' })).body;
      const otherGrader = await request<CreateGraderTokenResponse>(
        `${server.url}/api/grader-tokens`,
        { method: 'POST', token: ADMIN, body: { workshops: [other.id] } },
      );
      const refused = await request<ErrorBody>(
        `${server.url}/api/workshops/${workshop.id}/results`,
        {
          token: otherGrader.body.token,
        },
      );
      assert.equal(refused.status, 403);
      const admin = await request(`${server.url}/api/workshops/${workshop.id}/results`, {
        token: ADMIN,
      });
      assert.equal(admin.status, 200);
      const noAdmin = await request(`${server.url}/api/grader-tokens`, {
        method: 'POST',
        token: workshop.instructorSecret,
        body: { workshops: [workshop.id] },
      });
      assert.equal(noAdmin.status, 403);
    });

    test('reports a webhook that keeps failing on the event stream and the dashboard', async () => {
      // Nothing listens on port 1 of the loopback address: every attempt is refused.
      const failing = (await create({ title: 'Failing hook', webhookUrl: 'http://127.0.0.1:1/' }))
        .body;
      const stream = await openEvents<WorkshopEvent>(
        `${server.url}/api/workshops/${failing.id}/events`,
        { authorization: `Bearer ${failing.instructorSecret}` },
      );
      streams.push(stream);
      try {
        const carol = await joined(failing.code, 'Carol');
        const session = (await labSession(failing.id, carol.participantToken)).body;
        runSolution(session.id, 'host', (await waitReady(server.url, session)).params);
        await request(`${server.url}/api/sessions/${session.id}/check`, {
          method: 'POST',
          token: carol.participantToken,
          body: { task: 'run-web1' },
        });
        // Three attempts, 0.5 s then 1 s apart.
        const event = await stream.waitFor((e) => e.type === 'webhook-failed');
        assert.ok(event.type === 'webhook-failed');
        assert.equal(event.failure.task, 'host/run-web1');
        assert.equal(event.failure.learner, 'Carol');
        assert.match(event.failure.error, /after 3 attempts/);
        const dash = await request<WorkshopDashboard>(`${server.url}/api/workshops/${failing.id}`, {
          token: failing.instructorSecret,
        });
        assert.deepEqual(dash.body.webhookFailures, [event.failure]);
        const path = `/api/workshops/${failing.id}/events`;
        assert.equal((await streamTicket(server.url, path, 'x')).status, 403);
        const leaked = await openEvents(`${server.url}${path}?secret=${failing.instructorSecret}`);
        assert.equal(leaked.status, 400);
        // A learner's ticket opens the learner's stream, not the instructor's.
        const mine = `/api/workshops/${failing.id}/me/events`;
        const { ticket } = await streamTicket(server.url, mine, carol.participantToken);
        const wrongStream = await openEvents(`${server.url}${path}?ticket=${ticket}`);
        assert.equal(wrongStream.status, 401);
      } finally {
        await request(`${server.url}/api/workshops/${failing.id}/end`, {
          method: 'POST',
          token: failing.instructorSecret,
        });
      }
    });

    test('ends the workshop: sandboxes removed, learners told, results kept, joins refused', async () => {
      const { workshop, ada, bob, adaSession } = await cohort({ adaLab: true });
      assert.ok(adaSession);
      await passRunWeb1(adaSession, ada.participantToken);
      assert.equal((await labSession(workshop.id, bob.participantToken)).status, 200);
      const instructor = await events<WorkshopEvent>(
        `/api/workshops/${workshop.id}/events`,
        workshop.instructorSecret,
      );
      const learner = await events<LearnerEvent>(
        `/api/workshops/${workshop.id}/me/events`,
        ada.participantToken,
      );
      const live = await request<WorkshopDashboard>(`${server.url}/api/workshops/${workshop.id}`, {
        token: workshop.instructorSecret,
      });
      const ids = live.body.learners.flatMap((l) => Object.values(l.sessions));
      assert.equal(ids.length, 2);
      const r = await request<{ status: string }>(
        `${server.url}/api/workshops/${workshop.id}/end`,
        {
          method: 'POST',
          token: workshop.instructorSecret,
        },
      );
      assert.equal(r.status, 200);
      assert.equal(r.body.status, 'ended');
      for (const id of ids) assert.deepEqual(labelledContainers(id), []);
      await learner.waitFor((e) => e.type === 'ended');
      await instructor.waitFor((e) => e.type === 'ended');
      const results = await request<WorkshopResults>(
        `${server.url}/api/workshops/${workshop.id}/results`,
        { token: workshop.instructorSecret },
      );
      assert.equal(
        results.body.results.find((x) => x.learnerId === ada.participantId && x.task === 'run-web1')
          ?.passed,
        true,
      );
      assert.equal(results.body.workshop.status, 'ended');
      assert.equal((await join(workshop.code, 'Late Larry')).status, 410);
      assert.equal((await labSession(workshop.id, ada.participantToken)).status, 410);
    });

    test('makes an address that keeps guessing codes wait, even with a right one', async () => {
      const open = await create({ title: 'Guarded' });
      const from = address();
      for (let i = 0; i < 4; i++)
        assert.equal((await join(`ZZZ-ZZ${i + 2}`, 'Mallory', from)).status, 404);
      const refused = await join('ZZZ-ZZ7', 'Mallory', from);
      assert.equal(refused.status, 429, 'four wrong codes in a minute are the most');
      const right = await join(open.body.code, 'Mallory', from);
      assert.equal(right.status, 429);
      assert.equal(right.body.error.code, 'NETLAB_ERR_TOO_MANY_ATTEMPTS');
      assert.ok(Number(right.headers.get('retry-after')) > 0);
      assert.equal((await join(open.body.code, 'Mallory', address())).status, 201);
    });
  });
