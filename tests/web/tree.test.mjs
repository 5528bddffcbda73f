// The builder's pure modules, without a browser: the JSON <-> tree round trip and the mapping of
// error pointers onto nodes. The examples are CONTRACT.md section 3's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useFields } from '../../src/DuckMart.Api/Web/wwwroot/js/catalog.js';
import * as tree from '../../src/DuckMart.Api/Web/wwwroot/js/tree.js';
import { placeErrors } from '../../src/DuckMart.Api/Web/wwwroot/js/pointers.js';
import { toAsOf, fromAsOf } from '../../src/DuckMart.Api/Web/wwwroot/js/asof.js';

// The server's field list (GET /segments/schema/fields; FieldsEndpointTests keeps this copy equal to it).
useFields(JSON.parse(fs.readFileSync(new URL('./fields.json', import.meta.url), 'utf8')));

const contractExamples = [
  { type: 'attribute', field: 'location', op: 'eq', value: 'California' },
  { type: 'attribute', field: 'deviceType', op: 'in', value: ['iOS', 'Android'], ignoreCase: true },
  { type: 'attribute', field: 'signupDate', op: 'inLast', value: 'P30D' },
  { type: 'attribute', field: 'age', op: 'between', value: [25, 34] },
  { type: 'attribute', field: 'gender', op: 'isNull' },
  { type: 'event', name: 'LOGIN' },
  { type: 'event', name: 'PURCHASE_MADE', count: { op: 'gte', value: 3 }, window: { last: 'P30D' } },
  { type: 'event', name: 'LOGIN', count: { op: 'eq', value: 0 }, window: { last: 'P14D' } },
  { type: 'event', name: 'LOGIN', distinctDays: { op: 'gte', value: 5 }, window: { last: 'P30D' } },
  { type: 'event', name: 'PURCHASE_MADE', first: { op: 'after', value: '-P7D' } },
  { type: 'event', name: 'LOGIN', last: { op: 'before', value: '-P30D' } },
  { type: 'event', count: { op: 'between', value: [2, 5] }, window: { from: '2025-06-01', to: '2025-07-01' } },
  {
    type: 'sequence', window: { last: 'P30D' },
    steps: [{ name: 'VIEW_PRODUCT' }, { name: 'ADDED_TO_CART', within: 'PT1H' }, { name: 'PURCHASE_MADE', within: 'P1D', absent: true }],
  },
  { type: 'segment', id: 'power-users' },
  { type: 'not', of: { type: 'or', of: [{ type: 'event', name: 'LOGIN' }, { type: 'attribute', field: 'age', op: 'gte', value: 65 }] } },
];

for (const example of contractExamples) {
  test(`round trip keeps ${JSON.stringify(example).slice(0, 70)}`, () => {
    const node = tree.fromSpec(example);
    assert.notEqual(node.type, 'raw', 'the builder has controls for every contract example');
    assert.deepEqual(tree.toSpec(node), example);
  });
}

test('what the controls cannot show is kept verbatim as a raw node', () => {
  const odd = [
    { type: 'teleport', to: 'Mars' },
    { type: 'attribute', field: 'age', op: 'eq', value: '40' }, // a string where a number belongs
    { type: 'event', name: 'LOGIN', count: { op: 'gte', value: 1 }, first: { op: 'after', value: '-P1D' } }, // two measures
  ];
  const node = tree.fromSpec({ type: 'and', of: odd });
  assert.deepEqual(node.children.map(c => c.type), ['raw', 'raw', 'raw']);
  assert.deepEqual(tree.toSpec(node), { type: 'and', of: odd });
});

test('typed text becomes a number only for integer fields and integer text', () => {
  const age = tree.attribute('age', 'between');
  age.v1 = ' 40 ';
  age.v2 = 'forty';
  assert.deepEqual(tree.toSpec(age).value, [40, 'forty']);
  const name = tree.attribute('name', 'in');
  name.list = '7, Ann ,, Bob';
  assert.deepEqual(tree.toSpec(name).value, ['7', 'Ann', 'Bob']);
});

test('removing the root leaves an empty AND group; removing a child leaves its siblings', () => {
  const a = tree.attribute();
  const b = tree.event('LOGIN');
  const root = tree.group('and', [a, b]);
  assert.deepEqual(tree.removeNode(root, a.id).children, [b]);
  const empty = tree.removeNode(root, root.id);
  assert.equal(empty.type, 'and');
  assert.ok(tree.isEmpty(empty));
});

test('an error pointer lands on the deepest node it is inside, naming the control at fault', () => {
  const bad = tree.event('LOGIN');
  const seq = tree.sequence();
  const texas = tree.attribute();
  texas.v1 = 'Texas'; // finished: an unfinished one would be left out of the request, and the pointers with it
  const root = tree.group('and', [texas, tree.group('or', [bad]), seq]);
  const pointers = new Map();
  tree.toSpec(root, '/where', pointers);

  const { byNode, unplaced } = placeErrors([
    { pointer: '/where/of/1/of/0/count/value', code: 'expected_integer', message: 'whole number' },
    { pointer: '/where/of/2/steps/1/within', code: 'bad_duration', message: 'duration' },
    { pointer: '/where/of', code: 'x', message: 'on the root' },
    { pointer: '/timezone', code: 'unknown_timezone', message: 'zone' },
  ], pointers);

  assert.equal(byNode.get(bad.id)[0].control, 'count');
  const stepError = byNode.get(seq.id)[0];
  assert.equal(stepError.stepId, seq.steps[1].id);
  assert.equal(stepError.control, 'within');
  assert.equal(byNode.get(root.id)[0].message, 'on the root');
  assert.deepEqual(unplaced.map(e => e.pointer), ['/timezone']);
});

test('an unfinished condition is left out of the request, and the pointers follow what is sent', () => {
  const blank = tree.attribute(); // what "+ Attribute" adds: location eq ""
  const login = tree.event('LOGIN');
  const root = tree.group('and', [blank, login]);
  assert.equal(tree.isFinished(blank), false);
  assert.equal(tree.isFinished(root), true);
  assert.deepEqual(tree.unfinishedLeaves(root), [blank]);
  const pointers = new Map();
  assert.deepEqual(tree.toSpec(root, '/where', pointers), { type: 'and', of: [{ type: 'event', name: 'LOGIN' }] });
  assert.equal(pointers.get('/where/of/0').nodeId, login.id);

  blank.v1 = 'California';
  assert.deepEqual(tree.toSpec(root).of.length, 2);
  assert.equal(tree.isFinished(tree.group('and', [tree.attribute()])), false, 'a group of only unfinished conditions counts nothing');
});

test('unfinished means a value, a number or a name still to type', () => {
  const between = tree.attribute('age', 'between');
  between.v1 = '20';
  assert.equal(tree.isFinished(between), false);
  assert.equal(tree.isFinished(tree.attribute('gender', 'isNull')), true);
  const counted = tree.event('LOGIN');
  counted.measure = 'count';
  assert.equal(tree.isFinished(counted), false);
  counted.m1 = '3';
  assert.equal(tree.isFinished(counted), true);
  counted.window.mode = 'last';
  counted.window.last = ' ';
  assert.equal(tree.isFinished(counted), false);
  assert.equal(tree.isFinished(tree.event('')), true, 'no name is any event');
  assert.equal(tree.isFinished(tree.segmentRef('')), false);
  assert.equal(tree.isFinished(tree.not(tree.attribute())), false);
});

test('the As of picker is a wall time in the request zone, sent as an instant with its offset', () => {
  assert.equal(toAsOf('2025-12-31T00:00', 'UTC'), '2025-12-31T00:00:00Z');
  assert.equal(toAsOf('2025-12-31T00:00', 'America/New_York'), '2025-12-31T00:00:00-05:00');
  assert.equal(toAsOf('2025-07-01T09:30:15', 'Europe/Paris'), '2025-07-01T09:30:15+02:00');
  assert.equal(toAsOf('2025-12-31T00:00', 'Asia/Kolkata'), '2025-12-31T00:00:00+05:30');
  assert.equal(toAsOf('', 'UTC'), '');
  assert.equal(toAsOf('2025-12-31T00:00', 'Mars/Base'), '2025-12-31T00:00:00Z', 'the server reports the zone');

  assert.equal(fromAsOf('2025-12-31T05:00:00Z', 'America/New_York'), '2025-12-31T00:00');
  assert.equal(fromAsOf('2025-12-31', 'Asia/Tokyo'), '2025-12-31T00:00');
  assert.equal(fromAsOf('2025-12-31T00:00:07Z', 'UTC'), '2025-12-31T00:00:07');
  assert.equal(fromAsOf('yesterday', 'UTC'), '');
});
