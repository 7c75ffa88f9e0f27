// A passage with an answer's span marked. Answers carry document offsets; a passage knows
// where it starts in its document, so the span inside the passage is [start - p.start, end - p.start).
import { h } from './api.js';

export function highlighted(passage, start, end) {
  const text = passage.text || '';
  const from = start - passage.start;
  const to = end - passage.start;
  if (!(from >= 0 && to <= text.length && from < to)) {
    return h('div', { class: 'passage' }, text);
  }
  return h('div', { class: 'passage' }, text.slice(0, from),
    h('mark', { class: 'answer-span' }, text.slice(from, to)), text.slice(to));
}

const COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#ff9da6',
  '#9d755d', '#bab0ac'];

// The per-stage timings as one stacked bar, with a legend (ms).
export function timingsBar(timings) {
  const stages = Object.entries(timings || {}).filter(([k, v]) => k !== 'total' && v > 0);
  const total = timings?.total || stages.reduce((s, [, v]) => s + v, 0) || 1;
  return h('div', { class: 'timings-box' },
    h('div', { class: 'timings', title: `total ${total.toFixed(1)} ms` },
      stages.map(([k, v], i) => h('span', { title: `${k}: ${v.toFixed(1)} ms`,
        style: `width:${(100 * v / total).toFixed(2)}%;background:${COLOURS[i % COLOURS.length]}` }))),
    h('div', { class: 'legend muted' }, stages.map(([k, v], i) =>
      h('span', {}, h('i', { style: `background:${COLOURS[i % COLOURS.length]}` }), `${k} ${v.toFixed(1)}`)),
      h('span', {}, `total ${total.toFixed(1)} ms`)));
}
