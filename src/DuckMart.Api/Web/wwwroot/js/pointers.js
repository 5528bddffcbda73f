// Maps the server's error pointers (RFC 6901, into the request body) onto the builder's nodes.
// toSpec records the pointer of every node; an error belongs to the node with the longest pointer
// that is a prefix of the error's, and the rest of the pointer names the control at fault
// (/where/of/1/count/value -> node at /where/of/1, control "count").

/**
 * @param {Array<{pointer: string, code: string, message: string}>} errors
 * @param {Map<string, {nodeId: string, stepId?: string}>} pointers from toSpec
 * @returns {{ byNode: Map<string, Array<object>>, unplaced: Array<object> }}
 */
export function placeErrors(errors, pointers) {
  const byNode = new Map();
  const unplaced = [];
  for (const error of errors ?? []) {
    const pointer = String(error.pointer ?? '');
    const owner = longestPrefix(pointer, pointers);
    if (!owner) {
      unplaced.push(error);
      continue;
    }
    const target = pointers.get(owner);
    const rest = pointer.slice(owner.length).split('/').filter(Boolean).map(unescape);
    const placed = { ...error, stepId: target.stepId, control: rest[0] ?? null, path: rest };
    if (!byNode.has(target.nodeId)) byNode.set(target.nodeId, []);
    byNode.get(target.nodeId).push(placed);
  }
  return { byNode, unplaced };
}

function longestPrefix(pointer, pointers) {
  let best = null;
  for (const key of pointers.keys()) {
    if ((pointer === key || pointer.startsWith(key + '/')) && (best === null || key.length > best.length)) best = key;
  }
  return best;
}

function unescape(token) {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
