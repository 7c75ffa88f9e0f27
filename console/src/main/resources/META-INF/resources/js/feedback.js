// Feedback: accuracy over time per configVersion/modelVersion (aggregated in the feedback
// service, so 10,000 events are a few dozen points) and the latest events, paged and filtered.
import { api, collectionPicker, fmt, h, table, when } from './api.js';

const PAGE = 25;

export async function render(root, params) {
  const picker = await collectionPicker('feedback-collection', params.get('collection'));
  const bucket = h('select', { id: 'feedback-bucket' },
    ['hour', 'day'].map(b => h('option', { value: b, selected: b === (params.get('bucket') || 'hour') }, b)));
  const verdict = h('select', { id: 'feedback-verdict' },
    ['', 'correct', 'incorrect'].map(v => h('option', { value: v }, v || 'any verdict')));
  const summary = h('div', { id: 'feedback-summary', class: 'muted' });
  const chart = h('div', { class: 'chart', id: 'feedback-chart' });
  const events = h('div', { id: 'feedback-events' });
  const refresh = async () => {
    await timeline(chart, summary, picker.value, bucket.value);
    await page(events, picker.value, verdict.value, 0);
  };
  for (const s of [picker, bucket, verdict]) s.addEventListener('change', refresh);
  root.append(h('h1', {}, 'Feedback'),
    h('div', { class: 'card row' }, picker, bucket, verdict,
      h('button', { class: 'secondary', id: 'feedback-refresh', onclick: refresh }, 'Refresh')),
    h('div', { class: 'card' }, summary, chart), h('h2', {}, 'Latest events'), events);
  await refresh();
}

// One line per (configVersion, modelVersion) with the accuracy of its labelled events per
// bucket, plus the overall accuracy and the event counts as bars.
async function timeline(el, summary, collection, bucket) {
  const t = await api(`/api/feedback/timeline?collection=${encodeURIComponent(collection)}&bucket=${bucket}`);
  const x = t.buckets.map(b => when(b.startMillis).slice(0, bucket === 'day' ? 10 : 16));
  const keys = new Map();
  t.buckets.forEach((b, i) => (b.versions || []).forEach(v => {
    const key = `config ${v.configVersion} · model ${v.modelVersion}`;
    if (!keys.has(key)) keys.set(key, new Array(t.buckets.length).fill(null));
    keys.get(key)[i] = v.counts.accuracy;
  }));
  const total = t.buckets.reduce((s, b) => s + b.counts.correct + b.counts.incorrect + b.counts.other, 0);
  const correct = t.buckets.reduce((s, b) => s + b.counts.correct, 0);
  const incorrect = t.buckets.reduce((s, b) => s + b.counts.incorrect, 0);
  summary.replaceChildren(h('span', { id: 'feedback-total' }, `${total}`), ' events · ',
    `${correct} correct, ${incorrect} incorrect · accuracy `,
    h('b', {}, correct + incorrect ? fmt(correct / (correct + incorrect)) : '–'),
    ` · ${keys.size} config/model combinations`);
  el.dataset.events = total;
  const chart = echarts.getInstanceByDom(el) || echarts.init(el);
  chart.setOption({
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 },
    grid: { left: 50, right: 50, top: 20, bottom: 60 },
    xAxis: { type: 'category', data: x },
    yAxis: [{ type: 'value', min: 0, max: 1, name: 'accuracy' }, { type: 'value', name: 'events' }],
    series: [
      { name: 'events', type: 'bar', yAxisIndex: 1, itemStyle: { color: '#d9dee7' },
        data: t.buckets.map(b => b.counts.correct + b.counts.incorrect + b.counts.other) },
      { name: 'all versions', type: 'line', data: t.buckets.map(b => b.counts.accuracy), lineStyle: { width: 3 } },
      ...[...keys].map(([name, data]) => ({ name, type: 'line', data, connectNulls: true, symbolSize: 6 }))]
  }, true);
}

async function page(el, collection, verdict, offset) {
  const q = new URLSearchParams({ collection, limit: PAGE, offset });
  if (verdict) q.set('verdict', verdict);
  const p = await api('/api/feedback?' + q);
  el.replaceChildren(
    table(['when', 'question', 'answer', 'verdict', 'right answer', 'config', 'model'],
      p.items.map(e => h('tr', { 'data-event': e.eventId },
        h('td', { class: 'muted' }, when(e.timestampMillis)), h('td', {}, e.question),
        h('td', {}, e.answer ?? ''),
        h('td', {}, h('span', { class: 'badge ' + (e.verdict === 'correct' ? 'ok' : e.verdict === 'incorrect' ? 'bad' : '') }, e.verdict)),
        h('td', {}, e.correctAnswer ?? ''), h('td', { class: 'muted' }, e.configVersion ?? ''),
        h('td', { class: 'muted' }, e.modelVersion ?? ''))), { id: 'feedback-table' }),
    h('div', { class: 'pager row' },
      h('button', { class: 'secondary', disabled: offset === 0,
        onclick: () => page(el, collection, verdict, Math.max(0, offset - PAGE)) }, '← newer'),
      h('span', { class: 'muted' }, p.total ? `${offset + 1}–${offset + p.items.length} of ${p.total}` : 'no events'),
      h('button', { class: 'secondary', disabled: offset + PAGE >= p.total,
        onclick: () => page(el, collection, verdict, offset + PAGE) }, 'older →')));
}
