// Refused queries: a client gets a 400 it can read, as problem+json with an OData-style error member.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson } from './client.mjs';

test('$top past the limit is a 400 that says so', async () => {
  const { status, contentType, body } = await getJson('/odata/Users?$top=100001');
  assert.equal(status, 400);
  assert.match(contentType, /application\/problem\+json/);
  assert.equal(body.status, 400);
  assert.match(body.error.message, /Top/);
});

test('a malformed $filter is a 400, not a 500', async () => {
  const { status, body } = await getJson(`/odata/Users?$filter=${encodeURIComponent('age gt')}`);
  assert.equal(status, 400);
  assert.equal(body.error.code, 'invalid_odata_query');
});
