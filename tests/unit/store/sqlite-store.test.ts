import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { SessionRow } from '../../../server/store/store.ts';
import { SqliteStore } from '../../../server/store/sqlite-store.ts';

const row: SessionRow = {
  id: 's1',
  tokenHash: 'ab',
  lab: 'bridge',
  client: '127.0.0.1',
  containerId: null,
  status: 'starting',
  reason: null,
  createdAt: 1,
  expiresAt: 2,
  endedAt: null,
  params: { subnet: '192.168.31.0/24' },
};

describe('SqliteStore', () => {
  test('keeps sessions across a reopen of the same data directory', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'netlab-store-'));
    const first = new SqliteStore(dir);
    first.insertSession(row);
    first.updateSession('s1', { status: 'ready', containerId: 'c1' });
    first.close();
    const second = new SqliteStore(dir);
    assert.deepEqual(second.getSession('s1'), { ...row, status: 'ready', containerId: 'c1' });
    assert.deepEqual(
      second.liveSessions().map((r) => r.id),
      ['s1'],
    );
    second.close();
  });

  test("returns each task's latest result and whether it ever passed", () => {
    const store = new SqliteStore(':memory:');
    store.insertSession(row);
    const detail = { expected: 'x', actual: 'y', hint: 'h' };
    store.recordChecks(
      's1',
      [
        { id: 'a', passed: true, detail: null },
        { id: 'b', passed: false, detail },
      ],
      10,
    );
    store.recordChecks('s1', [{ id: 'a', passed: false, detail }], 20);
    const history = new Map(store.taskHistory('s1').map((h) => [h.result.id, h]));
    assert.deepEqual(history.get('a'), {
      result: { id: 'a', passed: false, detail },
      everPassed: true,
    });
    assert.deepEqual(history.get('b'), {
      result: { id: 'b', passed: false, detail },
      everPassed: false,
    });
    store.close();
  });
});
