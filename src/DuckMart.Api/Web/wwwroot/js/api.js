// The HTTP API the builder talks to (CONTRACT.md section 2, docs/web.md). Every call throws an
// ApiError carrying the problem+json body when the server says no.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }

  get errors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

async function call(method, url, body, { signal, accept = 'application/json' } = {}) {
  const response = await fetch(url, {
    method,
    signal,
    headers: { Accept: accept, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON: the status says enough */ }
    throw new ApiError(response.status, problem ?? { title: `${response.status} ${response.statusText}` });
  }
  return response;
}

const json = response => (response.status === 204 ? null : response.json());

/** The count only, with how long the round trip took in milliseconds and the answer's warnings (none: []). */
export async function countSegment(request, signal) {
  const started = performance.now();
  const result = await json(await call('POST', '/segments', { ...request, countOnly: true }, { signal }));
  return { count: result.count, ms: performance.now() - started, warnings: Array.isArray(result.warnings) ? result.warnings : [] };
}

export async function explainSegment(request, signal) {
  return json(await call('POST', '/segments', { ...request, countOnly: true, explain: true }, { signal }));
}

export async function profileSegment(request, signal) {
  return json(await call('POST', '/segments/profile', request, { signal }));
}

export async function segmentUsers(request, { limit, cursor }, signal) {
  return json(await call('POST', '/segments/users', { ...request, limit, cursor: cursor ?? null }, { signal }));
}

/** The segment's size at each point of a series: { points: [{ asOf, count }] } (CONTRACT.md section 5). */
export async function segmentSizes(body, signal) {
  return json(await call('POST', '/segments/sizes', body, { signal }));
}

/** Who entered and who left between from and to, each list capped at body.limit (CONTRACT.md section 5). */
export async function segmentChanges(body, signal) {
  return json(await call('POST', '/segments/changes', body, { signal }));
}

export async function segmentCsv(request) {
  return (await call('POST', '/segments', request, { accept: 'text/csv' })).blob();
}

/** Saved segments as [{ id, description, where }], whatever envelope the list comes in. */
export async function listSaved() {
  const body = await json(await call('GET', '/segments'));
  const items = Array.isArray(body) ? body
    : Array.isArray(body?.segments) ? body.segments
    : Array.isArray(body?.items) ? body.items
    : Object.entries(body ?? {}).map(([id, def]) => ({ id, ...def }));
  return items.map(s => ({ id: s.id, description: s.description ?? '', where: s.where }))
    .filter(s => typeof s.id === 'string')
    .sort((a, b) => a.id.localeCompare(b.id));
}

export async function getSaved(id) {
  return json(await call('GET', `/segments/${encodeURIComponent(id)}`));
}

export async function saveSegment(id, where, description) {
  return json(await call('PUT', `/segments/${encodeURIComponent(id)}`, { where, description }));
}

export async function deleteSaved(id) {
  await call('DELETE', `/segments/${encodeURIComponent(id)}`);
}
