// $filter written with odata-query objects, checked for the exact users of the sample database (TestDatabase.cs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildQuery, getJson, userIds } from './client.mjs';

test('Californians who logged in, with $count', async () => {
  const query = buildQuery({
    select: ['userId'],
    filter: { location: 'California', events: { any: { eventName: 'LOGIN' } } },
    count: true,
  });
  const { status, body } = await getJson(`/odata/Users${query}`);
  assert.equal(status, 200);
  assert.equal(body['@odata.count'], 3);
  assert.deepEqual(body.value.map((u) => u.userId), [1, 2, 6]);
});

test('age between 25 and 34', async () => {
  assert.deepEqual(await userIds({ filter: { age: { ge: 25, le: 34 } } }), [1, 5, 6, 8]);
});

test('location in a list', async () => {
  assert.deepEqual(await userIds({ filter: { location: { in: ['Texas', 'New York'] } } }), [3, 4, 7, 8]);
});

test('only ever logged in (all), including users with no events', async () => {
  assert.deepEqual(await userIds({ filter: { events: { all: { eventName: 'LOGIN' } } } }), [4, 8]);
});

test('an event since a JavaScript Date (UTC instant)', async () => {
  const since = new Date('2025-01-01T00:00:00Z');
  assert.deepEqual(await userIds({ filter: { events: { any: { timestamp: { ge: since } } } } }), [1, 2, 3, 5, 6, 7]);
});

test('logged in at least three times ($count in a raw filter string)', async () => {
  assert.deepEqual(await userIds({ filter: "events/$count($filter=eventName eq 'LOGIN') ge 3" }), [1, 6]);
});

test('a name with a quote is escaped by the builder', async () => {
  assert.deepEqual(await userIds({ filter: { name: "Finn O'Brien" } }), [6]);
});
