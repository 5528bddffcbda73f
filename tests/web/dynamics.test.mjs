// The dynamics panel's pure parts, without a browser: where a series and a change start and end, and the CSV
// the panel builds (CONTRACT.md section 5 has no CSV form of these endpoints).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endOf, sizesBody, changesBody, csv } from '../../src/DuckMart.Api/Web/wwwroot/js/dynamics.js';

const where = { type: 'event', name: 'LOGIN', count: { op: 'eq', value: 0 }, window: { last: 'P14D' } };

test('a series ends at asOf and goes back a whole number of steps', () => {
  const end = endOf({ where, asOf: '2025-12-31T00:00:00Z' });
  assert.deepEqual(sizesBody({ where }, end, 30, 1),
    { where, from: '2025-12-01T00:00:00.000Z', to: '2025-12-31T00:00:00.000Z', every: 'P1D' });
  // 90 days weekly: 12 weeks back, so the last point is still asOf (13 points).
  assert.equal(sizesBody({ where }, end, 90, 7).from, '2025-10-08T00:00:00.000Z');
  assert.equal(sizesBody({ where, timezone: 'Europe/Berlin' }, end, 30, 7).timezone, 'Europe/Berlin');
});

test('asOf as an offset instant or a date in the zone, and now when it is empty', () => {
  assert.equal(endOf({ asOf: '2025-12-31T00:00:00-05:00' }).toISOString(), '2025-12-31T05:00:00.000Z');
  assert.equal(endOf({ asOf: '2025-07-01', timezone: 'Europe/Berlin' }).toISOString(), '2025-06-30T22:00:00.000Z');
  assert.equal(endOf({}, Date.parse('2026-01-02T03:04:05Z')).toISOString(), '2026-01-02T03:04:05.000Z');
});

test('changes run from so many days before asOf to asOf with the limit asked', () => {
  const body = changesBody({ where, timezone: 'UTC' }, new Date('2025-12-31T00:00:00Z'), 7, 10);
  assert.deepEqual(body, { where, from: '2025-12-24T00:00:00.000Z', to: '2025-12-31T00:00:00.000Z', limit: 10, timezone: 'UTC' });
});

test('the CSV has its header and one CRLF line a row', () => {
  assert.equal(csv(['user_id'], [[3], [17]]), 'user_id\r\n3\r\n17\r\n');
  assert.equal(csv(['as_of', 'count'], []), 'as_of,count\r\n');
});
