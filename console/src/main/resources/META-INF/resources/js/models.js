// Models: the registry's reader and graph versions with their metrics, lineage and newest
// decision, which one qa-service serves, and buttons to promote a version or roll back.
import { api, collectionPicker, fmt, followJob, h, isOperator, table, toast, when } from './api.js';

const PAGE = 20;

export async function render(root) {
  const active = h('div', { id: 'active-models' });
  const list = h('div', { id: 'models' });
  const decisions = h('div', { id: 'model-decisions' });
  const again = () => refresh(active, list, decisions, 0);
  root.append(h('h1', {}, 'Models'), await refreshForm(again), active, list,
    h('h2', {}, 'Gate decisions'), decisions);
  await again();
}

// Starts a reader refresh or a graph refresh on a collection's feedback; the job trains a new
// version into the registry and puts it to the gate, which promotes it only when it is better.
async function refreshForm(again) {
  const picker = await collectionPicker('refresh-collection');
  const status = h('span', { class: 'muted', id: 'refresh-status' });
  const start = (kind) => async () => {
    try {
      const job = await api('/api/loop/jobs', { method: 'POST', body: { kind, collection: picker.value } });
      followJob(job.id, status, again);
    } catch (e) { toast(e.message); }
  };
  return h('div', { class: 'card row' }, h('b', {}, 'Train from feedback'), picker,
    h('button', { id: 'start-refresh', disabled: !isOperator(), onclick: start('refresh') }, 'Refresh reader'),
    h('button', { id: 'start-graph-refresh', class: 'secondary', disabled: !isOperator(),
      onclick: start('graph-refresh') }, 'Refresh graph model'), status);
}


async function refresh(active, list, decisions, offset) {
  const [m, champions, d] = await Promise.all([
    api(`/api/models?limit=${PAGE}&offset=${offset}`),
    api('/api/champion').catch(() => null),
    api('/api/decisions?limit=50')]);
  const again = () => refresh(active, list, decisions, offset);
  active.replaceChildren(h('div', { class: 'grid2' },
    ['model', 'graph'].map(kind => served(kind, champions?.[kind], again))));
  list.replaceChildren(h('h2', {}, `Registry (${m.total} versions)`),
    table(['version', 'kind', 'created', 'parent', 'lineage', 'collection', 'metrics', 'decision', ''],
      m.items.map(v => h('tr', { 'data-version': v.version, class: v.active ? 'active' : '' },
        h('td', {}, h('b', {}, v.version), v.active ? h('span', { class: 'badge ok active-badge' }, ' serving') : ''),
        h('td', {}, v.kind), h('td', { class: 'muted' }, when(v.createdAtMillis)),
        h('td', {}, v.parent ?? ''), h('td', { class: 'muted' }, [...(v.lineage || [])].join(' → ') || (v.base ?? '')),
        h('td', {}, v.collection ?? ''),
        h('td', { class: 'muted' }, metrics(v.metrics)),
        h('td', {}, v.decision ? h('span', { class: 'badge status-' + v.decision.decision,
          title: v.decision.reason || '' }, v.decision.decision) : ''),
        h('td', {}, h('button', { class: 'promote', disabled: !isOperator() || v.active, onclick: async () => {
          if (!confirm(`Serve ${v.version}?`)) return;
          try {
            await api(`/api/models/${encodeURIComponent(v.version)}/promote`, { method: 'POST' });
            toast(`${v.version} promoted`, 'info');
            await waitFor(v.kind === 'graph' ? 'graph' : 'model', v.version);
            await again();
          } catch (e) { toast(e.message); }
        } }, 'Promote')))), { id: 'models-table' }),
    h('div', { class: 'pager row' },
      h('button', { class: 'secondary', disabled: offset === 0,
        onclick: () => refresh(active, list, decisions, Math.max(0, offset - PAGE)) }, '← newer'),
      h('button', { class: 'secondary', disabled: offset + PAGE >= m.total,
        onclick: () => refresh(active, list, decisions, offset + PAGE) }, 'older →')));
  decisions.replaceChildren(table(['when', 'kind', 'decision', 'champion', 'candidate', 'Δ', '95% CI', 'n', 'reason'],
    d.items.filter(x => x.kind !== 'config').map(x => h('tr', {},
      h('td', { class: 'muted' }, when(x.at)), h('td', {}, x.kind),
      h('td', {}, h('span', { class: 'badge status-' + x.decision }, x.decision)),
      h('td', {}, x.champion ?? ''), h('td', {}, x.candidate ?? ''), h('td', { class: 'num' }, fmt(x.delta, 4)),
      h('td', { class: 'num' }, x.ciLow == null ? '–' : `[${fmt(x.ciLow, 3)}, ${fmt(x.ciHigh, 3)}]`),
      h('td', { class: 'num' }, x.n ?? ''), h('td', { class: 'muted' }, x.reason ?? '')))));
}

function served(kind, c, again) {
  const label = kind === 'model' ? 'Reader' : 'Graph model';
  return h('div', { class: 'card', id: `served-${kind}` },
    h('div', {}, `${label} served: `, h('b', { class: 'served-version' }, c?.version ?? '–')),
    c?.previous ? h('div', { class: 'muted' }, `replaced ${c.previous}`) : null,
    c?.reason ? h('div', { class: 'muted' }, c.reason) : null,
    c?.atMillis ? h('div', { class: 'muted' }, when(c.atMillis)) : null,
    h('button', { class: 'danger', id: `rollback-${kind}`, disabled: !isOperator() || !c?.previous,
      onclick: async () => {
        if (!confirm(`Serve the previous ${label.toLowerCase()} again?`)) return;
        try {
          const r = await api('/api/rollback', { method: 'POST', body: { kind } });
          toast(`${label} rolled back from ${r.from} to ${r.to}`, 'info');
          await waitFor(kind, r.to);
          await again();
        } catch (e) { toast(e.message); }
      } }, 'Roll back'));
}

// A promotion reaches qa-service through Kafka: wait (up to 30 s) until it serves the version.
async function waitFor(kind, version) {
  for (let i = 0; i < 60; i++) {
    const c = await api('/api/champion').catch(() => null);
    if (c?.[kind]?.version === version) return;
    await new Promise(r => setTimeout(r, 500));
  }
  toast(`qa-service does not serve ${version} yet`);
}

// A version's scalar metrics, nested ones flattened (examples.feedback), at most eight.
function metrics(m, prefix = '') {
  return Object.entries(m || {}).flatMap(([k, v]) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) return metrics(v, `${prefix}${k}.`).split(' · ');
    if (typeof v === 'number') return [`${prefix}${k} ${fmt(v, 3)}`];
    return typeof v === 'string' && v.length < 40 ? [`${prefix}${k} ${v}`] : [];
  }).filter(Boolean).slice(0, 8).join(' · ');
}
