// Knowledge graph: search an entity, see its neighbourhood as a force-directed graph (echarts)
// with relation types on the edges and the provenance passages in a table; click a node to
// expand it (its neighbours join the view).
import { api, collectionPicker, h, table } from './api.js';

export async function render(root, params) {
  const q = h('input', { id: 'entity-query', placeholder: 'entity name', value: params.get('q') || '' });
  const picker = await collectionPicker('graph-collection', params.get('collection'));
  const hits = h('div', { id: 'entity-hits' });
  const view = h('div', { class: 'graphview', id: 'graph-view' });
  const details = h('div', { id: 'graph-details' });
  root.append(h('h1', {}, 'Knowledge graph'),
    h('form', { class: 'card row', onsubmit: async (e) => {
      e.preventDefault();
      const found = await api(`/api/graph/entities?q=${encodeURIComponent(q.value)}&collection=${encodeURIComponent(picker.value)}`);
      hits.replaceChildren(found.length ? h('div', { class: 'row' }, found.map(x =>
        h('button', { class: 'secondary entity-hit', 'data-uid': x.uid,
          onclick: () => open(x.uid) }, `${x.name} (${x.degree})`))) : h('p', { class: 'muted' }, 'No entity found.'));
    } }, q, picker, h('button', { type: 'submit', id: 'entity-search' }, 'Search')),
    hits, view, details);

  const chart = echarts.init(view);
  const nodes = new Map();
  const edges = new Map();
  const provenance = [];
  const draw = () => chart.setOption({
    tooltip: { formatter: (p) => p.dataType === 'edge' ? p.data.label.formatter : p.data.name },
    series: [{ type: 'graph', layout: 'force', roam: true, draggable: true,
      force: { repulsion: 400, edgeLength: 140 }, edgeSymbol: ['none', 'arrow'],
      label: { show: true, position: 'right' },
      data: [...nodes.values()], links: [...edges.values()],
      edgeLabel: { show: true, fontSize: 10, formatter: (p) => p.data.label.formatter } }] }, true);

  async function open(uid) {
    const n = await api(`/api/graph/entities/${encodeURIComponent(uid)}`);
    const e = n.entity;
    nodes.set(e.uid, { id: e.uid, name: e.name, symbolSize: 28, expanded: true,
      itemStyle: { color: '#2456c8' } });
    for (const r of n.relations) {
      if (!nodes.has(r.uid)) nodes.set(r.uid, { id: r.uid, name: r.name, symbolSize: 12 + Math.min(16, r.degree) });
      const [s, t] = r.outgoing ? [e.uid, r.uid] : [r.uid, e.uid];
      edges.set(`${s}|${r.type}|${t}`, { source: s, target: t, label: { formatter: r.relation || r.type } });
      provenance.push({ head: r.outgoing ? e.name : r.name, type: r.relation || r.type,
        tail: r.outgoing ? r.name : e.name, r });
    }
    draw();
    view.dataset.nodes = nodes.size;
    details.replaceChildren(h('h2', {}, `${e.name}`),
      h('p', { class: 'muted' }, `${e.collection} · ${e.mentions} mentions · ${e.degree} relations` +
        (n.truncated ? ` (showing ${n.relations.length})` : '') + ` · ${nodes.size} nodes in view`),
      table(['head', 'relation', 'tail', 'provenance'], provenance.slice(-200).reverse().map(p =>
        h('tr', {}, h('td', {}, p.head), h('td', {}, p.type), h('td', {}, p.tail),
          h('td', {}, p.r.passageId
            ? h('a', { href: `#/document?collection=${encodeURIComponent(p.r.passageCollection)}&id=${encodeURIComponent(p.r.docId)}` }, p.r.passageId)
            : h('span', { class: 'muted' }, p.r.source || ''))))));
  }

  chart.on('click', (p) => { if (p.dataType === 'node' && !nodes.get(p.data.id)?.expanded) open(p.data.id); });
  // The browser tests expand a node without pixel-hunting: the same call a click makes.
  view.expand = open;
  if (params.get('uid')) await open(params.get('uid'));
}
