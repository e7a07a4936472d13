import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readDeepLink, resolveDeepLink } from '../../../src/client/deep-link.ts';

const K8S = [
  { lab: 'k8s-pods', tasks: ['make-pods', 'ping-pods'] },
  { lab: 'k8s-services', tasks: ['make-service', 'curl-service'] },
];

describe('readDeepLink', () => {
  test('returns the lab and task of the query string', () => {
    assert.deepEqual(readDeepLink('?lab=bridge&task=run-busybox1'), {
      lab: 'bridge',
      task: 'run-busybox1',
    });
    assert.deepEqual(readDeepLink('?embed&task=look-at-bridge'), {
      lab: null,
      task: 'look-at-bridge',
    });
  });

  test('returns null when the query names neither, or only values that are not ids', () => {
    assert.equal(readDeepLink(''), null);
    assert.equal(readDeepLink('?embed'), null);
    assert.equal(readDeepLink('?lab=%3Cscript%3E&task=a%20b'), null);
    assert.equal(readDeepLink(`?lab=${'x'.repeat(65)}`), null);
  });
});

describe('resolveDeepLink', () => {
  test('returns the named lab of the page and its task', () => {
    assert.deepEqual(resolveDeepLink({ lab: 'k8s-services', task: 'curl-service' }, K8S), {
      lab: 'k8s-services',
      task: 'curl-service',
      unknownTask: false,
    });
  });

  test('returns the lab that has the task when the link names only a task', () => {
    assert.equal(resolveDeepLink({ lab: null, task: 'make-service' }, K8S)?.lab, 'k8s-services');
  });

  test('returns the lab with unknownTask when it has no such task', () => {
    assert.deepEqual(resolveDeepLink({ lab: 'k8s-pods', task: 'nope' }, K8S), {
      lab: 'k8s-pods',
      task: 'nope',
      unknownTask: true,
    });
    assert.equal(resolveDeepLink({ lab: null, task: 'nope' }, K8S)?.lab, 'k8s-pods');
  });

  test('returns null for a lab that is not on the page, or a page without labs', () => {
    assert.equal(resolveDeepLink({ lab: 'bridge', task: null }, K8S), null);
    assert.equal(resolveDeepLink({ lab: null, task: 'make-pods' }, []), null);
  });
});
