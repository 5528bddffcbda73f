// Wires the page: the tree, the live JSON, the debounced count, profile and users, saved segments,
// CSV and SQL. Every server call for one state of the segment shares an AbortController, so a
// slow answer for an old segment never overwrites a newer one.

import * as api from './api.js';
import * as tree from './tree.js';
import { renderBuilder, showErrors, showWarnings, markUnfinished } from './builder.js';
import { placeErrors } from './pointers.js';
import { renderProfile } from './profile.js';
import { renderUsers } from './users.js';
import { loadVocabulary, describe, fillSuggestions } from './dataset.js';
import { toAsOf, fromAsOf } from './asof.js';
import { createDynamics } from './dynamics.js';
import { h, debounce, formatNumber, downloadBlob } from './dom.js';

const PAGE_SIZE = 25;
const $ = id => document.getElementById(id);

const state = {
  root: tree.group('and'),
  saved: [],
  pointers: new Map(),
  jsonDirty: false,
  controller: null,
  cursors: [null],
  pageIndex: 0,
  lastRequest: null,
  vocabulary: null,
};

/** The request's own fields, marked on their inputs when the server finds fault with them. */
const SETTINGS = { '/asOf': 'as-of', '/timezone': 'timezone' };

const dynamics = createDynamics({ sizes: $('sizes'), changes: $('changes'), fileName: () => fileName() });

const ctx = {
  get root() { return state.root; },
  get saved() { return state.saved; },
  get vocabulary() { return state.vocabulary; },
  setRoot(node) { state.root = node; },
  changed(structural) {
    if (structural) render();
    else markUnfinished($('builder'), state.root);
    syncJson();
    markStale();
    scheduleRefresh();
  },
};

function render() {
  renderBuilder($('builder'), ctx);
}

/** The body shared by every call: the where clause, and asOf / timezone when set. */
function request() {
  state.pointers = new Map();
  const body = { where: tree.toSpec(state.root, '/where', state.pointers) };
  const timezone = $('timezone').value.trim();
  const asOf = toAsOf($('as-of').value, timezone || 'UTC');
  if (asOf) body.asOf = asOf;
  if (timezone && timezone !== 'UTC') body.timezone = timezone;
  return body;
}

// ---- JSON panel ------------------------------------------------------------------------------

function syncJson() {
  if (state.jsonDirty) return;
  $('json').value = JSON.stringify(request(), null, 2);
}

function applyJson() {
  let parsed;
  try {
    parsed = JSON.parse($('json').value);
  } catch (e) {
    $('json-status').textContent = `Not valid JSON: ${e.message}`;
    return;
  }
  const where = parsed && typeof parsed === 'object' && 'where' in parsed ? parsed.where : parsed;
  if (parsed && typeof parsed === 'object' && 'where' in parsed) {
    $('timezone').value = parsed.timezone ?? 'UTC';
    $('as-of').value = fromAsOf(parsed.asOf, $('timezone').value);
  }
  state.root = tree.fromSpec(where);
  state.jsonDirty = false;
  $('json-status').textContent = 'Loaded into the builder.';
  ctx.changed(true);
}

// ---- count, errors, profile, users -----------------------------------------------------------

const scheduleRefresh = debounce(refresh, 400);

async function refresh() {
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  const { signal } = controller;
  const body = request();
  state.lastRequest = body;
  hideSql();

  const unfinished = tree.unfinishedLeaves(state.root).length;
  if (!tree.isFinished(state.root)) {
    setCount('empty', '—', tree.isEmpty(state.root) ? 'Add a condition to start.' : 'Finish the condition to count it.');
    showErrors($('builder'), new Map());
    showWarnings($('builder'), new Map());
    showGeneralErrors([]);
    showPanels(null);
    return;
  }

  setCount('loading', $('count').textContent, 'Counting…');
  try {
    const { count, ms, warnings } = await api.countSegment(body, signal);
    if (signal.aborted) return;
    $('count').dataset.count = String(count);
    const note = unfinished ? ` · ${unfinished} unfinished condition${unfinished === 1 ? '' : 's'} not counted` : '';
    setCount('ready', formatNumber(count), `counted in ${Math.round(ms)} ms${note}`);
    showErrors($('builder'), new Map());
    showGeneralErrors([]);
    const { byNode, unplaced } = placeErrors(warnings, state.pointers);
    showWarnings($('builder'), byNode);
    showGeneralWarnings(unplaced);
  } catch (e) {
    if (signal.aborted) return;
    showFailure(e);
    return;
  }

  state.cursors = [null];
  state.pageIndex = 0;
  loadProfile(body, signal);
  loadUsers(body, signal);
  dynamics.load(body, signal);
}

function showFailure(e) {
  delete $('count').dataset.count;
  showWarnings($('builder'), new Map());
  showGeneralWarnings([]);
  if (e instanceof api.ApiError && e.errors.length > 0) {
    const { byNode, unplaced } = placeErrors(e.errors, state.pointers);
    showErrors($('builder'), byNode);
    showGeneralErrors(unplaced);
    setCount('invalid', '—', `${e.errors.length} problem${e.errors.length === 1 ? '' : 's'} to fix in the segment.`);
  } else {
    showErrors($('builder'), new Map());
    showGeneralErrors([]);
    setCount('error', '—', e instanceof api.ApiError ? `${e.message}${e.problem.detail ? `: ${e.problem.detail}` : ''}` : `The server did not answer: ${e.message}`);
  }
  showPanels(null);
}

/** Empties the profile and users panels (null) when there is no valid segment to describe. */
function showPanels() {
  renderProfile($('profile'), null);
  renderUsers($('users'), null, pagerFor(state.lastRequest));
  panelState('empty');
  dynamics.clear();
}

/**
 * data-state on the profile and users panels: 'stale' (they describe an older segment, dimmed),
 * 'loading', 'ready', 'error' or 'empty'. Tests and people alike can tell a fresh panel from an old one.
 */
function panelState(value, ...ids) {
  for (const id of ids.length ? ids : ['profile', 'users']) {
    $(id).dataset.state = value;
    if (value === 'loading' || value === 'stale') $(id).setAttribute('aria-busy', 'true');
    else $(id).removeAttribute('aria-busy');
  }
}

/** From the first keystroke the shown count is the old segment's: say so until the new one arrives. */
function markStale() {
  state.controller?.abort();
  delete $('count').dataset.count;
  if ($('count-card').dataset.state !== 'empty') setCount('loading', $('count').textContent, 'Counting…');
  if ($('profile').dataset.state !== 'empty') panelState('stale');
  dynamics.stale();
}

function setCount(stateName, text, detail) {
  $('count-card').dataset.state = stateName;
  $('count').textContent = text;
  $('count-detail').textContent = detail;
}

/**
 * Errors no node owns. Those about asOf or the time zone mark that input (aria-invalid, its message beside it)
 * rather than showing a pointer a person has no use for; any other is its message alone.
 */
function showGeneralErrors(errors) {
  const rest = [];
  for (const id of Object.values(SETTINGS)) {
    $(id).removeAttribute('aria-invalid');
    $(`${id}-error`).hidden = true;
    $(`${id}-error`).textContent = '';
  }
  for (const e of errors) {
    const id = SETTINGS[e.pointer];
    if (!id) { rest.push(e); continue; }
    $(id).setAttribute('aria-invalid', 'true');
    $(`${id}-error`).textContent = e.message;
    $(`${id}-error`).hidden = false;
  }
  const list = $('general-errors');
  list.replaceChildren(...rest.map(e => h('li', {}, e.message)));
  list.hidden = rest.length === 0;
}

/** Warnings about the whole segment or asOf (a window outside the data when there is no window). */
function showGeneralWarnings(warnings) {
  const list = $('general-warnings');
  list.replaceChildren(...warnings.map(w => h('li', {}, w.message)));
  list.hidden = warnings.length === 0;
}

async function loadProfile(body, signal) {
  panelState('loading', 'profile');
  try {
    const profile = await api.profileSegment(body, signal);
    if (signal.aborted) return;
    renderProfile($('profile'), profile);
    panelState('ready', 'profile');
  } catch (e) {
    if (signal.aborted) return;
    $('profile').replaceChildren(h('p', { class: 'hint' }, `No profile: ${e.message}`));
    panelState('error', 'profile');
  }
}

async function loadUsers(body, signal) {
  panelState('loading', 'users');
  try {
    const page = await api.segmentUsers(body, { limit: PAGE_SIZE, cursor: state.cursors[state.pageIndex] }, signal);
    if (signal.aborted) return;
    state.cursors[state.pageIndex + 1] = page.nextCursor;
    renderUsers($('users'), page, pagerFor(body));
    panelState('ready', 'users');
  } catch (e) {
    if (signal.aborted) return;
    $('users').replaceChildren(h('p', { class: 'hint' }, `No users: ${e.message}`));
    panelState('error', 'users');
  }
}

function pagerFor(body) {
  const go = delta => () => {
    state.pageIndex += delta;
    loadUsers(body, state.controller.signal);
  };
  return { pageIndex: state.pageIndex, pageSize: PAGE_SIZE, onPrevious: go(-1), onNext: go(1) };
}

// ---- SQL and CSV -------------------------------------------------------------------------------

function hideSql() {
  $('sql').hidden = true;
  $('show-sql').setAttribute('aria-expanded', 'false');
  $('show-sql').textContent = 'Show SQL';
}

async function toggleSql() {
  if (!$('sql').hidden) { hideSql(); return; }
  $('sql').hidden = false;
  $('show-sql').setAttribute('aria-expanded', 'true');
  $('show-sql').textContent = 'Hide SQL';
  $('sql-text').textContent = 'Asking the server…';
  try {
    const answer = await api.explainSegment(request());
    const params = Object.entries(answer.parameters ?? {}).map(([k, v]) => `-- ${k} = ${JSON.stringify(v)}`).join('\n');
    $('sql-text').textContent = `${answer.sql ?? '(the server sent no SQL)'}${params ? `\n\n${params}` : ''}`;
  } catch (e) {
    $('sql-text').textContent = e instanceof api.ApiError && e.errors.length ? 'Fix the segment first.' : `No SQL: ${e.message}`;
  }
}

const fileName = () => $('save-id').value.trim() || 'segment';

async function downloadCsv() {
  const button = $('download-csv');
  button.disabled = true;
  try {
    downloadBlob(await api.segmentCsv(request()), `${fileName()}.csv`);
  } catch (e) {
    $('count-detail').textContent = `Download failed: ${e.message}`;
  } finally {
    button.disabled = false;
  }
}

// ---- saved segments ----------------------------------------------------------------------------

async function loadSavedList(selectId) {
  try {
    state.saved = await api.listSaved();
  } catch (e) {
    state.saved = [];
    $('saved-status').textContent = `Saved segments are unavailable: ${e.message}`;
  }
  const sel = $('saved-select');
  sel.replaceChildren(...(state.saved.length === 0
    ? [h('option', { value: '' }, 'none yet')]
    : state.saved.map(s => h('option', { value: s.id, selected: s.id === selectId }, s.description ? `${s.id} — ${s.description}` : s.id))));
  render();
}

async function loadSaved() {
  const id = $('saved-select').value;
  if (!id) return;
  try {
    const def = await api.getSaved(id);
    state.root = tree.fromSpec(def.where);
    state.jsonDirty = false;
    $('save-id').value = id;
    $('save-description').value = def.description ?? '';
    $('saved-status').textContent = `Loaded ${id}.`;
    ctx.changed(true);
  } catch (e) {
    $('saved-status').textContent = `Could not load ${id}: ${e.message}`;
  }
}

async function save() {
  const id = $('save-id').value.trim();
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(id)) {
    $('saved-status').textContent = 'An id is lower-case letters, digits, - and _, starting with a letter or digit.';
    return;
  }
  try {
    await api.saveSegment(id, request().where, $('save-description').value.trim() || undefined);
    $('saved-status').textContent = `Saved ${id}.`;
    await loadSavedList(id);
  } catch (e) {
    const detail = e instanceof api.ApiError && e.errors.length ? e.errors.map(x => x.message).join(' ') : e.message;
    $('saved-status').textContent = `Not saved: ${detail}`;
  }
}

async function deleteSaved() {
  const id = $('saved-select').value;
  if (!id) return;
  try {
    await api.deleteSaved(id);
    $('saved-status').textContent = `Deleted ${id}.`;
    await loadSavedList();
  } catch (e) {
    $('saved-status').textContent = e.status === 409 ? `${id} is used by another saved segment; it was kept.` : `Not deleted: ${e.message}`;
  }
}

// ---- start -------------------------------------------------------------------------------------

async function showDataset() {
  state.vocabulary = await loadVocabulary();
  fillSuggestions(document, state.vocabulary);
  $('dataset').textContent = describe(state.vocabulary);
  const suggested = state.vocabulary?.dataset?.suggestedAsOf;
  $('as-of-data-end').hidden = !suggested;
  render();
}

function useDataEnd() {
  const suggested = state.vocabulary?.dataset?.suggestedAsOf;
  if (!suggested) return;
  $('as-of').value = fromAsOf(suggested, $('timezone').value.trim() || 'UTC');
  ctx.changed(false);
}

function start() {
  $('json').addEventListener('input', () => {
    state.jsonDirty = true;
    $('json-status').textContent = 'Edited: apply to load it into the builder.';
  });
  $('json-apply').addEventListener('click', applyJson);
  $('json-revert').addEventListener('click', () => { state.jsonDirty = false; $('json-status').textContent = ''; syncJson(); });
  for (const id of ['as-of', 'timezone']) $(id).addEventListener('input', () => ctx.changed(false));
  $('as-of-now').addEventListener('click', () => { $('as-of').value = ''; ctx.changed(false); });
  $('as-of-data-end').addEventListener('click', useDataEnd);
  $('show-sql').addEventListener('click', toggleSql);
  $('download-csv').addEventListener('click', downloadCsv);
  $('saved-load').addEventListener('click', loadSaved);
  $('saved-delete').addEventListener('click', deleteSaved);
  $('save').addEventListener('click', save);

  render();
  syncJson();
  refresh();
  loadSavedList();
  showDataset();
}

start();
