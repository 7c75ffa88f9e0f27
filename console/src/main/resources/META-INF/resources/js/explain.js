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
  const rows = (f.answers || []).map((a, i) => h('tr', {},
    h('td', {}, i + 1), h('td', {}, a.text), h('td', {}, a.source),
    h('td', { class: 'num' }, fmt(a.readerScore)), h('td', { class: 'num' }, fmt(a.passageScore)),
    h('td', { class: 'num' }, fmt(a.textScore)), h('td', { class: 'num' }, fmt(a.kgScore)),
    h('td', { class: 'num' }, h('b', {}, fmt(a.score)))));
  return h('div', {},
    h('p', { class: 'muted', id: 'fusion-rule' },
      `score = (1 − ${fmt(f.kgWeight, 2)}) × text + ${fmt(f.kgWeight, 2)} × graph; ` +
      `text = reader × retrieval prior^${fmt(f.passageWeight, 2)}; ` +
      `graph answers below ${fmt(f.graphMinConfidence, 2)} dropped`),
    table(['#', 'answer', 'source', 'reader', 'retrieval', 'text', 'graph', 'fused'], rows, { id: 'fusion' }));
}

function retrieval(r) {
  if (!r) return h('p', { class: 'muted' }, 'no retrieval trace');
  const s = r.settings || {};
  const rows = (r.passages || []).map(p => h('tr', { class: p.read ? 'read' : '' },
    h('td', {}, p.rank),
    h('td', {}, h('div', {}, h('b', {}, p.title || p.docId), h('span', { class: 'muted' }, ` ${p.passageId}`)),
      h('div', { class: 'muted' }, (p.text || '').slice(0, 220) + ((p.text || '').length > 220 ? '…' : ''))),
    h('td', { class: 'num' }, fmt(p.score)), h('td', { class: 'num' }, fmt(p.bm25)),
    h('td', { class: 'num' }, p.bm25Rank ?? '–'), h('td', { class: 'num' }, fmt(p.dense)),
    h('td', { class: 'num' }, p.denseRank ?? '–'),
    h('td', {}, h('span', { class: 'badge ' + (p.read ? 'ok' : '') }, p.read ? 'read' : 'not read'))));
  return h('div', {},
    h('p', { class: 'muted' }, `mode ${s.mode ?? 'bm25'} · fusion ${s.fusion ?? '–'} · depth ${s.depth ?? '–'} · ` +
      `top ${r.topK} · BM25 k1 ${fmt(r.bm25K1, 2)} b ${fmt(r.bm25B, 2)} · title boost ${fmt(r.titleBoost, 2)} · ` +
      `searched: ${[r.bm25Searched ? 'BM25' : null, r.denseSearched ? 'dense' : null].filter(Boolean).join(' + ') || 'nothing'}` +
      (r.cascade ? ` · cascade: first ${r.cascade.first}, exit at ${fmt(r.cascade.exitScore, 2)}` : '')),
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
      h('div', {}, h('b', {}, `#${entry.rank} ${p.title || entry.passageId}`), h('span', { class: 'muted' }, ' ' + entry.passageId)),
      list.length && p.text ? highlighted(p, list[0].docStart, list[0].docEnd) : null,
      table(['span', 'probability', 'logit', 'document offsets', ''], list.map(s => h('tr', {},
        h('td', {}, s.text), h('td', { class: 'num' }, fmt(s.probability)), h('td', { class: 'num' }, fmt(s.logit, 2)),
        h('td', { class: 'muted' }, `[${s.docStart}, ${s.docEnd})`),
        h('td', {}, h('span', { class: 'badge ' + (s.kept ? 'ok' : '') }, s.kept ? 'kept' : 'below min score'))))));
  }));
}

function graph(g) {
  if (!g) return h('p', { class: 'muted', id: 'graph-trace' }, 'The graph stage did not run (no graph for this collection, or Neo4j unavailable).');
  const e = g.entity;
  return h('div', { class: 'card', id: 'graph-trace' },
    h('div', {}, 'linked entity: ', e ? h('b', {}, e.name) : 'none',
      e ? h('span', { class: 'muted' }, ` (score ${fmt(e.score)}, chars ${e.start}–${e.end}) `) : '',
      e ? h('a', { href: `#/graph?uid=${encodeURIComponent(e.uid)}` }, 'open in graph') : ''),
    g.masked ? h('div', { class: 'muted' }, 'masked question: ', g.masked) : null,
    table(['relation path', 'probability'], (g.paths || []).map(p => h('tr', {},
      h('td', {}, p.path), h('td', { class: 'num' }, fmt(p.probability))))),
    g.executed ? h('div', {}, h('div', { class: 'muted' }, 'Cypher that ran:'), h('pre', { id: 'cypher' }, g.executed)) : null,
    table(['graph answer', 'confidence', 'path'], (g.answers || []).map(a => h('tr', {},
      h('td', {}, a.text), h('td', { class: 'num' }, fmt(a.confidence)),
      h('td', { class: 'muted' }, (a.path || []).join(' → '))))));
}
