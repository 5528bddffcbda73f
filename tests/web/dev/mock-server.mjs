// A throwaway stand-in for `duckmart serve`, for working on the builder's look and behaviour before
// the real endpoints exist on this branch. It serves the real wwwroot and answers the same routes with
// made-up users. Nothing tests against it: the browser test (../builder.test.mjs) targets the real server.
//
//   node tests/web/dev/mock-server.mjs [port]     then open http://127.0.0.1:5099/

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/DuckMart.Api/Web/wwwroot');
const port = Number(process.argv[2] ?? 5099);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

// Seeded users, so screenshots look the same from run to run.
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = list => list[Math.floor(rand() * list.length)];
const states = ['California', 'Texas', 'New York', 'Florida', 'Ohio', 'Washington', 'Georgia', 'Illinois', 'Oregon', 'Utah', 'Nevada', 'Maine', 'Iowa'];
const events = ['LOGIN', 'VIEW_PRODUCT', 'ADDED_TO_CART', 'PURCHASE_MADE', 'LOGOUT'];
const names = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun'];
const users = Array.from({ length: 2000 }, (_, i) => ({
  userId: i + 1,
  name: `${pick(names)} ${pick(['Smith', 'Lee', 'Garcia', 'Khan', 'Novak'])}`,
  age: rand() < 0.03 ? null : 14 + Math.floor(rand() * 60),
  gender: pick(['Female', 'Male', 'Non-binary', null]),
  location: rand() < 0.25 ? 'California' : pick(states),
  signupDate: `202${Math.floor(rand() * 5)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
  subscriptionPlan: pick(['Free', 'Basic', 'Premium']),
  deviceType: pick(['iOS', 'Android', 'Web']),
  events: Object.fromEntries(events.map(e => [e, Math.floor(rand() * rand() * 12)])),
}));
const saved = new Map();

function evaluate(c, u, p, errors) {
  switch (c?.type) {
    case 'and': return c.of.map((x, i) => evaluate(x, u, `${p}/of/${i}`, errors)).every(Boolean);
    case 'or': return c.of.map((x, i) => evaluate(x, u, `${p}/of/${i}`, errors)).some(Boolean);
    case 'not': return !evaluate(c.of, u, `${p}/of`, errors);
    case 'attribute': {
      const v = u[c.field];
      const val = c.value;
      if (c.op === 'between' && Array.isArray(val) && val[0] > val[1]) errors.set(`${p}/value`, 'between needs its lower bound first: [lo, hi].');
      if (c.field === 'age' && val !== undefined && [].concat(val).some(x => typeof x !== 'number')) errors.set(`${p}/value`, 'age takes whole numbers.');
      const eq = (a, b) => (c.ignoreCase ? String(a).toLowerCase() === String(b).toLowerCase() : a === b);
      switch (c.op) {
        case 'eq': return v !== null && eq(v, val);
        case 'neq': return v === null || !eq(v, val);
        case 'in': return v !== null && val.some(x => eq(v, x));
        case 'notIn': return v === null || !val.some(x => eq(v, x));
        case 'gt': return v !== null && v > val;
        case 'gte': return v !== null && v >= val;
        case 'lt': return v !== null && v < val;
        case 'lte': return v !== null && v <= val;
        case 'between': return v !== null && v >= val[0] && v <= val[1];
        case 'contains': return v !== null && String(v).includes(val);
        case 'isNull': return v === null;
        case 'isNotNull': return v !== null;
        default: return (u.userId % 3) === 0;
      }
    }
    case 'event': {
      const n = c.name ? u.events[c.name.toUpperCase()] ?? 0 : Object.values(u.events).reduce((a, b) => a + b, 0);
      const m = c.count ?? c.distinctDays;
      if (!m) return c.first || c.last ? n > 0 && u.userId % 2 === 0 : n >= 1;
      const cmp = { eq: n === m.value, neq: n !== m.value, gt: n > m.value, gte: n >= m.value, lt: n < m.value, lte: n <= m.value };
      return m.op === 'between' ? n >= m.value[0] && n <= m.value[1] : cmp[m.op];
    }
    case 'sequence': return c.steps.every(s => (u.events[s.name] ?? 0) > 0 !== (s.absent === true));
    case 'segment':
      if (!saved.has(c.id)) { errors.set(`${p}/id`, `There is no saved segment '${c.id}'.`); return false; }
      return evaluate(saved.get(c.id).where, u, p, new Map());
    default:
      errors.set(p, `Unknown condition type '${c?.type}'.`);
      return false;
  }
}

function run(body) {
  const errors = new Map();
  const matched = users.filter(u => evaluate(body.where, u, '/where', errors));
  return { matched, errors: [...errors].map(([pointer, message]) => ({ pointer, code: 'invalid', message })) };
}

function profileOf(matched) {
  const dim = (field, label, key) => {
    const keys = [...new Set(users.map(key))].sort();
    return { field, label, buckets: keys.map(k => ({ key: k, segment: matched.filter(u => key(u) === k).length, all: users.filter(u => key(u) === k).length })) };
  };
  const band = u => (u.age === null ? 'unknown' : u.age < 18 ? '<18' : u.age < 25 ? '18-24' : u.age < 35 ? '25-34' : u.age < 45 ? '35-44' : u.age < 55 ? '45-54' : u.age < 65 ? '55-64' : '65+');
  const start = Date.parse('2025-10-08T00:00:00Z');
  return {
    asOf: '2025-12-31T00:00:00Z', timezone: 'UTC', count: matched.length, total: users.length,
    dimensions: [
      dim('age', 'Age', band), dim('location', 'Location', u => u.location), dim('subscriptionPlan', 'Subscription plan', u => u.subscriptionPlan),
      dim('deviceType', 'Device', u => u.deviceType), dim('gender', 'Gender', u => u.gender ?? 'unknown'),
    ],
    activity: Array.from({ length: 12 }, (_, w) => ({
      start: new Date(start + w * 7 * 864e5).toISOString(),
      segment: Math.round(matched.length * (0.6 + 0.4 * Math.sin(w / 2))), all: users.length,
    })),
  };
}

const send = (res, status, body, type = 'application/json') => {
  res.writeHead(status, { 'Content-Type': type });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
};
const problem = (res, errors) => send(res, 400, { status: 400, title: 'Invalid segment', errors }, 'application/problem+json');

http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  let raw = '';
  for await (const chunk of req) raw += chunk;
  const body = raw ? JSON.parse(raw) : null;
  await new Promise(r => setTimeout(r, 60));

  if (req.method === 'POST' && ['/segments', '/segments/profile', '/segments/users'].includes(url.pathname)) {
    const { matched, errors } = run(body);
    if (errors.length) return problem(res, errors);
    if (url.pathname === '/segments/profile') return send(res, 200, profileOf(matched));
    if (url.pathname === '/segments/users') {
      const after = Number(body.cursor ?? 0);
      const page = matched.filter(u => u.userId > after).slice(0, body.limit ?? 50);
      const more = matched.some(u => u.userId > (page.at(-1)?.userId ?? Infinity));
      return send(res, 200, { count: matched.length, users: page.map(({ events: _, ...u }) => u), nextCursor: more ? String(page.at(-1).userId) : null });
    }
    if ((req.headers.accept ?? '').includes('text/csv')) return send(res, 200, `user_id\n${matched.map(u => u.userId).join('\n')}\n`, 'text/csv');
    const answer = { count: matched.length, asOf: '2025-12-31T00:00:00Z' };
    if (body.explain) Object.assign(answer, { sql: 'SELECT u.user_id FROM users u WHERE /* mock */ TRUE ORDER BY u.user_id', parameters: { p1: 'California' } });
    if (!body.countOnly) answer.userIds = matched.map(u => u.userId);
    return send(res, 200, answer);
  }
  // The server's field list, from the fixture the Node tests use (kept equal to the endpoint by Api.Tests).
  if (url.pathname === '/segments/schema/fields') return send(res, 200, fs.readFileSync(new URL('../fields.json', import.meta.url)));
  if (url.pathname === '/segments' && req.method === 'GET') return send(res, 200, [...saved].map(([id, d]) => ({ id, ...d })));
  const one = url.pathname.match(/^\/segments\/([a-z0-9][a-z0-9_-]{0,63})$/);
  if (one) {
    const id = one[1];
    if (req.method === 'PUT') { saved.set(id, body); return send(res, 200, { id, ...body }); }
    if (!saved.has(id)) return send(res, 404, { status: 404, title: 'Not found' }, 'application/problem+json');
    if (req.method === 'GET') return send(res, 200, { id, ...saved.get(id) });
    if (req.method === 'DELETE') { saved.delete(id); res.writeHead(204); return res.end(); }
  }
  const file = path.join(root, url.pathname === '/' ? 'index.html' : url.pathname);
  if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile()) return send(res, 200, fs.readFileSync(file), types[path.extname(file)] ?? 'application/octet-stream');
  send(res, 404, { status: 404, title: 'Not found' });
}).listen(port, '127.0.0.1', () => console.log(`mock DuckMart on http://127.0.0.1:${port}/`));
