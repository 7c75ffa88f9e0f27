// Collections and jobs: what each collection holds, its documents (paged, deletable), uploads,
// and the ingestion and loop jobs with live progress (polled every 2 s while the page is open).
import { api, h, isOperator, table, toast, when } from './api.js';

const PAGE = 20;

export async function render(root, params) {
  const selected = params.get('collection');
  const collections = await api('/api/collections');
  const docs = h('div', { id: 'documents' });
  const jobs = h('div', { id: 'jobs' });
  root.append(h('h1', {}, 'Collections and jobs'),
    table(['collection', 'documents', 'passages', 'embedded', 'entities', 'relations'],
      collections.map(c => h('tr', { 'data-collection': c.name },
        h('td', {}, h('a', { href: `#/collections?collection=${encodeURIComponent(c.name)}` }, c.name)),
        h('td', { class: 'num' }, c.documents), h('td', { class: 'num' }, c.passages),
        h('td', { class: 'num' }, c.embedded), h('td', { class: 'num' }, c.entities ?? '–'),
        h('td', { class: 'num' }, c.relations ?? '–'))), { id: 'collections' }),
    uploadForm(selected || collections[0]?.name || 'default', jobs),
    docs, h('h2', {}, 'Jobs'), jobs);
  if (selected) await documents(docs, selected, 0);
  await pollJobs(jobs);
}

function uploadForm(collection, jobs) {
  const file = h('input', { type: 'file', id: 'upload-file' });
  const name = h('input', { id: 'upload-collection', value: collection, size: 16 });
  const format = h('select', { id: 'upload-format' }, ['auto', 'jsonl', 'json', 'text', 'markdown',
    'html', 'squad', 'beir', 'triples', 'ntriples'].map(f => h('option', { value: f }, f)));
  return h('form', { class: 'card row', onsubmit: async (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) return toast('choose a file first');
    const q = new URLSearchParams({ collection: name.value });
    if (format.value !== 'auto') q.set('format', format.value);
    if (['text', 'markdown', 'html'].includes(format.value)) { q.set('id', f.name); q.set('title', f.name); }
    try {
      const r = await api('/api/documents?' + q, { method: 'POST', raw: await f.arrayBuffer(),
        contentType: f.type || 'application/octet-stream' });
      toast(`job ${r.jobId}: ${r.accepted} accepted, ${r.rejected ?? 0} rejected`, 'info');
      await pollJobs(jobs, true);
    } catch (err) { toast(err.message); }
  } }, h('b', {}, 'Upload'), file, h('label', {}, 'into ', name), format,
  h('button', { type: 'submit', id: 'upload', disabled: !isOperator() }, 'Upload'));
}

async function documents(out, collection, offset) {
  const page = await api(`/api/collections/${encodeURIComponent(collection)}/documents?offset=${offset}&limit=${PAGE}`);
  const rows = page.items.map(d => h('tr', {},
    h('td', {}, h('a', { href: `#/document?collection=${encodeURIComponent(collection)}&id=${encodeURIComponent(d.id)}` }, d.id)),
    h('td', {}, d.title), h('td', { class: 'num' }, d.passages),
    h('td', {}, h('button', { class: 'danger delete-doc', disabled: !isOperator(), onclick: async () => {
      if (!confirm(`Delete document ${d.id} from ${collection}?`)) return;
      try {
        await api(`/api/documents/${encodeURIComponent(d.id)}?collection=${encodeURIComponent(collection)}`, { method: 'DELETE' });
        toast(`deleted ${d.id}`, 'info');
        await documents(out, collection, offset);
      } catch (e) { toast(e.message); }
    } }, 'Delete'))));
  out.replaceChildren(h('h2', {}, `Documents of ${collection} (${page.total})`),
    table(['id', 'title', 'passages', ''], rows),
    h('div', { class: 'pager row' },
      h('button', { class: 'secondary', disabled: offset === 0,
        onclick: () => documents(out, collection, Math.max(0, offset - PAGE)) }, '← previous'),
      h('span', { class: 'muted' }, `${offset + 1}–${offset + page.items.length} of ${page.total}`),
      h('button', { class: 'secondary', disabled: offset + PAGE >= page.total,
        onclick: () => documents(out, collection, offset + PAGE) }, 'next →')));
}

function progress(done, total) {
  return total ? `${done}/${total} (${Math.round(100 * done / total)}%)` : `${done ?? 0}`;
}

async function pollJobs(out, once = false) {
  if (!out.isConnected && out.dataset.polled) return;
  out.dataset.polled = '1';
  const [ingest, loop] = await Promise.all([
    api('/api/ingest/jobs').catch(() => []), api('/api/loop/jobs?limit=20').catch(() => [])]);
  const ingestRows = ingest.slice(-20).reverse().map(j => h('tr', { 'data-job': j.id },
    h('td', {}, j.id.slice(0, 8)), h('td', {}, j.collection),
    h('td', {}, h('span', { class: 'badge status-' + j.status }, j.status)),
    h('td', {}, progress(j.processed, j.total)), h('td', {}, progress(j.extracted, j.total)),
    h('td', {}, progress(j.embedded, j.total)),
    h('td', { class: 'muted' }, Object.entries(j.counters || {}).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ')),
    h('td', { class: 'muted' }, (j.updatedAt || '').slice(0, 19).replace('T', ' '))));
  const loopRows = loop.map(j => h('tr', {},
    h('td', {}, (j.id || '').slice(0, 12)), h('td', {}, j.kind), h('td', {}, j.collection),
    h('td', {}, h('span', { class: 'badge status-' + j.state }, j.state)),
    h('td', {}, j.progress ? `${j.progress.stage || ''} ${progress(j.progress.done, j.progress.total)}` : ''),
    h('td', { class: 'muted' }, j.result?.decision || j.error || ''),
    h('td', { class: 'muted' }, when(j.createdAt))));
  out.replaceChildren(
    h('h3', {}, 'Ingestion'),
    table(['job', 'collection', 'status', 'written', 'extracted', 'embedded', 'counters', 'updated'], ingestRows, { id: 'ingest-jobs' }),
    h('h3', {}, 'Retune and refresh'),
    table(['job', 'kind', 'collection', 'status', 'progress', 'outcome', 'started'], loopRows, { id: 'loop-jobs' }));
  const active = [...ingest.map(j => j.status), ...loop.map(j => j.state)]
    .some(s => ['running', 'queued'].includes(s));
  if (!once && (active || !out.dataset.quiet)) {
    out.dataset.quiet = active ? '' : '1';
    setTimeout(() => { if (out.isConnected) pollJobs(out); }, 2000);
  }
}
