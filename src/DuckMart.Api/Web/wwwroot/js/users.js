// The matching users as a paged table (POST /segments/users). Pages go forward by the server's
// cursor; going back replays the cursor of the page before.

import { h, formatNumber } from './dom.js';

const COLUMNS = [
  ['userId', 'User ID'], ['name', 'Name'], ['age', 'Age'], ['gender', 'Gender'], ['location', 'Location'],
  ['signupDate', 'Signup date'], ['subscriptionPlan', 'Plan'], ['deviceType', 'Device'],
];

export function renderUsers(container, page, { pageIndex, pageSize, onPrevious, onNext }) {
  if (!page) {
    container.replaceChildren(h('p', { class: 'hint' }, 'Matching users appear here.'));
    return;
  }
  const first = page.users.length === 0 ? 0 : pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + page.users.length;
  container.replaceChildren(
    h('div', { class: 'table-wrap' },
      h('table', { class: 'users', 'aria-label': 'Matching users' },
        h('thead', {}, h('tr', {}, COLUMNS.map(([, label]) => h('th', { scope: 'col' }, label)))),
        h('tbody', {}, page.users.length === 0
          ? h('tr', {}, h('td', { colspan: COLUMNS.length, class: 'hint' }, 'No user matches.'))
          : page.users.map(u => h('tr', {}, COLUMNS.map(([key]) => h('td', { class: key === 'userId' || key === 'age' ? 'num' : '' }, u[key] ?? '—'))))))),
    h('div', { class: 'pager' },
      h('button', { type: 'button', disabled: pageIndex === 0, onclick: onPrevious }, '← Previous'),
      h('span', { class: 'muted' }, `${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(page.count)}`),
      h('button', { type: 'button', disabled: !page.nextCursor, onclick: onNext }, 'Next →')));
}
