// The web builder in Chromium against a real `duckmart serve` over a small generated database.
// Run by scripts/web-test.sh (which installs Chromium and the npm packages); `node --test` here.
//
// DUCKMART_CLI overrides how the CLI is started (default: dotnet run --project src/DuckMart.Cli --),
// for example DUCKMART_CLI="dotnet src/DuckMart.Cli/bin/Debug/net10.0/duckmart.dll".
// DUCKMART_WEB_URL points the test at a server already running instead (for working on the UI
// against dev/mock-server.mjs); scripts/web-test.sh never sets it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { launchOptions } from './browser.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'duckmart-web-'));
// The screenshots in docs/ are refreshed only on request (UPDATE_SCREENSHOTS=1), so that a test run
// leaves the working tree as it found it; otherwise they are still taken, into the scratch folder.
const shots = process.env.UPDATE_SCREENSHOTS ? path.join(repo, 'docs', 'screenshots') : path.join(work, 'screenshots');
const cliCommand = (process.env.DUCKMART_CLI ?? 'dotnet run --project src/DuckMart.Cli --').split(' ').filter(Boolean);

let server;
let serverLog = '';
let base;
let browser;
let page;

function cli(...args) {
  const [exe, ...pre] = cliCommand;
  execFileSync(exe, [...pre, ...args], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'], timeout: 600_000 });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`duckmart serve exited with ${server.exitCode}:\n${serverLog}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`duckmart serve did not answer at ${url} within ${ms / 1000} s:\n${serverLog}`);
}

async function apiCount(body) {
  const response = await fetch(`${base}/segments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ ...body, countOnly: true }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()).count;
}

/** The JSON the builder shows, which is what it sends. */
async function builderRequest() {
  return JSON.parse(await page.getByLabel('Segment JSON').inputValue());
}

async function waitForCount(state = 'ready') {
  await page.locator(`#count-card[data-state="${state}"]`).waitFor({ timeout: 60_000 });
}

/** Profile and users describe the current segment (not a previous one still on screen). */
async function waitForPanels() {
  await page.locator('#profile[data-state="ready"]').waitFor({ timeout: 60_000 });
  await page.locator('#users[data-state="ready"]').waitFor({ timeout: 60_000 });
}

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  if (process.env.DUCKMART_WEB_URL) {
    base = process.env.DUCKMART_WEB_URL.replace(/\/$/, '');
  } else {
    await startServer();
  }

  browser = await chromium.launch(launchOptions());
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', e => { serverLog += `\n[page error] ${e.message}`; });
});

async function startServer() {
  const csv = path.join(work, 'csv');
  const db = path.join(work, 'duckmart.duckdb');
  cli('generate', '--out', csv, '--users', '2000', '--seed', '7', '--now', '2025-12-31T00:00:00Z');
  assert.ok(fs.existsSync(path.join(csv, 'users.csv')), `duckmart generate wrote no ${csv}/users.csv`);
  cli('ingest', '--users', path.join(csv, 'users.csv'), '--events', path.join(csv, 'events.csv'), '--db', db);

  base = `http://127.0.0.1:${await freePort()}`;
  const [exe, ...pre] = cliCommand;
  server = spawn(exe, [...pre, 'serve', '--db', db, '--urls', base], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', d => { serverLog += d; });
  server.stderr.on('data', d => { serverLog += d; });
  await waitForServer(`${base}/`, 180_000);
  // The first query pays for JIT and DuckDB's first open; pay it here so the timings the
  // screenshots show are the steady ones.
  await apiCount({ where: { type: 'event', name: 'LOGIN' } });
}

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise(r => { server.once('exit', r); setTimeout(r, 5000); });
  }
  fs.rmSync(work, { recursive: true, force: true });
});

test('the builder is served at / with its modules', async () => {
  const html = await (await fetch(`${base}/`)).text();
  assert.match(html, /<title>DuckMart Segments/);
  const js = await fetch(`${base}/js/app.js`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type') ?? '', /javascript/);
});

test('a segment built by clicking counts exactly what the API counts', async () => {
  await page.goto(`${base}/`);
  // The data is generated with --now 2025-12-31T00:00:00Z: evaluating there gives the profile's
  // weekly activity something to show, and fixes the moment for both the builder and the API.
  await page.getByLabel('As of').fill('2025-12-31T00:00');
  const root = page.getByRole('group', { name: 'Segment root' });
  await root.getByRole('button', { name: 'Add attribute' }).click();
  const attribute = page.locator('[data-type="attribute"]').last();
  await attribute.getByLabel('Field').selectOption('location');
  await attribute.getByLabel('Operator').selectOption('eq');
  await attribute.getByLabel('Value', { exact: true }).fill('California');
  await root.getByRole('button', { name: 'Add event' }).last().click();
  const event = page.locator('[data-type="event"]').last();
  await event.getByLabel('Event name').fill('LOGIN');

  await waitForCount();
  const body = await builderRequest();
  assert.equal(body.asOf, '2025-12-31T00:00:00Z');
  assert.deepEqual(body.where, {
    type: 'and',
    of: [
      { type: 'attribute', field: 'location', op: 'eq', value: 'California' },
      { type: 'event', name: 'LOGIN' },
    ],
  });
  const shown = Number(await page.locator('#count').getAttribute('data-count'));
  assert.equal(shown, await apiCount(body));
  assert.ok(shown > 0, 'the sample data has Californians who logged in');
  assert.match(await page.locator('#count-detail').innerText(), /\d+ ms/);

  // Profile and users follow the count.
  await waitForPanels();
  await page.getByRole('region', { name: 'Age distribution' }).waitFor();
  const rows = page.getByRole('table', { name: 'Matching users' }).locator('tbody tr');
  await rows.first().waitFor({ timeout: 60_000 });
  assert.equal(await rows.count(), Math.min(shown, 25));
  assert.equal((await rows.first().locator('td').nth(4).innerText()).trim(), 'California');
  if (shown > 25) {
    // The next page starts after the last id of this one, and Previous comes back to the first.
    const firstId = await rows.first().locator('td').first().innerText();
    const lastId = Number(await rows.last().locator('td').first().innerText());
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByText(`26–${Math.min(shown, 50)} of ${shown}`).waitFor({ timeout: 60_000 });
    assert.ok(Number(await rows.first().locator('td').first().innerText()) > lastId);
    await page.getByRole('button', { name: '← Previous' }).click();
    await page.getByText(`1–25 of ${shown}`).waitFor({ timeout: 60_000 });
    assert.equal(await rows.first().locator('td').first().innerText(), firstId);
  }

  await page.screenshot({ path: path.join(shots, 'builder.png'), fullPage: true });
});

test('an invalid node shows the server\'s error on that node', async () => {
  const root = page.getByRole('group', { name: 'Segment root' });
  await root.getByRole('button', { name: 'Add attribute' }).last().click();
  const bad = page.locator('[data-type="attribute"]').last();
  await bad.getByLabel('Field').selectOption('age');
  await bad.getByLabel('Operator').selectOption('between');
  await bad.getByLabel('Value from').fill('40');
  await bad.getByLabel('Value to').fill('20');

  await waitForCount('invalid');
  const error = bad.locator('.node-error');
  await error.waitFor({ state: 'visible' });
  assert.ok((await error.innerText()).trim().length > 0);
  assert.equal(await bad.getByLabel('Value from').getAttribute('aria-invalid'), 'true');
  // Only that node is marked.
  assert.equal(await page.locator('.node.has-error').count(), 1);
  assert.equal(await page.locator('#count').getAttribute('data-count'), null);

  await bad.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'error.png') });

  await bad.getByRole('button', { name: 'Remove attribute' }).click();
  await waitForCount();
  assert.equal(await page.locator('.node.has-error').count(), 0);
});

test('the CSV download has the user_id header and one row per matching user', async () => {
  await waitForCount();
  const count = Number(await page.locator('#count').getAttribute('data-count'));
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const file = path.join(work, 'download.csv');
  await download.saveAs(file);
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(l => l.length > 0);
  assert.equal(lines[0], 'user_id');
  assert.equal(lines.length - 1, count);
  assert.ok(lines.slice(1).every(l => /^\d+$/.test(l)));
});

test('the SQL behind the segment is shown on request', async () => {
  await page.getByRole('button', { name: 'Show SQL' }).click();
  const sql = page.getByLabel('Segment SQL');
  await sql.filter({ hasText: /SELECT/i }).waitFor({ timeout: 60_000 });
  assert.match(await sql.innerText(), /users/i);
  await page.getByRole('button', { name: 'Hide SQL' }).click();
});

test('a segment is saved, referenced by a new segment, and deleted', async () => {
  const id = `web-test-${process.pid}`;
  await page.getByLabel('Segment id').fill(id);
  await page.getByLabel('Description').fill('Californians who logged in');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#saved-status', { hasText: `Saved ${id}.` }).waitFor({ timeout: 30_000 });
  const before = Number(await page.locator('#count').getAttribute('data-count'));

  // A new segment made only of a reference to the saved one has the same users.
  await page.getByLabel('Segment JSON').fill(JSON.stringify({ where: { type: 'segment', id } }));
  await page.getByRole('button', { name: 'Apply JSON' }).click();
  await page.locator('[data-type="segment"]').waitFor();
  await waitForCount();
  assert.equal(Number(await page.locator('#count').getAttribute('data-count')), before);
  assert.equal(await page.getByLabel('Saved segment id').inputValue(), id);

  // Round trip: what was applied is what the builder now sends.
  assert.deepEqual((await builderRequest()).where, { type: 'segment', id });

  await page.getByLabel('Saved segment to load').selectOption(id);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.locator('#saved-status', { hasText: `Deleted ${id}.` }).waitFor({ timeout: 30_000 });
  assert.equal((await fetch(`${base}/segments/${id}`)).status, 404);
});

test('a pasted spec round-trips into the visual tree and counts what the API counts', async () => {
  const where = {
    type: 'and',
    of: [
      { type: 'attribute', field: 'age', op: 'between', value: [25, 34] },
      {
        type: 'or',
        of: [
          { type: 'event', name: 'PURCHASE_MADE', count: { op: 'gte', value: 2 }, window: { last: 'P90D' } },
          { type: 'not', of: { type: 'event', name: 'LOGIN', last: { op: 'before', value: '-P30D' } } },
        ],
      },
      {
        type: 'sequence',
        window: { last: 'P180D' },
        steps: [{ name: 'VIEW_PRODUCT' }, { name: 'ADDED_TO_CART', within: 'PT1H' }, { name: 'PURCHASE_MADE', within: 'P1D', absent: true }],
      },
      { type: 'attribute', field: 'deviceType', op: 'in', value: ['ios', 'android'], ignoreCase: true },
    ],
  };
  await page.getByLabel('Segment JSON').fill(JSON.stringify({ where, asOf: '2025-12-31T00:00:00Z' }, null, 2));
  await page.getByRole('button', { name: 'Apply JSON' }).click();

  // Every node became controls (nothing fell back to raw JSON), and the JSON they produce is the same.
  await page.locator('[data-type="sequence"]').waitFor();
  assert.equal(await page.locator('[data-type="raw"]').count(), 0);
  assert.equal(await page.locator('[data-type="sequence"] li.step').count(), 3);
  assert.equal(await page.locator('[data-type="sequence"]').getByLabel('Step 3 absent').isChecked(), true);
  const body = await builderRequest();
  assert.deepEqual(body.where, where);

  await waitForCount();
  const count = Number(await page.locator('#count').getAttribute('data-count'));
  assert.equal(count, await apiCount(body));
  await waitForPanels();
  assert.match(await page.locator('.legend').innerText(), new RegExp(`${count.toLocaleString('en-US')} of`));
  await page.screenshot({ path: path.join(shots, 'complex.png'), fullPage: true });
});

test('axe finds no accessibility violations in a full tree', async () => {
  // Labels are what people with screen readers (and this test) find controls by.
  const axe = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axe });
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(
    violations.map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')})`),
    []);
});

// ---- issue 16: a new user's first hour ----------------------------------------------------------

/** A fresh builder with no asOf (the request's arrival), as a new user first sees it. */
async function freshBuilder() {
  await page.goto(`${base}/`);
  await page.locator('#dataset', { hasText: /events from/ }).waitFor({ timeout: 60_000 });
  return page.getByRole('group', { name: 'Segment root' });
}

test('the header says what the loaded data covers, and the suggestions are the data\'s own words', async () => {
  await freshBuilder();
  const vocabulary = await (await fetch(`${base}/dataset/vocabulary`)).json();
  const header = await page.locator('#dataset').innerText();
  assert.match(header, new RegExp(`${vocabulary.dataset.users.toLocaleString('en-US')} users`));
  assert.match(header, new RegExp(`to ${vocabulary.dataset.lastEvent.slice(0, 10)}`));

  const names = await page.locator('#event-names option').evaluateAll(os => os.map(o => o.value));
  assert.deepEqual(names, vocabulary.events.items.map(i => i.value));
  assert.ok(names.length > 0);
  const locations = await page.locator('#values-location option').evaluateAll(os => os.map(o => o.value));
  assert.deepEqual(locations, vocabulary.values.location.items.map(i => i.value));
  const js = await (await fetch(`${base}/js/catalog.js`)).text();
  assert.doesNotMatch(js, /COMMON_EVENTS/, 'no hard-coded event list is left');
});

test('"+ Attribute" counts nothing until its value is typed', async () => {
  const root = await freshBuilder();
  await root.getByRole('button', { name: 'Add attribute' }).click();
  const attribute = page.locator('[data-type="attribute"]').last();

  await page.locator('#count-detail', { hasText: 'Finish the condition to count it.' }).waitFor();
  assert.equal(await page.locator('#count-card').getAttribute('data-state'), 'empty');
  assert.deepEqual((await builderRequest()).where, { type: 'and', of: [] });
  assert.ok(await attribute.evaluate(el => el.classList.contains('unfinished')));
  assert.equal(await attribute.getByLabel('Value', { exact: true }).getAttribute('list'), 'values-location');

  await attribute.getByLabel('Value', { exact: true }).fill('California');
  await waitForCount();
  assert.ok(!(await attribute.evaluate(el => el.classList.contains('unfinished'))));
  assert.ok(Number(await page.locator('#count').getAttribute('data-count')) > 0);

  // A second, unfinished condition beside a finished one is left out and said to be.
  await root.getByRole('button', { name: 'Add attribute' }).last().click();
  await page.locator('#count-detail', { hasText: '1 unfinished condition not counted' }).waitFor({ timeout: 60_000 });
  assert.equal((await builderRequest()).where.of.length, 1);
});

test('a misspelled event name shows the did-you-mean warning on its node', async () => {
  const root = await freshBuilder();
  await page.getByLabel('As of').fill('2025-12-31T00:00');
  await root.getByRole('button', { name: 'Add event' }).click();
  await page.locator('[data-type="event"]').last().getByLabel('Event name').fill('LOGN');

  const warning = page.locator('[data-type="event"] .node-warning');
  await warning.waitFor({ state: 'visible', timeout: 60_000 });
  await waitForCount();
  assert.equal(await page.locator('#count').getAttribute('data-count'), '0');
  assert.equal(await warning.innerText(), "no event is named 'LOGN'; did you mean 'LOGIN'?");
  await page.screenshot({ path: path.join(shots, 'warning.png') });
});

test('a window after the data warns, and "end of data" sets an asOf that finds users', async () => {
  const root = await freshBuilder();
  await root.getByRole('button', { name: 'Add event' }).click();
  const event = page.locator('[data-type="event"]').last();
  await event.getByLabel('Event name').fill('LOGIN');
  await event.getByLabel('Window', { exact: true }).selectOption('last');
  await event.getByLabel('Window length').fill('P7D');

  // The sample data was generated with --now 2025-12-31: a week before the real now holds none of it.
  if (Date.now() > Date.parse('2026-01-08T00:00:00Z')) {
    await event.locator('.node-warning', { hasText: 'no loaded event lies in this window' }).waitFor({ state: 'visible', timeout: 60_000 });
    await waitForCount();
    assert.equal(await page.locator('#count').getAttribute('data-count'), '0');
  }

  await page.getByRole('button', { name: 'end of data' }).click();
  await waitForCount();
  const body = await builderRequest();
  assert.equal(body.asOf, '2025-12-31T00:00:00Z');
  assert.ok(Number(await page.locator('#count').getAttribute('data-count')) > 0);
  assert.equal(await event.locator('.node-warning').isHidden(), true);
});

test('a bad time zone or asOf marks that field with the message, not a raw pointer', async () => {
  const root = await freshBuilder();
  await root.getByRole('button', { name: 'Add event' }).click();
  await page.getByLabel('Time zone').fill('Mars/Base');
  await waitForCount('invalid');
  assert.equal(await page.getByLabel('Time zone').getAttribute('aria-invalid'), 'true');
  const zoneError = page.locator('#timezone-error');
  await zoneError.waitFor({ state: 'visible' });
  assert.match(await zoneError.innerText(), /time zone/);
  assert.doesNotMatch(await page.locator('#count-card').innerText(), /\/timezone/);

  await page.getByLabel('Time zone').fill('UTC');
  await page.getByLabel('As of').fill('1800-01-01T00:00');
  await waitForCount('invalid');
  assert.equal(await page.getByLabel('As of').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#as-of-error').innerText(), /asOf/);
  assert.equal(await page.getByLabel('Time zone').getAttribute('aria-invalid'), null);
  assert.doesNotMatch(await page.locator('#count-card').innerText(), /\/asOf/);

  await page.getByRole('button', { name: 'now' }).click();
  await waitForCount();
  assert.equal(await page.getByLabel('As of').getAttribute('aria-invalid'), null);
});

// ---- issue 14: segment dynamics ---------------------------------------------------------------

async function apiPost(url, body) {
  const response = await fetch(`${base}${url}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

async function downloadLines(button) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  const file = path.join(work, download.suggestedFilename());
  await download.saveAs(file);
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(l => l.length > 0);
}

test('size over time and entered / left since show what the dynamics endpoints answer, and download as CSV', async () => {
  // The question: "no login in 14 days", its size each day and week, who entered and left.
  const where = { type: 'event', name: 'LOGIN', count: { op: 'eq', value: 0 }, window: { last: 'P14D' } };
  await freshBuilder();
  await page.getByLabel('Segment JSON').fill(JSON.stringify({ where, asOf: '2025-12-31T00:00:00Z' }));
  await page.getByRole('button', { name: 'Apply JSON' }).click();
  await waitForCount();
  const count = Number(await page.locator('#count').getAttribute('data-count'));

  // 30 days daily: 31 points, the last one the count shown, each the API's.
  const sizes = page.locator('#sizes');
  await page.locator('#sizes[data-state="ready"]').waitFor({ timeout: 120_000 });
  const daily = await apiPost('/segments/sizes', { where, from: '2025-12-01T00:00:00Z', to: '2025-12-31T00:00:00Z', every: 'P1D' });
  const dots = sizes.locator('circle.dot');
  assert.equal(await dots.count(), 31);
  assert.deepEqual(await dots.evaluateAll(ds => ds.map(d => Number(d.dataset.count))), daily.points.map(p => p.count));
  assert.equal(daily.points.at(-1).count, count);
  assert.ok(new Set(daily.points.map(p => p.count)).size > 1, 'a relative window moves the size from day to day');
  const sizeLines = await downloadLines(page.getByRole('button', { name: 'Download sizes CSV' }));
  assert.equal(sizeLines[0], 'as_of,count');
  assert.deepEqual(sizeLines.slice(1), daily.points.map(p => `${p.asOf},${p.count}`));

  // 90 days weekly: 13 points ending at asOf.
  await page.getByLabel('Size range').selectOption('90');
  await page.getByLabel('Size step').selectOption('7');
  await page.locator('#sizes[data-state="ready"] svg[data-points="13"]').waitFor({ timeout: 120_000 });
  const weekly = await apiPost('/segments/sizes', { where, from: '2025-10-08T00:00:00Z', to: '2025-12-31T00:00:00Z', every: 'P7D' });
  assert.deepEqual(await dots.evaluateAll(ds => ds.map(d => Number(d.dataset.count))), weekly.points.map(p => p.count));

  // Entered / left in the 7 days before asOf: the counts and the first IDs are the API's; the CSV has every ID.
  await page.locator('#changes[data-state="ready"]').waitFor({ timeout: 120_000 });
  const changes = await apiPost('/segments/changes', { where, from: '2025-12-24T00:00:00Z', to: '2025-12-31T00:00:00Z', limit: 1_000_000 });
  const entered = page.getByRole('region', { name: 'Entered users' });
  const left = page.getByRole('region', { name: 'Left users' });
  assert.equal(Number(await entered.getAttribute('data-count')), changes.entered.count);
  assert.equal(Number(await left.getAttribute('data-count')), changes.left.count);
  assert.ok(changes.entered.count + changes.left.count > 0, 'someone moved in a week');
  if (changes.entered.count > 0) {
    assert.match(await entered.locator('.ids').innerText(), new RegExp(`^${changes.entered.userIds.slice(0, 10).join(', ')}`));
    const lines = await downloadLines(entered.getByRole('button', { name: 'Download entered CSV' }));
    assert.deepEqual(lines, ['user_id', ...changes.entered.userIds.map(String)]);
  }
  if (changes.left.count > 0) {
    const lines = await downloadLines(left.getByRole('button', { name: 'Download left CSV' }));
    assert.deepEqual(lines, ['user_id', ...changes.left.userIds.map(String)]);
  }
  assert.equal(changes.countTo, count);

  // A longer "since" asks again.
  await page.getByLabel('Changes since').selectOption('30');
  await page.locator('#changes[data-state="ready"]').waitFor({ timeout: 120_000 });
  const month = await apiPost('/segments/changes', { where, from: '2025-12-01T00:00:00Z', to: '2025-12-31T00:00:00Z', limit: 1 });
  await page.waitForFunction(n => document.querySelector('[aria-label="Entered users"]')?.dataset.count === String(n), month.entered.count, { timeout: 60_000 });

  await page.getByLabel('Size range').selectOption('30');
  await page.getByLabel('Size step').selectOption('1');
  await page.locator('#sizes[data-state="ready"] svg[data-points="31"]').waitFor({ timeout: 120_000 });
  await page.locator('.col-side').screenshot({ path: path.join(shots, 'dynamics.png') });
});
