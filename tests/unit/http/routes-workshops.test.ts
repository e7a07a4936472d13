/**
 * Workshops through Fastify's inject, on the whole app over the fake driver:
 * who may do what (admin, instructor, learner, grader), a learner's one
 * session per lab, the dashboard and results built from the workshops' own
 * read model, ending a workshop, and the sweep that repairs a missed "ended".
 * Each test makes its own workshop. (Real sandboxes and PostgreSQL:
 * tests/integration/workshops-api.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  CreateGraderTokenResponse,
  CreateSessionResponse,
  CreateWorkshopResponse,
  ErrorBody,
  JoinWorkshopResponse,
  ParticipantView,
  TicketResponse,
  WorkshopDashboard,
  WorkshopResults,
} from '../../../server/protocol.ts';
import { ADMIN, testApp, type Answer, type TestApp } from '../helpers/app.ts';
import { until } from '../helpers/sessions.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

async function workshop(patch: Record<string, unknown> = {}): Promise<CreateWorkshopResponse> {
  const r = await t.call('POST', '/api/workshops', {
    token: ADMIN,
    body: { title: 'Onboarding', labs: ['bridge'], capacity: 5, randomParams: false, ...patch },
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<CreateWorkshopResponse>();
}

async function join(w: CreateWorkshopResponse, name = 'Ada'): Promise<JoinWorkshopResponse> {
  const r = await t.call('POST', '/api/workshops/join', { body: { code: w.code, name } });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<JoinWorkshopResponse>();
}

async function labOf(w: CreateWorkshopResponse, learner: JoinWorkshopResponse) {
  const r = await t.call('POST', `/api/workshops/${w.id}/me/sessions`, {
    token: learner.participantToken,
    body: { lab: 'bridge' },
  });
  assert.equal(r.statusCode, 200, r.body);
  return r.json<CreateSessionResponse>();
}

const code = (r: Answer) => r.json<ErrorBody>().error.code;

describe('POST /api/workshops', () => {
  const refused: [string, string | undefined, number, string][] = [
    ['no token', undefined, 401, 'NETLAB_ERR_UNAUTHORIZED'],
    ['a token that is not the admin token', 'someone', 403, 'NETLAB_ERR_FORBIDDEN'],
  ];
  for (const [what, token, status, errorCode] of refused) {
    test(`returns ${status} for ${what}`, async () => {
      const r = await t.call('POST', '/api/workshops', {
        ...(token !== undefined && { token }),
        body: { title: 'x', labs: ['bridge'], capacity: 1, randomParams: false },
      });
      assert.deepEqual([r.statusCode, code(r)], [status, errorCode]);
    });
  }

  test('returns 503 WORKSHOPS_DISABLED on a server without ADMIN_TOKEN', async () => {
    const closed = await testApp({ env: { ADMIN_TOKEN: '' } });
    const r = await closed.call('POST', '/api/workshops', {
      token: ADMIN,
      body: { title: 'x', labs: ['bridge'], capacity: 1, randomParams: false },
    });
    await closed.close();
    assert.deepEqual([r.statusCode, code(r)], [503, 'NETLAB_ERR_WORKSHOPS_DISABLED']);
  });

  test('returns 400 for a lab the server does not have', async () => {
    const r = await t.call('POST', '/api/workshops', {
      token: ADMIN,
      body: { title: 'x', labs: ['nope'], capacity: 1, randomParams: false },
    });
    assert.deepEqual([r.statusCode, code(r)], [400, 'NETLAB_ERR_UNKNOWN_LAB']);
  });
});

describe('POST /api/workshops/join', () => {
  test('returns 404 for a wrong code and 409 final once the workshop is full', async () => {
    const w = await workshop({ capacity: 1 });
    const wrong = await t.call('POST', '/api/workshops/join', {
      body: { code: 'AAA-AAA', name: 'Bo' },
    });
    assert.equal(wrong.statusCode, 404);
    await join(w);
    const full = await t.call('POST', '/api/workshops/join', {
      body: { code: w.code, name: 'Cy' },
    });
    assert.equal(full.statusCode, 409);
    assert.deepEqual(full.json<ErrorBody>().error.retry, 'final');
  });
});

describe('POST /api/workshops/:id/me/sessions', () => {
  test("returns the learner's one live session of a lab, opened by their own token", async () => {
    const w = await workshop();
    const ada = await join(w);
    const [first, again] = await Promise.all([labOf(w, ada), labOf(w, ada)]);
    assert.equal(first.id, again.id);
    assert.equal(first.token, ada.participantToken);
    const me = await t.call('GET', `/api/workshops/${w.id}/me`, { token: ada.participantToken });
    assert.deepEqual(Object.keys(me.json<ParticipantView>().sessions), ['bridge']);
    const view = await t.call('GET', `/api/sessions/${first.id}`, { token: ada.participantToken });
    assert.equal(view.statusCode, 200);
  });

  test("lets the instructor peek (a read-only terminal ticket) but not work in a learner's session", async () => {
    const w = await workshop();
    const s = await labOf(w, await join(w));
    const ticket = await t.call('POST', `/api/sessions/${s.id}/terminal/tickets`, {
      token: w.instructorSecret,
    });
    assert.equal(ticket.statusCode, 201);
    assert.ok(ticket.json<TicketResponse>().ticket);
    const check = await t.call('POST', `/api/sessions/${s.id}/check`, {
      token: w.instructorSecret,
      body: {},
    });
    assert.equal(check.statusCode, 403);
    const other = await workshop();
    const stranger = await t.call('POST', `/api/sessions/${s.id}/terminal/tickets`, {
      token: other.instructorSecret,
    });
    assert.equal(stranger.statusCode, 403);
  });
});

describe('GET /api/workshops/:id and /results', () => {
  test("shows a learner's results, recorded on their session, in the grid and the results", async () => {
    const w = await workshop();
    const ada = await join(w);
    const s = await labOf(w, ada);
    await until(() => t.sessions.handle(s.id)?.status() === 'ready');
    const task = t.labs.get('bridge')?.tasks[0]?.id ?? '';
    await t.sessions.recordResults(s.id, [{ id: task, passed: false, detail: null }], true);
    await t.sessions.recordResults(s.id, [{ id: task, passed: true, detail: null }], true);
    const grid = (
      await t.call('GET', `/api/workshops/${w.id}`, { token: w.instructorSecret })
    ).json<WorkshopDashboard>();
    const row = grid.learners.find((l) => l.id === ada.participantId);
    assert.ok(row);
    assert.equal(row.sessions.bridge, s.id);
    const standing = row.tasks[`bridge/${task}`];
    assert.deepEqual([standing?.passed, standing?.attempts], [true, 2]);
    const grader = (
      await t.call('POST', '/api/grader-tokens', { token: ADMIN, body: { workshops: [w.id] } })
    ).json<CreateGraderTokenResponse>();
    const results = await t.call('GET', `/api/workshops/${w.id}/results`, { token: grader.token });
    const mine = results.json<WorkshopResults>().results.find((x) => x.task === task);
    assert.equal(mine?.passed, true);
    const csv = await t.call('GET', `/api/workshops/${w.id}/results?format=csv`, {
      token: w.instructorSecret,
    });
    assert.match(csv.body, /^learner,learnerId,lab,task,passed/);
  });

  test("refuses a learner's token on the dashboard and a grader token on another workshop", async () => {
    const w = await workshop();
    const ada = await join(w);
    const grid = await t.call('GET', `/api/workshops/${w.id}`, { token: ada.participantToken });
    assert.equal(grid.statusCode, 403);
    const other = await workshop();
    const grader = (
      await t.call('POST', '/api/grader-tokens', { token: ADMIN, body: { workshops: [other.id] } })
    ).json<CreateGraderTokenResponse>();
    const results = await t.call('GET', `/api/workshops/${w.id}/results`, { token: grader.token });
    assert.equal(results.statusCode, 403);
  });
});

describe('POST /api/workshops/:id/end', () => {
  test("removes the learners' machines, keeps results, and refuses new sessions with 410", async () => {
    const w = await workshop();
    const ada = await join(w);
    const s = await labOf(w, ada);
    await until(() => t.sessions.handle(s.id)?.status() === 'ready');
    const r = await t.call('POST', `/api/workshops/${w.id}/end`, { token: w.instructorSecret });
    assert.equal(r.statusCode, 200);
    assert.equal(t.sessions.handle(s.id), undefined);
    const again = await t.call('POST', `/api/workshops/${w.id}/me/sessions`, {
      token: ada.participantToken,
      body: { lab: 'bridge' },
    });
    assert.deepEqual([again.statusCode, code(again)], [410, 'NETLAB_ERR_WORKSHOP_ENDED']);
  });
});

describe('WorkshopService.sweep', () => {
  test('ends the learner sessions of a workshop whose "ended" signal this server missed', async () => {
    const w = await workshop();
    const s = await labOf(w, await join(w));
    await until(() => t.sessions.handle(s.id)?.status() === 'ready');
    // Another server ended it: the row changed, but no signal reached this one.
    await t.opened.db.query('UPDATE workshops SET ended_at = ? WHERE id = ?', [t.now(), w.id]);
    assert.equal(t.sessions.handle(s.id)?.status(), 'ready');
    await t.workshops.sweep();
    assert.equal(t.sessions.handle(s.id), undefined);
    const [row] = await t.opened.db.query(
      'SELECT live FROM learner_sessions WHERE session_id = ?',
      [s.id],
    );
    assert.equal(row?.live, 0);
  });
});
