// What the spec allows (CONTRACT.md section 3). The user attributes, their kinds, operators and bounds come from
// the server (GET /segments/schema/fields, DuckMart.Segments.Spec.FieldCatalog), so the builder offers only what
// the server accepts and keeps no list of fields of its own.

const KINDS = { integer: 'int', string: 'str', date: 'date' };

// Filled in place, so that every module importing them sees the server's list.
export const FIELDS = [];
export const OPS_BY_KIND = {};

/** Takes the server's field list (the body of GET /segments/schema/fields). */
export function useFields(served) {
  FIELDS.splice(0, FIELDS.length, ...served.map(f => ({
    name: f.name, label: f.label, kind: KINDS[f.kind] ?? 'str', min: f.min ?? undefined, max: f.max ?? undefined,
  })));
  for (const f of served) OPS_BY_KIND[KINDS[f.kind] ?? 'str'] = f.operators;
}

async function loadFields() {
  const response = await fetch('/segments/schema/fields', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /segments/schema/fields: HTTP ${response.status}`);
  return response.json();
}

// In the browser every module that imports this one waits for the list; the Node tests of tree.js, with no
// server, call useFields with the same body (tests/web/fields.json, checked against the endpoint by Api.Tests).
if (globalThis.location) useFields(await loadFields());

export const OP_LABELS = {
  eq: 'is', neq: 'is not', in: 'is one of', notIn: 'is none of',
  gt: 'is greater than', gte: 'is at least', lt: 'is less than', lte: 'is at most', between: 'is between',
  contains: 'contains', startsWith: 'starts with', endsWith: 'ends with',
  isNull: 'is empty', isNotNull: 'is not empty', inLast: 'is in the last',
};

export const COUNT_OPS = ['gte', 'gt', 'eq', 'neq', 'lte', 'lt', 'between'];
export const COUNT_OP_LABELS = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', between: 'between' };
export const TIME_OPS = ['before', 'after', 'between'];

export const MEASURES = [
  ['none', 'at least once'],
  ['count', 'number of times'],
  ['distinctDays', 'on how many days'],
  ['first', 'first time'],
  ['last', 'last time'],
];

export function fieldKind(name) {
  return FIELDS.find(f => f.name === name)?.kind ?? 'str';
}

/** How many values an operator takes and in what shape. */
export function valueShape(op) {
  if (op === 'isNull' || op === 'isNotNull') return 'none';
  if (op === 'in' || op === 'notIn') return 'list';
  if (op === 'between') return 'two';
  if (op === 'inLast') return 'duration';
  return 'one';
}
