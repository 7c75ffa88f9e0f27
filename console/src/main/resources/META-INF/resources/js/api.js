// One way to call the console's API: JSON in and out, the session cookie, a 401 shows the
// login form, and a problem body's detail is shown to the operator.

export class ApiError extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(f) { onUnauthorized = f; }

export async function api(path, { method = 'GET', body, raw, contentType } = {}) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (raw !== undefined) {
    payload = raw;
    headers['Content-Type'] = contentType || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (response.status === 401) {
    onUnauthorized();
    throw new ApiError(401, 'please sign in');
  }
  if (!response.ok) {
    const detail = (json && (json.detail || json.title)) || text || response.statusText;
    throw new ApiError(response.status, `${response.status}: ${detail}`);
  }
  return json;
}

export function toast(message, kind = 'error') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = kind;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 6000);
}

// Builds an element: h('td', {class: 'num'}, '1.0'); children may be strings, nodes or arrays.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function fmt(x, digits = 3) {
  return typeof x === 'number' && isFinite(x) ? x.toFixed(digits) : (x ?? '–');
}

export function when(ms) {
  return ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '–';
}

export function table(headers, rows, attrs = {}) {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, headers.map(x => h('th', {}, x)))),
    h('tbody', {}, rows));
}

// The user's roles, filled in at sign-in; operator controls are disabled without 'operator'.
export const session = { user: null, roles: [] };
export function isOperator() { return session.roles.includes('operator'); }

// The collections the pickers offer (ingest's list), cached for the page's life.
let collections;
export async function collectionNames() {
  if (!collections) {
    try { collections = (await api('/api/collections')).map(c => c.name); }
    catch (e) { collections = ['default']; }
  }
  return collections;
}

export async function collectionPicker(id, selected) {
  const names = await collectionNames();
  const pick = selected || (names.includes('demo') ? 'demo' : names[0]);
  return h('select', { id }, names.map(n => h('option', { value: n, selected: n === pick }, n)));
}

// Shows a loop job's state and progress in `el` until it ends (polled every 2 s while `el` is on
// the page), then calls onDone; el.dataset.state holds the state for the browser tests.
export async function followJob(id, el, onDone = async () => {}) {
  if (!el.isConnected) return;
  const j = await api(`/api/loop/jobs/${encodeURIComponent(id)}`).catch(() => null);
  if (!j) return;
  const p = j.progress || {};
  el.textContent = `${j.kind} ${j.id}: ${j.state}` + (p.stage ? ` · ${p.stage} ${p.done}/${p.total}` : '') +
    (j.result?.decision ? ` · ${j.result.decision}` + (j.result.delta != null ? ` (Δ ${fmt(j.result.delta, 4)})` : '') : '') +
    (j.error ? ` · ${j.error}` : '');
  el.dataset.job = j.id;
  el.dataset.state = j.state;
  if (j.state === 'queued' || j.state === 'running') setTimeout(() => followJob(id, el, onDone), 2000);
  else await onDone(j);
}
