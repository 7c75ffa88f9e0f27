// Tuning: the retune studies (server-paged), one study's trials, its best-so-far curve, parameter
// importance and slices (aggregated by the feedback service, so 1,000 trials stay light), the
// champion config, its promotions and rejections with their numbers, and a retune button.
import { api, collectionPicker, fmt, followJob, h, isOperator, table, toast, when } from './api.js';

const PAGE = 20;

export async function render(root, params) {
  const studies = h('div', { id: 'studies' });
  const study = h('div', { id: 'study' });
  const champion = h('div', { id: 'champion' });
  const decisions = h('div', { id: 'config-decisions' });
  root.append(h('h1', {}, 'Tuning'), await retuneForm(),
    h('h2', {}, 'Studies'), studies, study,
    h('h2', {}, 'Champion config'), champion,
    h('h2', {}, 'Promotions and rejections'), decisions);
  await Promise.all([
    listStudies(studies, study, 0, params.get('study')),
    showChampion(champion), showDecisions(decisions)]);
}

async function retuneForm() {
  const picker = await collectionPicker('retune-collection');
  const trials = h('input', { id: 'retune-trials', type: 'number', min: 1, max: 1000, value: 20, style: 'width:6em' });
  const status = h('span', { class: 'muted', id: 'retune-status' });
  return h('form', { class: 'card row', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const job = await api('/api/loop/jobs', { method: 'POST',
        body: { kind: 'retune', collection: picker.value, trials: Number(trials.value) } });
      followJob(job.id, status);
    } catch (err) { toast(err.message); }
  } }, h('b', {}, 'Retune'), picker, h('label', {}, 'trials ', trials),
  h('button', { type: 'submit', id: 'start-retune', disabled: !isOperator() }, 'Start retune'), status,
  isOperator() ? null : h('span', { class: 'muted' }, 'needs the operator role'));
}

async function listStudies(el, studyEl, offset, open) {
  const p = await api(`/api/studies?limit=${PAGE}&offset=${offset}`);
  el.replaceChildren(
    table(['study', 'collection', 'created', 'trials', 'complete', 'direction', 'best'],
      p.items.map(s => h('tr', { 'data-study': s.name },
        h('td', {}, h('a', { href: '#', class: 'study-link', onclick: (e) => { e.preventDefault(); showStudy(studyEl, s.name); } }, s.name)),
        h('td', {}, s.collection ?? ''), h('td', { class: 'muted' }, when(s.createdAtMillis)),
        h('td', { class: 'num' }, s.trials), h('td', { class: 'num' }, s.complete),
        h('td', {}, s.direction), h('td', { class: 'num' }, fmt(s.bestValue, 4)))), { id: 'studies-table' }),
    h('div', { class: 'pager row' },
      h('button', { class: 'secondary', disabled: offset === 0,
        onclick: () => listStudies(el, studyEl, Math.max(0, offset - PAGE)) }, '← newer'),
      h('span', { class: 'muted' }, p.total ? `${offset + 1}–${offset + p.items.length} of ${p.total}` : 'no studies yet: start a retune'),
      h('button', { class: 'secondary', disabled: offset + PAGE >= p.total,
        onclick: () => listStudies(el, studyEl, offset + PAGE) }, 'older →')));
  const first = open || p.items[0]?.name;
  if (first) await showStudy(studyEl, first);
}

async function showStudy(el, name) {
  const s = await api(`/api/studies/${encodeURIComponent(name)}/summary`);
  const history = h('div', { class: 'chart', id: 'best-so-far' });
  const importance = h('div', { class: 'chart', id: 'importance' });
  const slice = h('div', { class: 'chart', id: 'slice' });
  const param = h('select', { id: 'slice-param' }, (s.slices || []).map(x => h('option', { value: x.param }, x.param)));
  const trials = h('div', { id: 'trials' });
  el.replaceChildren(h('h2', {}, `Study ${s.name}`),
    h('p', { class: 'muted' }, `${s.trials} trials, ${s.complete} complete, ${s.direction}` +
      (s.best ? ` · best ${fmt(s.best.value, 4)} at trial ${s.best.number}` : '')),
    h('div', { class: 'grid2' },
      h('div', { class: 'card' }, h('b', {}, 'Best so far'), history),
      h('div', { class: 'card' }, h('b', {}, 'Parameter importance'), importance)),
    h('div', { class: 'card' }, h('div', { class: 'row' }, h('b', {}, 'Slice'), param), slice),
    h('h3', {}, 'Trials'), h('div', { class: 'scroll' }, trials));
  el.dataset.study = s.name;
  const max = s.direction === 'MAXIMIZE';
  echarts.init(history).setOption({
    tooltip: { trigger: 'axis' }, legend: { bottom: 0 },
    grid: { left: 60, right: 20, top: 20, bottom: 70 },
    xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', scale: true, name: 'objective', nameLocation: 'middle', nameGap: 45 },
    series: [
      { name: 'objective', type: 'scatter', symbolSize: 6, data: s.bestSoFar.map(p => [p.number, p.value]) },
      { name: max ? 'best so far (max)' : 'best so far (min)', type: 'line', step: 'end', showSymbol: false,
        data: s.bestSoFar.map(p => [p.number, p.best]), lineStyle: { width: 2 } }] });
  const imp = [...(s.importance || [])].reverse();
  echarts.init(importance).setOption({
    tooltip: {}, grid: { left: 170, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value', min: 0, max: 1 }, yAxis: { type: 'category', data: imp.map(i => i.param) },
    series: [{ type: 'bar', data: imp.map(i => i.importance), itemStyle: { color: '#4c78a8' } }] });
  const sliceChart = echarts.init(slice);
  const drawSlice = () => {
    const x = (s.slices || []).find(v => v.param === param.value);
    if (!x) return;
    const categories = x.categorical ? [...new Set(x.points.map(p => String(p.value)))] : null;
    sliceChart.setOption({
      tooltip: { formatter: (p) => `trial ${p.data[2]}: ${x.param}=${p.data[0]} → ${fmt(p.data[1], 4)}` },
      grid: { left: 50, right: 20, top: 10, bottom: 40 },
      xAxis: categories ? { type: 'category', data: categories, name: x.param } : { type: 'value', scale: true, name: x.param },
      yAxis: { type: 'value', scale: true, name: 'objective' },
      visualMap: { show: false, min: 0, max: Math.max(1, s.trials), dimension: 2, inRange: { color: ['#c6dbef', '#08306b'] } },
      series: [{ type: 'scatter', symbolSize: 7, data: x.points.map(p => [categories ? String(p.value) : p.value, p.objective, p.number]) }] }, true);
  };
  param.addEventListener('change', drawSlice);
  drawSlice();
  await showTrials(trials, s.name, 0);
}

async function showTrials(el, name, offset) {
  const p = await api(`/api/studies/${encodeURIComponent(name)}/trials?limit=${PAGE}&offset=${offset}`);
  const keys = [...new Set(p.items.flatMap(t => Object.keys(t.params || {})))];
  el.replaceChildren(
    table(['#', 'state', 'objective', ...keys], p.items.map(t => h('tr', {},
      h('td', { class: 'num' }, t.number), h('td', {}, h('span', { class: 'badge status-' + String(t.state).toLowerCase() }, t.state)),
      h('td', { class: 'num' }, fmt(t.value, 4)),
      keys.map(k => h('td', { class: 'num' }, typeof t.params?.[k] === 'number' ? fmt(t.params[k], 3) : (t.params?.[k] ?? '–'))))),
    { id: 'trials-table' }),
    h('div', { class: 'pager row' },
      h('button', { class: 'secondary', disabled: offset === 0,
        onclick: () => showTrials(el, name, Math.max(0, offset - PAGE)) }, '← previous'),
      h('span', { class: 'muted' }, `${p.total ? offset + 1 : 0}–${offset + p.items.length} of ${p.total}`),
      h('button', { class: 'secondary', disabled: offset + PAGE >= p.total,
        onclick: () => showTrials(el, name, offset + PAGE) }, 'next →')));
}

async function showChampion(el) {
  const c = await api('/api/champion').catch(e => ({ error: e.message }));
  if (c.error) return el.replaceChildren(h('p', { class: 'error' }, c.error));
  const cfg = c.config || {};
  el.replaceChildren(h('div', { class: 'card' },
    h('div', {}, 'version ', h('b', { id: 'champion-version' }, cfg.version ?? '–'),
      cfg.previous ? h('span', { class: 'muted' }, ` (replaced ${cfg.previous})`) : '',
      cfg.reason ? h('span', { class: 'muted' }, ` · ${cfg.reason}`) : '',
      cfg.atMillis ? h('span', { class: 'muted' }, ` · ${when(cfg.atMillis)}`) : ''),
    h('pre', {}, JSON.stringify(cfg.config ?? {}, null, 2)),
    h('button', { class: 'danger', id: 'rollback-config', disabled: !isOperator(), onclick: async () => {
      if (!confirm('Serve the previous config again?')) return;
      try {
        const r = await api('/api/rollback', { method: 'POST', body: { kind: 'config' } });
        toast(`config rolled back from ${r.from} to ${r.to}`, 'info');
        await showChampion(el);
      } catch (err) { toast(err.message); }
    } }, 'Roll back config')));
}

async function showDecisions(el) {
  const p = await api('/api/decisions?kind=config&limit=50');
  el.replaceChildren(table(['when', 'job', 'collection', 'decision', 'champion', 'candidate', 'champion score',
    'candidate score', 'Δ', '95% CI', 'n', 'reason'], p.items.map(d => h('tr', {},
    h('td', { class: 'muted' }, when(d.at)), h('td', {}, d.jobId), h('td', {}, d.collection),
    h('td', {}, h('span', { class: 'badge status-' + d.decision }, d.decision)),
    h('td', {}, d.champion ?? ''), h('td', {}, d.candidate ?? ''),
    h('td', { class: 'num' }, fmt(d.championScore, 4)), h('td', { class: 'num' }, fmt(d.candidateScore, 4)),
    h('td', { class: 'num' }, fmt(d.delta, 4)),
    h('td', { class: 'num' }, d.ciLow == null ? '–' : `[${fmt(d.ciLow, 3)}, ${fmt(d.ciHigh, 3)}]`),
    h('td', { class: 'num' }, d.n ?? ''), h('td', { class: 'muted' }, d.reason ?? ''))), { id: 'decisions-table' }));
}
