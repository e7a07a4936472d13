/**
 * opened: who a session's token lets in, and how far. The refusal must not tell
 * a session that exists from one that does not.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NetlabError } from '../../../server/errors.ts';
import { opened } from '../../../server/sessions/access.ts';
import type { LiveSession } from '../../../server/sessions/live.ts';
import { hashToken } from '../../../server/sessions/tokens.ts';

const session = (peek: string | null): LiveSession => ({
  row: {
    id: 's1',
    tokenHash: hashToken('learner-token'),
    peekHash: peek && hashToken(peek),
    lab: 'bridge',
    client: '127.0.0.1',
    containerId: 'c1',
    status: 'ready',
    reason: null,
    createdAt: 0,
    expiresAt: 60_000,
    endedAt: null,
    params: {},
    participantId: peek ? 'p1' : null,
    instance: 'here',
    generation: 'docker-28',
  },
  idleSince: null,
  tasks: [],
  locale: 'en',
});

const forbidden = (error: unknown) =>
  error instanceof NetlabError && error.code === 'NETLAB_ERR_FORBIDDEN';

describe('opened', () => {
  for (const [name, s, token, readOnly] of [
    ['its own token, to work in', session(null), 'learner-token', false],
    ['a learner’s own token beside a peek secret', session('secret'), 'learner-token', false],
    ['the instructor’s peek secret, to watch', session('secret'), 'secret', true],
  ] as const)
    test(`opens the session to ${name}`, () => {
      const r = opened(s, token);
      assert.equal(r.session, s);
      assert.equal(r.readOnly, readOnly);
    });

  for (const [name, s, token] of [
    ['a wrong token', session(null), 'guess'],
    ['a peek secret where the session has none', session(null), 'secret'],
    ['a session that does not exist', undefined, 'learner-token'],
  ] as const)
    test(`refuses ${name} with the same FORBIDDEN`, () => {
      assert.throws(() => opened(s, token), forbidden);
    });
});
