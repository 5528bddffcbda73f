// Server-driven paging and the service's description, as a generic OData client sees them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, userIds } from './client.mjs';

test('nextLinks lead through every user exactly once', async () => {
  const ids = await userIds({ orderBy: 'userId' }, { Prefer: 'odata.maxpagesize=3' });
  assert.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('a page announces its next link and honours the preferred size', async () => {
  const { status, body } = await getJson('/odata/Users?$select=userId', { Prefer: 'odata.maxpagesize=3' });
  assert.equal(status, 200);
  assert.equal(body.value.length, 3);
  assert.match(body['@odata.nextLink'], /\$skiptoken=/);
});

test('$metadata names the properties in camelCase', async () => {
  const response = await fetch(`${process.env.BASE_URL}/odata/$metadata`);
  const xml = await response.text();
  assert.equal(response.status, 200);
  assert.match(xml, /Name="signupDate" Type="Edm.Date"/);
  assert.match(xml, /Name="timestamp" Type="Edm.DateTimeOffset"/);
  assert.match(xml, /NavigationProperty Name="events"/);
});
