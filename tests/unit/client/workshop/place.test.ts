import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  learnLink,
  placeFrom,
  readPlace,
  writePlace,
} from '../../../../src/client/workshop/place.ts';

const PLACE = { workshopId: 'w1', participantId: 'p1', token: 'tok' };

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('readPlace', () => {
  test('returns what writePlace stored', () => {
    const storage = memoryStorage();
    writePlace(storage, PLACE);
    assert.deepEqual(readPlace(storage), PLACE);
  });

  test('returns null for nothing or something malformed', () => {
    const storage = memoryStorage();
    assert.equal(readPlace(storage), null);
    storage.setItem('netlab:workshop-place', '{"workshopId":1}');
    assert.equal(readPlace(storage), null);
    storage.setItem('netlab:workshop-place', 'not json');
    assert.equal(readPlace(storage), null);
    assert.equal(readPlace(null), null);
  });
});

describe('placeFrom', () => {
  test('returns the place of a link with the workshop id and #p=', () => {
    const url = new URL('http://x/workshop/learn/?id=w2#p=p2.t2');
    assert.deepEqual(placeFrom(url, PLACE), { workshopId: 'w2', participantId: 'p2', token: 't2' });
  });

  test('returns the stored workshop for a #p= link of the stored participant', () => {
    const url = new URL('http://x/workshop/learn/#p=p1.other');
    assert.deepEqual(placeFrom(url, PLACE), { ...PLACE, token: 'other' });
  });

  test('returns null for a #p= link without a workshop it can name', () => {
    assert.equal(placeFrom(new URL('http://x/workshop/learn/#p=p9.t'), PLACE), null);
  });

  test('returns the stored place when the link has none', () => {
    assert.deepEqual(placeFrom(new URL('http://x/workshop/learn/'), PLACE), PLACE);
    assert.equal(placeFrom(new URL('http://x/workshop/learn/'), null), null);
  });
});

describe('learnLink', () => {
  test('returns the reopenable link on the page of the language', () => {
    assert.equal(
      learnLink('http://x', '/zh-cn', PLACE),
      'http://x/zh-cn/workshop/learn/?id=w1#p=p1.tok',
    );
    const back = new URL(learnLink('http://x', '', PLACE));
    assert.deepEqual(placeFrom(back, null), PLACE);
  });
});
