// Explain: why one question got its answers. Retrieval (BM25 and dense scores, fused, which
// passages the reader read), the reader's top spans per passage, the graph stage's steps
// (linked entity, relation paths and their probabilities, the Cypher that ran) and the fusion.
import { api, collectionPicker, fmt, h, table } from './api.js';
import { highlighted, timingsBar } from './highlight.js';

export async function render(root, params) {
  const question = h('input', { id: 'explain-question', value: params.get('q') || '', size: 60,
    placeholder: 'Question to explain' });
  const picker = await collectionPicker('explain-collection', params.get('collection'));
  const out = h('div', { id: 'explanation' });
  root.append(h('h1', {}, 'Explain'),
    h('form', { class: 'card row', onsubmit: async (e) => {
      e.preventDefault();
      await explain(out, question.value, picker.value);
    } }, question, picker, h('button', { id: 'explain', type: 'submit' }, 'Explain')), out);
  if (question.value) await explain(out, question.value, picker.value);
}

async function explain(out, question, collection) {
  out.replaceChildren(h('p', { class: 'muted' }, 'Running the pipeline…'));
  const x = await api('/api/explain', { method: 'POST', body: { question, collection, topK: 5 } });
  out.replaceChildren(
    h('div', { class: 'card' }, h('div', { class: 'muted' },
      `config ${x.configVersion} · model ${x.modelVersion}`,
      x.reading ? ` · read ${x.reading.passagesRead} passages in ${x.reading.rounds} round(s), ${x.reading.windows} windows, ${x.reading.passes} passes` : ''),
      timingsBar(x.timings)),
    h('h2', {}, 'Answers and fusion'), fusionTable(x),
    h('h2', {}, 'Retrieval'), retrieval(x.retrieval),
    h('h2', {}, 'Reader spans per passage'), spans(x),
    h('h2', {}, 'Graph stage'), graph(x.graph));
}

function fusionTable(x) {
  const f = x.fusion || {};
  const rows = (f.answers || x.answers || []).map((a, i) => h('tr', {},
    h('td', {}, i + 1), h('td', {}, a.text), h('td', {}, a.source),
    h('td', { class: 'num' }, fmt(a.readerScore)), h('td', { class: 'num' }, fmt(a.passageScore)),
    h('td', { class: 'num' }, fmt(a.kgScore)), h('td', { class: 'num' }, fmt(a.score ?? a.fused))));
  const settings = Object.entries(f).filter(([k]) => k !== 'answers');
  return h('div', {},
    table(['#', 'answer', 'source', 'reader', 'retrieval', 'graph', 'fused'], rows, { id: 'fusion' }),
    settings.length ? h('p', { class: 'muted' }, settings.map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(' · ')) : null);
}

function retrieval(r) {
  if (!r) return h('p', { class: 'muted' }, 'no retrieval trace');
  const settings = Object.entries(r).filter(([k]) => k !== 'passages');
  const rows = (r.passages || []).map((p, i) => h('tr', { class: p.read ? 'read' : '' },
    h('td', {}, i + 1),
    h('td', {}, h('div', {}, h('b', {}, p.title || p.docId), h('span', { class: 'muted' }, ` ${p.passageId}`)),
      h('div', { class: 'muted' }, (p.text || '').slice(0, 220) + ((p.text || '').length > 220 ? '…' : ''))),
    h('td', { class: 'num' }, fmt(p.score)), h('td', { class: 'num' }, fmt(p.bm25)),
    h('td', { class: 'num' }, p.bm25Rank ?? '–'), h('td', { class: 'num' }, fmt(p.dense)),
    h('td', { class: 'num' }, p.denseRank ?? '–'),
    h('td', {}, h('span', { class: 'badge ' + (p.read ? 'ok' : '') }, p.read ? 'read' : 'not read'))));
  return h('div', {},
    h('p', { class: 'muted' }, settings.map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(' · ')),
    table(['#', 'passage', 'fused', 'BM25', 'BM25 rank', 'dense', 'dense rank', 'reader'], rows, { id: 'retrieved' }));
}

function spans(x) {
  const byPassage = x.spans || [];
  if (!byPassage.length) return h('p', { class: 'muted' }, 'The reader read no passage.');
  const passages = Object.fromEntries((x.retrieval?.passages || []).map(p => [p.passageId, p]));
  return h('div', { id: 'spans' }, byPassage.map(entry => {
    const p = passages[entry.passageId] || {};
    const list = entry.spans || [];
    return h('div', { class: 'card' },
      h('div', {}, h('b', {}, p.title || entry.passageId), h('span', { class: 'muted' }, ' ' + entry.passageId)),
      list.length && p.text ? highlighted(p, list[0].start, list[0].end) : null,
      table(['span', 'score', 'offsets'], list.map(s => h('tr', {},
        h('td', {}, s.text), h('td', { class: 'num' }, fmt(s.score ?? s.probability)),
        h('td', { class: 'muted' }, `[${s.start}, ${s.end})`)))));
  }));
}

function graph(g) {
  if (!g) return h('p', { class: 'muted', id: 'graph-trace' }, 'The graph stage gave nothing (no entity linked, or Neo4j unavailable).');
  const e = g.entity;
  return h('div', { class: 'card', id: 'graph-trace' },
    h('div', {}, 'linked entity: ', e ? h('b', {}, `${e.name}`) : 'none',
      e ? h('span', { class: 'muted' }, ` (score ${fmt(e.score)}, chars ${e.start}–${e.end}) `) : '',
      e ? h('a', { href: `#/graph?uid=${encodeURIComponent(e.uid)}` }, 'open in graph') : ''),
    g.masked ? h('div', { class: 'muted' }, 'masked question: ', g.masked) : null,
    table(['relation path', 'probability'], (g.paths || []).map(p => h('tr', {},
      h('td', {}, (p.path?.relations || p.relations || p.path || []).join?.(' → ') ?? JSON.stringify(p.path ?? p)),
      h('td', { class: 'num' }, fmt(p.probability ?? p.score))))),
    g.executed ? h('div', {}, h('div', { class: 'muted' }, 'Cypher that ran:'), h('pre', { id: 'cypher' }, g.executed)) : null,
    table(['graph answer', 'score'], (g.answers || []).map(a => h('tr', {},
      h('td', {}, a.name ?? a.text ?? JSON.stringify(a)), h('td', { class: 'num' }, fmt(a.score))))));
}
