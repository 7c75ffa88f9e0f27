// A source document: its passages in order, with the answer's span marked where it falls.
import { api, h } from './api.js';
import { highlighted } from './highlight.js';

export async function render(root, params) {
  const collection = params.get('collection');
  const id = params.get('id');
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  const passages = await api(`/api/documents/${encodeURIComponent(id)}/passages?collection=${encodeURIComponent(collection)}`);
  const list = Array.isArray(passages) ? passages : passages.passages || [];
  root.append(h('h1', {}, list[0]?.title || id),
    h('p', { class: 'muted' }, `document ${id} in ${collection} · ${list.length} passages`),
    list.map(p => h('div', { class: 'card', id: 'passage-' + p.passageId },
      h('div', { class: 'muted' }, `${p.passageId} [${p.start}, ${p.end})`),
      highlighted(p, start, end))));
}
