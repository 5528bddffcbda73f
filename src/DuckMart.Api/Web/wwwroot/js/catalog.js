// What the spec allows (CONTRACT.md section 3), mirrored from DuckMart.Segments.Spec.FieldCatalog so that
// the builder offers only operators the server accepts for each field's kind.

export const FIELDS = [
  { name: 'userId', label: 'User ID', kind: 'int' },
  { name: 'name', label: 'Name', kind: 'str' },
  { name: 'age', label: 'Age', kind: 'int' },
  { name: 'gender', label: 'Gender', kind: 'str' },
  { name: 'location', label: 'Location', kind: 'str' },
  { name: 'signupDate', label: 'Signup date', kind: 'date' },
  { name: 'subscriptionPlan', label: 'Subscription plan', kind: 'str' },
  { name: 'deviceType', label: 'Device type', kind: 'str' },
];

const ALL = ['eq', 'neq', 'in', 'notIn', 'isNull', 'isNotNull'];
const ORDERED = ['gt', 'gte', 'lt', 'lte', 'between'];
const TEXT = ['contains', 'startsWith', 'endsWith'];

export const OPS_BY_KIND = {
  int: [...ALL, ...ORDERED],
  str: [...ALL, ...TEXT],
  date: [...ALL, ...ORDERED, 'inLast'],
};

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
