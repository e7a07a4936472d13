import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createKeyHandler,
  ESCAPE_WINDOW_MS,
  type KeyLike,
} from '../../../src/client/terminal/keys.ts';
import { describeEnd, statusView } from '../../../src/client/terminal/status-text.ts';

function key(keyName: string, extra: Partial<KeyLike> = {}): KeyLike & { prevented: boolean } {
  const event = {
    type: 'keydown',
    key: keyName,
    code: keyName.length === 1 ? `Key${keyName.toUpperCase()}` : keyName,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    metaKey: false,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
    ...extra,
  };
  return event;
}

describe('terminal keys', () => {
  test('Tab goes to the shell, but Esc then Tab leaves the terminal', () => {
    let now = 0;
    const handle = createKeyHandler({ onCopy: () => undefined, now: () => now });
    assert.equal(handle(key('Tab')), true, 'Tab alone is completion');
    assert.equal(handle(key('Escape')), true, 'Esc still reaches the shell');
    now += 100;
    assert.equal(handle(key('Tab')), false, 'Esc, Tab: the browser moves focus');
    assert.equal(handle(key('Tab')), true, 'only once');
  });

  test('Esc then Shift+Tab leaves backwards; a late or interrupted Tab does not', () => {
    let now = 0;
    const handle = createKeyHandler({ onCopy: () => undefined, now: () => now });
    handle(key('Escape'));
    handle(key('Shift', { shiftKey: true }));
    assert.equal(handle(key('Tab', { shiftKey: true })), false);
    handle(key('Escape'));
    now += ESCAPE_WINDOW_MS + 1;
    assert.equal(handle(key('Tab')), true, 'too late');
    handle(key('Escape'));
    handle(key('a'));
    assert.equal(handle(key('Tab')), true, 'another key came between');
  });

  test('Ctrl+Shift+C copies; Ctrl+Shift+V is left to the browser; Ctrl+C is the shell’s', () => {
    let copies = 0;
    const handle = createKeyHandler({ onCopy: () => copies++ });
    const copy = key('C', { ctrlKey: true, shiftKey: true, code: 'KeyC' });
    assert.equal(handle(copy), false);
    assert.equal(copy.prevented, true);
    assert.equal(copies, 1);
    assert.equal(handle(key('V', { ctrlKey: true, shiftKey: true, code: 'KeyV' })), false);
    assert.equal(handle(key('c', { ctrlKey: true })), true);
    assert.equal(handle(key('v', { ctrlKey: true })), true);
    assert.equal(handle({ ...key('Tab'), type: 'keyup' }), true);
  });
});

describe('terminal status text', () => {
  test('the badge names the state in both languages', () => {
    assert.equal(statusView({ state: 'live' }, 'en').badge, 'Connected');
    assert.equal(
      statusView({ state: 'live', readOnly: true }, 'en').badge,
      'Connected (read-only)',
    );
    assert.equal(statusView({ state: 'reconnecting' }, 'zh-cn').badge, '正在重新连接…');
    assert.equal(statusView({ state: 'idle' }, 'en').badge, 'Not connected');
  });

  test('a retry shows its countdown and a Reconnect button', () => {
    const view = statusView({ state: 'reconnecting', closeCode: 1006, retryInMs: 3400 }, 'en');
    assert.equal(view.hint, 'Connection lost; reconnecting in 3 s.');
    assert.equal(view.showReconnect, true);
  });

  test('an end says why; Reconnect only where it can help', () => {
    const ended = statusView(
      {
        state: 'ended',
        closeCode: 4410,
        code: 'NETLAB_ERR_SESSION_ENDED',
        reason: 'idle too long',
      },
      'en',
    );
    assert.equal(
      ended.hint,
      'This lab session has ended; start the lab again for a fresh machine.',
    );
    assert.equal(ended.showReconnect, false);
    const exited = statusView({ state: 'ended', closeCode: 1000 }, 'zh-cn');
    assert.match(exited.hint, /Shell 已退出/);
    assert.equal(exited.showReconnect, true);
    assert.equal(
      statusView({ state: 'ended', closeCode: 4429, code: 'NETLAB_ERR_TOO_MANY_TERMINALS' }, 'en')
        .showReconnect,
      true,
    );
    assert.equal(
      statusView({ state: 'live' }, 'en').hint,
      'Press Esc then Tab to leave the terminal.',
    );
  });

  test('error codes map to the sentence a reader can act on; close codes alone only for closes without one', () => {
    assert.match(
      describeEnd({ closeCode: 4503, code: 'NETLAB_ERR_DOCKER_UNREACHABLE' }, 'en') ?? '',
      /Docker engine/,
    );
    assert.match(
      describeEnd({ closeCode: 4503, code: 'NETLAB_ERR_CAPACITY' }, 'en') ?? '',
      /All lab machines/,
    );
    assert.match(
      describeEnd({ closeCode: 4403, code: 'NETLAB_ERR_FORBIDDEN' }, 'en') ?? '',
      /not allowed/,
    );
    assert.equal(
      describeEnd(
        { closeCode: 4409, code: 'NETLAB_ERR_WORKSHOP_FULL', reason: 'This workshop is full.' },
        'en',
      ),
      'This workshop is full.',
    );
    assert.match(describeEnd({ closeCode: 1012 }, 'en') ?? '', /restarting/);
    assert.equal(describeEnd({ closeCode: 4000, reason: 'something new' }, 'en'), 'something new');
    assert.equal(describeEnd({ reason: 'closed' }, 'en'), undefined);
  });
});
