// The segment profile beside the count: each attribute's distribution in the segment against all
// users, and the segment's events per week (POST /segments/profile).

import { h, formatNumber } from './dom.js';

const pct = (n, of) => (of > 0 ? (100 * n) / of : 0);
const pctText = v => `${v < 10 && v > 0 ? v.toFixed(1) : Math.round(v)}%`;

export function renderProfile(container, profile) {
  if (!profile) {
    container.replaceChildren(h('p', { class: 'hint' }, 'The profile appears once the segment is valid.'));
    return;
  }
  container.replaceChildren(
    h('p', { class: 'legend' },
      h('span', { class: 'swatch seg' }), 'segment ', h('span', { class: 'swatch all' }), 'all users',
      h('span', { class: 'muted' }, ` · ${formatNumber(profile.count)} of ${formatNumber(profile.total)} users`)),
    renderActivity(profile.activity),
    ...profile.dimensions.map(d => renderDimension(d, profile.count, profile.total)));
}

function renderDimension(dimension, count, total) {
  return h('section', { class: 'dimension', 'aria-label': `${dimension.label} distribution` },
    h('h3', {}, dimension.label),
    h('table', { class: 'bars' },
      h('tbody', {}, dimension.buckets.map(b => {
        const seg = pct(b.segment, count);
        const all = pct(b.all, total);
        return h('tr', { title: `${b.key}: ${formatNumber(b.segment)} in segment (${pctText(seg)}), ${formatNumber(b.all)} overall (${pctText(all)})` },
          h('th', { scope: 'row' }, b.key),
          h('td', { class: 'bar-cell' },
            h('div', { class: 'bar seg', style: `width:${seg}%` }),
            h('div', { class: 'bar all', style: `width:${all}%` })),
          h('td', { class: 'num' }, pctText(seg)));
      }))));
}

function renderActivity(weeks) {
  const max = Math.max(1, ...weeks.map(w => w.segment));
  const label = w => new Date(w.start).toISOString().slice(0, 10);
  const title = h('h3', {}, 'Events per week (segment, 12 weeks before asOf)');
  if (weeks.every(w => w.segment === 0)) {
    return h('section', { class: 'dimension', 'aria-label': 'Weekly activity' }, title,
      h('p', { class: 'hint' }, `No events by these users between ${label(weeks[0])} and asOf.`));
  }
  return h('section', { class: 'dimension', 'aria-label': 'Weekly activity' },
    title,
    h('div', { class: 'columns' }, weeks.map(w => h('div', {
      class: 'column', title: `week of ${new Date(w.start).toISOString().slice(0, 10)}: ${formatNumber(w.segment)} events by the segment, ${formatNumber(w.all)} by all users`,
    },
    h('div', { class: 'col-bar', style: `height:${pct(w.segment, max)}%` })))),
    h('div', { class: 'columns-axis' }, h('span', {}, label(weeks[0])), h('span', {}, label(weeks[weeks.length - 1]))));
}
