// The builder's tree model: plain objects the UI edits in place, and the two conversions that make
// the JSON panel a true round trip: toSpec (tree -> contract JSON, with a map from each JSON Pointer
// to the node that produced it) and fromSpec (contract JSON -> tree). Text the user typed stays text
// in the tree; it becomes a number only where the field's kind wants one and the text is an integer,
// so a wrong value still reaches the server and comes back as an error on its node.

import { fieldKind, valueShape } from './catalog.js';

let nextId = 1;
const newId = () => `n${nextId++}`;

export function group(type = 'and', children = []) {
  return { id: newId(), type, children };
}

export function not(child = null) {
  return { id: newId(), type: 'not', child };
}

export function attribute(field = 'location', op = 'eq') {
  return { id: newId(), type: 'attribute', field, op, v1: '', v2: '', list: '', ignoreCase: false };
}

export function event(name = '') {
  return {
    id: newId(), type: 'event', name,
    measure: 'none', mop: 'gte', m1: '', m2: '',
    window: emptyWindow(),
  };
}

export function sequence() {
  return { id: newId(), type: 'sequence', window: emptyWindow(), steps: [step('VIEW_PRODUCT'), step('PURCHASE_MADE')] };
}

export function step(name = '') {
  return { id: newId(), name, within: '', absent: false };
}

export function segmentRef(segmentId = '') {
  return { id: newId(), type: 'segment', segmentId };
}

/** JSON the builder cannot show as controls: kept verbatim so nothing pasted is lost. */
export function raw(json) {
  return { id: newId(), type: 'raw', json };
}

function emptyWindow() {
  return { mode: 'none', last: 'P30D', from: '', to: '' };
}

export const isGroup = node => node?.type === 'and' || node?.type === 'or';

/** Every node below and including root, with its parent, depth first. */
export function* walk(node, parent = null) {
  if (!node) return;
  yield { node, parent };
  if (isGroup(node)) for (const c of node.children) yield* walk(c, node);
  if (node.type === 'not') yield* walk(node.child, node);
}

export function findNode(root, id) {
  for (const { node, parent } of walk(root)) if (node.id === id) return { node, parent };
  return null;
}

/** Removes a node from its parent; returns the new root (an empty AND group when the root itself goes). */
export function removeNode(root, id) {
  if (root.id === id) return group('and');
  const found = findNode(root, id);
  if (!found?.parent) return root;
  if (isGroup(found.parent)) found.parent.children = found.parent.children.filter(c => c.id !== id);
  else if (found.parent.type === 'not') found.parent.child = null;
  return root;
}

/** Puts replacement where the node with id was; returns the new root. */
export function replaceNode(root, id, replacement) {
  if (root.id === id) return replacement;
  const found = findNode(root, id);
  if (!found?.parent) return root;
  if (isGroup(found.parent)) found.parent.children = found.parent.children.map(c => (c.id === id ? replacement : c));
  else found.parent.child = replacement;
  return root;
}

/** True when the tree has no condition at all (nothing added yet). */
export function isEmpty(node) {
  if (!node) return true;
  if (isGroup(node)) return node.children.every(isEmpty);
  if (node.type === 'not') return isEmpty(node.child);
  return false;
}

const filled = text => String(text ?? '').trim().length > 0;

/**
 * True when the node is a whole condition the server can be asked about. A condition being written (an
 * attribute whose value is not typed yet, a measure or window without its number, a step without a name,
 * a saved segment not chosen) is unfinished: it is left out of the request, so "+ Attribute" does not
 * count `location eq ""` before anything is typed, and the builder says it is not counted yet.
 */
export function isFinished(node) {
  if (!node) return false;
  switch (node.type) {
    case 'and':
    case 'or':
      return node.children.some(isFinished);
    case 'not':
      return isFinished(node.child);
    case 'attribute':
      switch (valueShape(node.op)) {
        case 'none': return true;
        case 'two': return filled(node.v1) && filled(node.v2);
        case 'list': return splitList(node.list).length > 0;
        default: return filled(node.v1);
      }
    case 'event': {
      const measured = node.measure === 'none' || (filled(node.m1) && (node.mop !== 'between' || filled(node.m2)));
      return measured && windowFinished(node.window);
    }
    case 'sequence':
      return node.steps.every(s => filled(s.name) && (!s.absent || filled(s.within))) && windowFinished(node.window);
    case 'segment':
      return filled(node.segmentId);
    default:
      return true;
  }
}

function windowFinished(w) {
  return w.mode !== 'last' || filled(w.last);
}

/** The leaf conditions still being written, for the "not counted yet" note and their marks. */
export function unfinishedLeaves(root) {
  const out = [];
  for (const { node } of walk(root)) {
    if (!isGroup(node) && node.type !== 'not' && !isFinished(node)) out.push(node);
  }
  return out;
}

// ---- tree -> spec ------------------------------------------------------------------------------

/**
 * The contract JSON for the tree. `pointers` receives JSON Pointer -> { nodeId, stepId? } for every
 * node, so an error at /where/of/1/count/value can be shown on the node at /where/of/1.
 */
export function toSpec(node, pointer = '/where', pointers = new Map()) {
  if (!node) return null;
  pointers.set(pointer, { nodeId: node.id });
  switch (node.type) {
    case 'and':
    case 'or':
      // Unfinished children are left out (see isFinished); pointers follow the request as sent.
      return { type: node.type, of: node.children.filter(isFinished).map((c, i) => toSpec(c, `${pointer}/of/${i}`, pointers)) };
    case 'not':
      return { type: 'not', of: toSpec(node.child, `${pointer}/of`, pointers) };
    case 'attribute':
      return attributeSpec(node);
    case 'event':
      return eventSpec(node);
    case 'sequence': {
      const spec = { type: 'sequence' };
      const window = windowSpec(node.window);
      if (window) spec.window = window;
      spec.steps = node.steps.map((s, i) => {
        pointers.set(`${pointer}/steps/${i}`, { nodeId: node.id, stepId: s.id });
        const out = { name: s.name.trim() };
        if (s.within.trim()) out.within = s.within.trim();
        if (s.absent) out.absent = true;
        return out;
      });
      return spec;
    }
    case 'segment':
      return { type: 'segment', id: node.segmentId };
    case 'raw':
      return node.json;
    default:
      return null;
  }
}

function attributeSpec(node) {
  const kind = fieldKind(node.field);
  const spec = { type: 'attribute', field: node.field, op: node.op };
  const typed = text => typedValue(text, kind);
  switch (valueShape(node.op)) {
    case 'one': spec.value = typed(node.v1); break;
    case 'two': spec.value = [typed(node.v1), typed(node.v2)]; break;
    case 'list': spec.value = splitList(node.list).map(typed); break;
    case 'duration': spec.value = node.v1.trim(); break;
    default: break;
  }
  if (node.ignoreCase && kind === 'str') spec.ignoreCase = true;
  return spec;
}

function eventSpec(node) {
  const spec = { type: 'event' };
  if (node.name.trim()) spec.name = node.name.trim();
  if (node.measure === 'count' || node.measure === 'distinctDays') {
    const int = t => typedValue(t, 'int');
    spec[node.measure] = { op: node.mop, value: node.mop === 'between' ? [int(node.m1), int(node.m2)] : int(node.m1) };
  } else if (node.measure === 'first' || node.measure === 'last') {
    spec[node.measure] = { op: node.mop, value: node.mop === 'between' ? [node.m1.trim(), node.m2.trim()] : node.m1.trim() };
  }
  const window = windowSpec(node.window);
  if (window) spec.window = window;
  return spec;
}

function windowSpec(w) {
  if (w.mode === 'last') return { last: w.last.trim() };
  if (w.mode === 'range') {
    const out = {};
    if (w.from.trim()) out.from = w.from.trim();
    if (w.to.trim()) out.to = w.to.trim();
    return out;
  }
  return null;
}

function typedValue(text, kind) {
  const t = String(text).trim();
  return kind === 'int' && /^-?\d+$/.test(t) ? Number(t) : t;
}

function splitList(text) {
  return String(text).split(',').map(s => s.trim()).filter(s => s.length > 0);
}

// ---- spec -> tree ------------------------------------------------------------------------------

/** A tree for any JSON: what the controls cannot express becomes a raw node, never a silent change. */
export function fromSpec(json) {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return raw(json);
  try {
    const node = fromKnown(json);
    if (node && sameJson(toSpec(node), json)) return node;
  } catch {
    // Falls through to raw: the spec has a shape the controls do not model.
  }
  return raw(json);
}

function fromKnown(json) {
  switch (json.type) {
    case 'and':
    case 'or':
      if (!Array.isArray(json.of)) return null;
      return group(json.type, json.of.map(fromSpec));
    case 'not':
      return not(json.of === undefined ? null : fromSpec(json.of));
    case 'attribute': {
      const node = attribute(json.field, json.op);
      const text = v => (v === null || v === undefined ? '' : String(v));
      const shape = valueShape(json.op);
      if (shape === 'two' && Array.isArray(json.value)) { node.v1 = text(json.value[0]); node.v2 = text(json.value[1]); }
      else if (shape === 'list' && Array.isArray(json.value)) node.list = json.value.map(text).join(', ');
      else if (shape === 'one' || shape === 'duration') node.v1 = text(json.value);
      node.ignoreCase = json.ignoreCase === true;
      return node;
    }
    case 'event': {
      const node = event(json.name ?? '');
      node.window = windowFrom(json.window);
      for (const m of ['count', 'distinctDays', 'first', 'last']) {
        if (json[m] === undefined) continue;
        node.measure = m;
        node.mop = json[m].op;
        const v = json[m].value;
        if (Array.isArray(v)) { node.m1 = String(v[0] ?? ''); node.m2 = String(v[1] ?? ''); } else node.m1 = String(v ?? '');
      }
      return node;
    }
    case 'sequence': {
      const node = sequence();
      node.window = windowFrom(json.window);
      node.steps = (json.steps ?? []).map(s => ({ ...step(s.name ?? ''), within: s.within ?? '', absent: s.absent === true }));
      return node;
    }
    case 'segment':
      return segmentRef(json.id ?? '');
    default:
      return null;
  }
}

function windowFrom(w) {
  const out = emptyWindow();
  if (!w) return out;
  if (w.last !== undefined) { out.mode = 'last'; out.last = String(w.last); }
  else { out.mode = 'range'; out.from = w.from ?? ''; out.to = w.to ?? ''; }
  return out;
}

function sameJson(a, b) {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map(k => [k, canonical(v[k])]));
  }
  return v;
}
