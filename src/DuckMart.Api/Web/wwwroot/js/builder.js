// Renders the condition tree as nested, labelled controls and applies edits to the tree model.
// Typing changes the model in place (ctx.changed(false)) without re-rendering, so focus stays put;
// structural edits (add, remove, a new operator shape) re-render (ctx.changed(true)).

import { h, select } from './dom.js';
import {
  FIELDS, OPS_BY_KIND, OP_LABELS, COUNT_OPS, COUNT_OP_LABELS, TIME_OPS, MEASURES, fieldKind, valueShape,
} from './catalog.js';
import * as tree from './tree.js';
import { valueListId, rangeHint } from './dataset.js';

/**
 * @param {HTMLElement} container
 * @param {{ root: object, saved: Array<{id: string}>, changed: (structural: boolean) => void, setRoot: (node: object) => void }} ctx
 */
export function renderBuilder(container, ctx) {
  container.replaceChildren(renderNode(ctx.root, ctx, true));
}

const TITLES = {
  and: 'All of', or: 'Any of', not: 'Not', attribute: 'Attribute', event: 'Event',
  sequence: 'Sequence', segment: 'Saved segment', raw: 'JSON condition',
};

function renderNode(node, ctx, isRoot = false) {
  const body = {
    and: renderGroup, or: renderGroup, not: renderNot, attribute: renderAttribute, event: renderEvent,
    sequence: renderSequence, segment: renderSegmentRef, raw: renderRaw,
  }[node.type](node, ctx);

  const actions = [];
  if (!isRoot || !tree.isGroup(node)) {
    if (node.type === 'not') {
      actions.push(h('button', { type: 'button', class: 'link', onclick: () => replace(ctx, node, node.child ?? tree.group('and')) }, 'Unwrap'));
    } else {
      actions.push(h('button', { type: 'button', class: 'link', onclick: () => replace(ctx, node, tree.not(node)) }, 'Negate'));
    }
    if (isRoot) {
      actions.push(h('button', { type: 'button', class: 'link', onclick: () => replace(ctx, node, tree.group('and', [node])) }, 'Wrap in group'));
    }
    actions.push(h('button', {
      type: 'button', class: 'icon remove', 'aria-label': `Remove ${TITLES[node.type].toLowerCase()}`, title: 'Remove',
      onclick: () => { ctx.setRoot(tree.removeNode(ctx.root, node.id)); ctx.changed(true); },
    }, '×'));
  }

  const unfinished = !tree.isGroup(node) && node.type !== 'not' && !tree.isFinished(node);
  const head = tree.isGroup(node)
    ? h('header', { class: 'node-head' },
      select({ 'aria-label': 'Group logic', 'data-control': 'type', onchange: e => { node.type = e.target.value; ctx.changed(true); } },
        [['and', 'All of (AND)'], ['or', 'Any of (OR)']], node.type),
      h('span', { class: 'spacer' }), actions)
    : h('header', { class: 'node-head' }, h('span', { class: 'node-title' }, TITLES[node.type]),
      h('span', { class: 'unfinished-note muted', hidden: !unfinished }, 'not counted until it is finished'),
      h('span', { class: 'spacer' }), actions);

  return h('section', {
    class: `node node-${node.type}${isRoot ? ' node-root' : ''}${unfinished ? ' unfinished' : ''}`,
    role: 'group',
    'aria-label': isRoot ? 'Segment root' : TITLES[node.type],
    dataset: { nodeId: node.id, type: node.type },
  },
  head,
  h('div', { class: 'node-body' }, body),
  h('p', { class: 'node-error', role: 'alert', hidden: true }),
  h('p', { class: 'node-warning', role: 'status', hidden: true }));
}

/** Marks, without re-rendering (focus stays in the field being typed), which conditions are still unfinished. */
export function markUnfinished(container, root) {
  const open = new Set(tree.unfinishedLeaves(root).map(n => n.id));
  for (const section of container.querySelectorAll('.node[data-node-id]')) {
    const unfinished = open.has(section.dataset.nodeId);
    section.classList.toggle('unfinished', unfinished);
    const note = section.querySelector(':scope > .node-head > .unfinished-note');
    if (note) note.hidden = !unfinished;
  }
}

function replace(ctx, node, replacement) {
  ctx.setRoot(tree.replaceNode(ctx.root, node.id, replacement));
  ctx.changed(true);
}

// ---- logic -----------------------------------------------------------------------------------

function renderGroup(node, ctx) {
  return [
    node.children.length === 0 ? h('p', { class: 'hint' }, 'Add a condition to start.') : null,
    h('div', { class: 'children' }, node.children.map(c => renderNode(c, ctx))),
    addBar(ctx, child => { node.children.push(child); ctx.changed(true); }),
  ];
}

function renderNot(node, ctx) {
  if (node.child) return h('div', { class: 'children' }, renderNode(node.child, ctx));
  return addBar(ctx, child => { node.child = child; ctx.changed(true); });
}

function addBar(ctx, add) {
  const items = [
    ['Attribute', () => tree.attribute()],
    ['Event', () => tree.event(ctx.vocabulary?.events?.items?.[0]?.value ?? 'LOGIN')],
    ['Sequence', () => tree.sequence()],
    ['Saved segment', () => tree.segmentRef(ctx.saved[0]?.id ?? '')],
    ['Group', () => tree.group('or')],
    ['NOT', () => tree.not()],
  ];
  return h('div', { class: 'add-bar' },
    h('span', { class: 'add-label' }, 'Add'),
    items.map(([label, make]) => h('button', {
      type: 'button', class: 'chip', 'aria-label': `Add ${label === 'NOT' ? 'NOT' : label.toLowerCase()}`, onclick: () => add(make()),
    }, `+ ${label}`)));
}

// ---- attribute -------------------------------------------------------------------------------

function renderAttribute(node, ctx) {
  const kind = fieldKind(node.field);
  const ops = OPS_BY_KIND[kind];
  const text = (key, label, placeholder) => h('input', {
    type: 'text', value: node[key], 'aria-label': label, placeholder, 'data-control': 'value', list: key === 'list' ? undefined : list,
    inputmode: kind === 'int' && key !== 'list' ? 'numeric' : undefined,
    oninput: e => { node[key] = e.target.value; ctx.changed(false); },
  });
  // Suggestions and ranges come from the loaded data (GET /dataset/vocabulary), when it has them.
  const range = rangeHint(node.field, ctx.vocabulary);
  const placeholder = kind === 'date' ? (range ? `${range}, or -P30D` : 'yyyy-MM-dd or -P30D') : kind === 'int' ? (range ?? 'number') : 'text';
  const list = valueListId(node.field, ctx.vocabulary);

  const value = {
    none: null,
    one: text('v1', 'Value', placeholder),
    two: [text('v1', 'Value from', placeholder), h('span', { class: 'word' }, 'and'), text('v2', 'Value to', placeholder)],
    list: text('list', 'Values', 'comma, separated'),
    duration: text('v1', 'Duration', 'P30D or P4W'),
  }[valueShape(node.op)];

  return h('div', { class: 'row' },
    select({
      'aria-label': 'Field', 'data-control': 'field',
      onchange: e => {
        node.field = e.target.value;
        if (!OPS_BY_KIND[fieldKind(node.field)].includes(node.op)) node.op = 'eq';
        ctx.changed(true);
      },
    }, FIELDS.map(f => [f.name, f.label]), node.field),
    select({
      'aria-label': 'Operator', 'data-control': 'op',
      onchange: e => {
        const before = valueShape(node.op);
        node.op = e.target.value;
        ctx.changed(valueShape(node.op) !== before);
      },
    }, ops.map(op => [op, OP_LABELS[op]]), node.op),
    value,
    kind === 'str' && valueShape(node.op) !== 'none'
      ? h('label', { class: 'check' },
        h('input', { type: 'checkbox', checked: node.ignoreCase, 'data-control': 'ignoreCase', onchange: e => { node.ignoreCase = e.target.checked; ctx.changed(false); } }),
        'ignore case')
      : null);
}

// ---- event -----------------------------------------------------------------------------------

function renderEvent(node, ctx) {
  const isTime = node.measure === 'first' || node.measure === 'last';
  const ops = isTime ? TIME_OPS : COUNT_OPS;
  const valueInput = (key, label) => h('input', {
    type: 'text', value: node[key], 'aria-label': label, 'data-control': node.measure,
    class: isTime ? '' : 'short', placeholder: isTime ? '-P7D or 2025-06-01' : 'number',
    oninput: e => { node[key] = e.target.value; ctx.changed(false); },
  });

  const measure = node.measure === 'none' ? null : [
    select({
      'aria-label': 'Measure operator', 'data-control': node.measure,
      onchange: e => { const wasTwo = node.mop === 'between'; node.mop = e.target.value; ctx.changed(wasTwo !== (node.mop === 'between')); },
    }, ops.map(op => [op, isTime ? op : COUNT_OP_LABELS[op]]), node.mop),
    valueInput('m1', node.mop === 'between' ? 'Measure value from' : 'Measure value'),
    node.mop === 'between' ? [h('span', { class: 'word' }, 'and'), valueInput('m2', 'Measure value to')] : null,
  ];

  return [
    h('div', { class: 'row' },
      h('span', { class: 'word' }, 'did'),
      h('input', {
        type: 'text', value: node.name, 'aria-label': 'Event name', list: 'event-names', placeholder: 'any event',
        'data-control': 'name', oninput: e => { node.name = e.target.value; ctx.changed(false); },
      }),
      select({
        'aria-label': 'Measure', 'data-control': node.measure === 'none' ? 'measure' : node.measure,
        onchange: e => {
          node.measure = e.target.value;
          node.mop = node.measure === 'first' || node.measure === 'last' ? 'after' : 'gte';
          node.m1 = node.measure === 'none' ? '' : node.m1;
          ctx.changed(true);
        },
      }, MEASURES, node.measure),
      measure),
    renderWindow(node.window, ctx),
  ];
}

function renderWindow(w, ctx) {
  const input = (key, label, placeholder) => h('input', {
    type: 'text', value: w[key], 'aria-label': label, placeholder, 'data-control': 'window',
    oninput: e => { w[key] = e.target.value; ctx.changed(false); },
  });
  return h('div', { class: 'row' },
    h('span', { class: 'word' }, 'when'),
    select({ 'aria-label': 'Window', 'data-control': 'window', onchange: e => { w.mode = e.target.value; ctx.changed(true); } },
      [['none', 'any time before asOf'], ['last', 'in the last'], ['range', 'from … to']], w.mode),
    w.mode === 'last' ? input('last', 'Window length', 'P30D') : null,
    w.mode === 'range' ? [input('from', 'Window from', '2025-06-01 or -P60D'), h('span', { class: 'word' }, 'to'), input('to', 'Window to', 'optional')] : null);
}

// ---- sequence --------------------------------------------------------------------------------

function renderSequence(node, ctx) {
  const steps = node.steps.map((s, i) => {
    const last = i === node.steps.length - 1;
    const n = i + 1;
    return h('li', { class: 'step', dataset: { stepId: s.id } },
      h('input', {
        type: 'text', value: s.name, 'aria-label': `Step ${n} event`, list: 'event-names', 'data-control': 'name',
        oninput: e => { s.name = e.target.value; ctx.changed(false); },
      }),
      i > 0 ? [h('span', { class: 'word' }, 'within'), h('input', {
        type: 'text', class: 'short', value: s.within, 'aria-label': `Step ${n} within`, placeholder: 'PT1H', 'data-control': 'within',
        oninput: e => { s.within = e.target.value; ctx.changed(false); },
      })] : null,
      last && i > 0 ? h('label', { class: 'check' }, h('input', {
        type: 'checkbox', checked: s.absent, 'data-control': 'absent', 'aria-label': `Step ${n} absent`,
        onchange: e => { s.absent = e.target.checked; ctx.changed(false); },
      }), 'did not happen') : null,
      node.steps.length > 1 ? h('button', {
        type: 'button', class: 'icon', 'aria-label': `Remove step ${n}`, title: 'Remove step',
        onclick: () => {
          node.steps.splice(i, 1);
          node.steps.forEach((st, j) => { if (j < node.steps.length - 1) st.absent = false; });
          ctx.changed(true);
        },
      }, '×') : null,
      h('span', { class: 'step-error', role: 'alert', hidden: true }));
  });
  return [
    h('ol', { class: 'steps' }, steps),
    h('div', { class: 'row' }, h('button', {
      type: 'button', class: 'chip', onclick: () => {
        node.steps.forEach(st => { st.absent = false; });
        node.steps.push(tree.step(''));
        ctx.changed(true);
      },
    }, '+ Step')),
    renderWindow(node.window, ctx),
  ];
}

// ---- saved segment and raw JSON ----------------------------------------------------------------

function renderSegmentRef(node, ctx) {
  const ids = ctx.saved.map(s => s.id);
  if (node.segmentId && !ids.includes(node.segmentId)) ids.unshift(node.segmentId);
  return h('div', { class: 'row' },
    h('span', { class: 'word' }, 'is in'),
    ids.length === 0
      ? h('input', {
        type: 'text', value: node.segmentId, 'aria-label': 'Saved segment id', placeholder: 'no saved segments yet', 'data-control': 'id',
        oninput: e => { node.segmentId = e.target.value; ctx.changed(false); },
      })
      : select({ 'aria-label': 'Saved segment id', 'data-control': 'id', onchange: e => { node.segmentId = e.target.value; ctx.changed(false); } },
        [...(node.segmentId ? [] : [['', 'choose…']]), ...ids.map(id => [id, id])], node.segmentId));
}

function renderRaw(node, ctx) {
  return [
    h('p', { class: 'hint' }, 'The builder has no controls for this condition; edit it as JSON.'),
    h('textarea', {
      class: 'code', rows: 4, 'aria-label': 'Condition JSON', spellcheck: 'false',
      value: JSON.stringify(node.json, null, 2),
      onchange: e => {
        try {
          replace(ctx, node, tree.fromSpec(JSON.parse(e.target.value)));
        } catch {
          e.target.setCustomValidity('Not valid JSON');
          e.target.reportValidity();
        }
      },
      oninput: e => e.target.setCustomValidity(''),
    }),
  ];
}

// ---- errors ----------------------------------------------------------------------------------

/**
 * Shows placed warnings (the answer's `warnings`: an unknown event name or value, a window outside the data)
 * on their nodes: the count stands, but the node says why it may be 0.
 */
export function showWarnings(container, byNode) {
  for (const el of container.querySelectorAll('.node-warning')) { el.hidden = true; el.textContent = ''; }
  for (const el of container.querySelectorAll('.has-warning')) el.classList.remove('has-warning');
  for (const [nodeId, warnings] of byNode) {
    const section = container.querySelector(`[data-node-id="${nodeId}"]`);
    if (!section) continue;
    section.classList.add('has-warning');
    const slot = section.querySelector(':scope > .node-warning');
    slot.textContent = warnings.map(w => w.message).join(' ');
    slot.hidden = false;
  }
}

/** Shows placed errors (pointers.placeErrors) on their nodes and the controls at fault. */
export function showErrors(container, byNode) {
  for (const el of container.querySelectorAll('.node-error, .step-error')) { el.hidden = true; el.textContent = ''; }
  for (const el of container.querySelectorAll('.has-error')) el.classList.remove('has-error');
  for (const el of container.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');

  for (const [nodeId, errors] of byNode) {
    const section = container.querySelector(`[data-node-id="${nodeId}"]`);
    if (!section) continue;
    section.classList.add('has-error');
    const own = [];
    for (const error of errors) {
      let scope = section;
      let control = error.control;
      if (error.stepId) {
        scope = section.querySelector(`[data-step-id="${error.stepId}"]`) ?? section;
        const slot = scope.querySelector(':scope > .step-error');
        if (slot) { slot.hidden = false; slot.textContent = error.message; scope.classList.add('has-error'); }
        else own.push(error.message);
      } else {
        own.push(error.message);
      }
      for (const el of scope.querySelectorAll(`[data-control="${control}"]`)) {
        if (el.closest('.node') === section) el.setAttribute('aria-invalid', 'true');
      }
    }
    const slot = section.querySelector(':scope > .node-error');
    if (own.length > 0) { slot.textContent = own.join(' '); slot.hidden = false; }
  }
}
