// Segment dynamics beside the count (CONTRACT.md section 5): "size over time" as a plain SVG line chart
// (POST /segments/sizes) and "entered / left since" (POST /segments/changes), each downloadable as CSV.
// The contract gives these endpoints no CSV form, so the CSV is built here from the points and the IDs.
// Both end at the request's asOf (now when it is empty) and use its where and timezone.

import * as api from './api.js';
import { toAsOf } from './asof.js';
import { h, formatNumber, downloadBlob } from './dom.js';

const DAY_MS = 86_400_000;
const SVG = 'http://www.w3.org/2000/svg';
/** How many IDs of each list the panel shows; the CSV has all of them. */
const SHOWN_IDS = 10;
/** POST /segments/changes caps each ID list at limit; this is the largest limit the server allows. */
const ALL_IDS = 1_000_000;

/** The instant a series or a change ends at: the request's asOf (a date is midnight in the zone), else now. */
export function endOf(request, nowMs = Date.now()) {
  const asOf = request.asOf;
  if (!asOf) return new Date(nowMs);
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? toAsOf(`${asOf}T00:00`, request.timezone ?? 'UTC') : asOf;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? new Date(nowMs) : new Date(ms);
}

/**
 * The sizes body for the last `days` days every `stepDays` days, ending exactly at `end` (so the last point is
 * the count shown): from goes back a whole number of steps, 30 days daily is 31 points, 90 days weekly is 13.
 */
export function sizesBody(request, end, days, stepDays) {
  const steps = Math.floor(days / stepDays);
  const from = new Date(end.getTime() - steps * stepDays * DAY_MS);
  return { where: request.where, from: from.toISOString(), to: end.toISOString(), every: `P${stepDays}D`, ...zoneOf(request) };
}

export function changesBody(request, end, sinceDays, limit) {
  const from = new Date(end.getTime() - sinceDays * DAY_MS);
  return { where: request.where, from: from.toISOString(), to: end.toISOString(), limit, ...zoneOf(request) };
}

const zoneOf = request => (request.timezone ? { timezone: request.timezone } : {});

/** CSV text: a header line, then one line a row (values here are numbers and instants: nothing to quote). */
export function csv(header, rows) {
  return `${[header.join(','), ...rows.map(r => r.join(','))].join('\r\n')}\r\n`;
}

/**
 * The two panels. load() fills both for a valid request; clear() empties them when there is none; stale() dims
 * them from the first keystroke until the new answer arrives (as the profile is dimmed).
 */
export function createDynamics({ sizes, changes, fileName }) {
  let current = null;

  const range = h('select', { 'aria-label': 'Size range', onchange: () => reload(loadSizes) },
    h('option', { value: '30', selected: true }, 'last 30 days'), h('option', { value: '90' }, 'last 90 days'));
  const step = h('select', { 'aria-label': 'Size step', onchange: () => reload(loadSizes) },
    h('option', { value: '1', selected: true }, 'daily'), h('option', { value: '7' }, 'weekly'));
  const sizesCsv = h('button', { type: 'button', class: 'secondary', onclick: () => downloadSizes() }, 'Download sizes CSV');
  const chart = h('div', { class: 'chart' });
  sizes.replaceChildren(h('div', { class: 'row' }, range, step, sizesCsv), chart);

  const since = h('select', { 'aria-label': 'Changes since', onchange: () => reload(loadChanges) },
    [1, 7, 14, 30, 90].map(d => h('option', { value: String(d), selected: d === 7 }, d === 1 ? '1 day before' : `${d} days before`)));
  const moved = h('div', { class: 'moved' });
  changes.replaceChildren(h('div', { class: 'row' }, h('label', {}, 'Since ', since), h('span', { class: 'muted' }, 'asOf')), moved);

  let points = [];
  // Changing the range or step while an answer is on its way asks again; only the latest question's answer is
  // drawn (a 91-point daily series answered after the 13-point weekly one asked later drew over it).
  let sizesAsked = 0;
  let changesAsked = 0;

  function setState(el, value) {
    el.dataset.state = value;
    if (value === 'loading' || value === 'stale') el.setAttribute('aria-busy', 'true');
    else el.removeAttribute('aria-busy');
  }

  function reload(part) {
    if (current) part(current.request, current.signal);
  }

  async function loadSizes(request, signal) {
    const asked = ++sizesAsked;
    const superseded = () => signal.aborted || asked !== sizesAsked;
    setState(sizes, 'loading');
    sizesCsv.disabled = true;
    try {
      const body = sizesBody(request, endOf(request), Number(range.value), Number(step.value));
      const answer = await api.segmentSizes(body, signal);
      if (superseded()) return;
      points = answer.points;
      chart.replaceChildren(renderChart(points));
      sizesCsv.disabled = false;
      setState(sizes, 'ready');
    } catch (e) {
      if (superseded()) return;
      chart.replaceChildren(h('p', { class: 'hint' }, `No sizes: ${e.message}`));
      setState(sizes, 'error');
    }
  }

  async function loadChanges(request, signal) {
    const asked = ++changesAsked;
    const superseded = () => signal.aborted || asked !== changesAsked;
    setState(changes, 'loading');
    try {
      const answer = await api.segmentChanges(changesBody(request, endOf(request), Number(since.value), SHOWN_IDS), signal);
      if (superseded()) return;
      moved.replaceChildren(
        renderMoved('Entered', 'entered', answer.entered, () => downloadMoved('entered')),
        renderMoved('Left', 'left', answer.left, () => downloadMoved('left')),
        h('p', { class: 'muted' }, `${formatNumber(answer.countFrom)} then, ${formatNumber(answer.countTo)} at asOf, ${formatNumber(answer.stayed)} stayed`));
      setState(changes, 'ready');
    } catch (e) {
      if (superseded()) return;
      moved.replaceChildren(h('p', { class: 'hint' }, `No changes: ${e.message}`));
      setState(changes, 'error');
    }
  }

  function downloadSizes() {
    downloadBlob(new Blob([csv(['as_of', 'count'], points.map(p => [p.asOf, p.count]))], { type: 'text/csv' }), `${fileName()}-sizes.csv`);
  }

  /** Every ID of one list: the panel asked for the first few, the file asks again for all of them. */
  async function downloadMoved(which) {
    if (!current) return;
    const { request } = current;
    try {
      const answer = await api.segmentChanges(changesBody(request, endOf(request), Number(since.value), ALL_IDS));
      downloadBlob(new Blob([csv(['user_id'], answer[which].userIds.map(id => [id]))], { type: 'text/csv' }), `${fileName()}-${which}.csv`);
    } catch (e) {
      moved.append(h('p', { class: 'hint' }, `Download failed: ${e.message}`));
    }
  }

  return {
    load(request, signal) {
      current = { request, signal };
      loadSizes(request, signal);
      loadChanges(request, signal);
    },
    clear() {
      current = null;
      points = [];
      sizesCsv.disabled = true;
      chart.replaceChildren(h('p', { class: 'hint' }, 'The size over time appears once the segment is valid.'));
      moved.replaceChildren(h('p', { class: 'hint' }, 'Who entered and who left appears once the segment is valid.'));
      setState(sizes, 'empty');
      setState(changes, 'empty');
    },
    stale() {
      for (const el of [sizes, changes]) if (el.dataset.state !== 'empty') setState(el, 'stale');
    },
  };
}

function renderMoved(label, key, moved, onDownload) {
  const more = moved.count - moved.userIds.length;
  return h('section', { class: 'moved-list', 'aria-label': `${label} users`, dataset: { count: String(moved.count) } },
    h('h3', {}, `${label} `, h('output', { class: 'moved-count' }, formatNumber(moved.count))),
    moved.count === 0
      ? h('p', { class: 'hint' }, `No user ${key}.`)
      : h('p', { class: 'ids' }, moved.userIds.join(', '), more > 0 ? h('span', { class: 'muted' }, ` and ${formatNumber(more)} more`) : null),
    h('button', { type: 'button', class: 'secondary', disabled: moved.count === 0, onclick: onDownload }, `Download ${key} CSV`));
}

/** A line of the counts with a dot a point (its title says when and how many), the range's ends labelled. */
export function renderChart(points) {
  const width = 320;
  const height = 140;
  const pad = { left: 44, right: 8, top: 8, bottom: 22 };
  const counts = points.map(p => p.count);
  const min = Math.min(...counts);
  const max = Math.max(...counts);
  const span = max - min || 1;
  const x = i => pad.left + (points.length === 1 ? 0 : (i * (width - pad.left - pad.right)) / (points.length - 1));
  const y = c => pad.top + (height - pad.top - pad.bottom) * (max === min ? 0.5 : 1 - (c - min) / span);
  const day = p => p.asOf.slice(0, 10);

  const svg = svgEl('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'size-chart', 'data-points': String(points.length),
    'aria-label': `Size over time: ${formatNumber(counts[0])} on ${day(points[0])} to ${formatNumber(counts[counts.length - 1])} on ${day(points[points.length - 1])}`,
  });
  svg.append(
    svgEl('line', { x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom, class: 'axis' }),
    svgText(pad.left - 4, y(max) + 4, formatNumber(max), 'end'),
    svgText(pad.left - 4, y(min) + 4, formatNumber(min), 'end'),
    svgText(pad.left, height - 6, day(points[0]), 'start'),
    svgText(width - pad.right, height - 6, day(points[points.length - 1]), 'end'),
    svgEl('polyline', { class: 'line', points: points.map((p, i) => `${x(i).toFixed(1)},${y(p.count).toFixed(1)}`).join(' ') }));
  points.forEach((p, i) => {
    const dot = svgEl('circle', { cx: x(i).toFixed(1), cy: y(p.count).toFixed(1), r: points.length > 40 ? 1.5 : 2.5, class: 'dot', 'data-count': String(p.count), 'data-as-of': p.asOf });
    const title = svgEl('title', {});
    title.textContent = `${p.asOf}: ${formatNumber(p.count)}`;
    dot.append(title);
    svg.append(dot);
  });
  return svg;
}

function svgEl(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function svgText(x, y, text, anchor) {
  const el = svgEl('text', { x, y, 'text-anchor': anchor, class: 'label' });
  el.textContent = text;
  return el;
}
