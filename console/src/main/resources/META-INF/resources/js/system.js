// System: each service's health with every check it runs (Kafka, Neo4j, indexes, models; the
// cause when one is down) and its key metrics. Refreshed every 5 s while open.
import { api, fmt, h, table } from './api.js';

export async function render(root) {
  const out = h('div', { id: 'system' });
  root.append(h('h1', {}, 'System'), out);
  await refresh(out);
}

function metricRows(m) {
  const pretty = {
    process_uptime_seconds: (v) => `${(v / 60).toFixed(1)} min`,
    heap_used_bytes: (v) => `${(v / 1048576).toFixed(0)} MB`,
    process_cpu_usage: (v) => `${(100 * v).toFixed(1)} %`,
    system_cpu_usage: (v) => `${(100 * v).toFixed(1)} %`,
    http_requests_mean_ms: (v) => `${v} ms`,
  };
  return Object.entries(m || {}).map(([k, v]) => h('tr', {},
    h('td', {}, k), h('td', { class: 'num' }, pretty[k] ? pretty[k](v) : k.endsWith('_mean_ms') ? `${v} ms` : fmt(v, Number.isInteger(v) ? 0 : 2))));
}

async function refresh(out) {
  const s = await api('/api/system');
  out.replaceChildren(
    h('div', { class: 'grid4', id: 'components' }, (s.components || []).map(c =>
      h('div', { class: 'card component', 'data-component': c.name },
        h('div', { class: 'row' }, h('b', {}, c.name), h('span', { class: 'badge status-' + c.status }, c.status)),
        h('div', { class: 'muted' }, c.detail)))),
    ...s.services.map(svc => h('div', { class: 'card service', 'data-service': svc.name },
    h('div', { class: 'row' }, h('b', {}, svc.name), h('span', { class: 'muted' }, svc.url),
      h('span', { class: 'badge status-' + svc.status }, svc.status)),
    svc.error ? h('p', { class: 'error' }, svc.error) : null,
    h('div', { class: 'grid2' },
      table(['check', 'status', 'data'], (svc.checks || []).map(c => h('tr', {},
        h('td', {}, c.name), h('td', {}, h('span', { class: 'badge status-' + c.status }, c.status)),
        h('td', { class: 'muted' }, c.data ? Object.entries(c.data).map(([k, v]) => `${k}: ${v}`).join(' · ') : '')))),
      table(['metric', 'value'], metricRows(svc.metrics))))));
  setTimeout(() => { if (out.isConnected) refresh(out).catch(() => {}); }, 5000);
}
