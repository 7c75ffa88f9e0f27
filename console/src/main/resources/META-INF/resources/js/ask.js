// Ask: a question, the ranked answers with the span marked in its passage, the source document,
// the graph path, the stage timings, and feedback controls that send real feedback events.
import { api, collectionPicker, fmt, h, isOperator, toast } from './api.js';
import { highlighted, timingsBar } from './highlight.js';

export async function render(root, params) {
  const question = h('input', { id: 'question', placeholder: 'Ask a question…',
    value: params.get('q') || '', size: 60 });
  const picker = await collectionPicker('collection', params.get('collection'));
  const topK = h('input', { id: 'topk', type: 'number', min: 1, max: 20, value: 5, style: 'width:70px' });
  const results = h('div', { id: 'results' });
  const form = h('form', { class: 'card row', onsubmit: async (e) => {
    e.preventDefault();
    await ask(results, question.value, picker.value, Number(topK.value));
  } }, question, picker, h('label', {}, 'top ', topK), h('button', { id: 'ask', type: 'submit' }, 'Ask'));
  root.append(h('h1', {}, 'Ask'), form, results);
  if (question.value) await ask(results, question.value, picker.value, Number(topK.value));
}

async function ask(results, question, collection, topK) {
  results.replaceChildren(h('p', { class: 'muted' }, 'Asking…'));
  const result = await api('/api/ask', { method: 'POST', body: { question, collection, topK } });
  const cards = await Promise.all(result.answers.map((a, i) =>
    answerCard(a, i + 1, question, collection, result)));
  results.replaceChildren(
    h('div', { class: 'card' },
      h('div', { class: 'row muted' },
        `config ${result.configVersion} · model ${result.modelVersion}`,
        result.degraded?.length ? h('span', { class: 'badge bad' }, 'degraded: ' + result.degraded.join(', ')) : null,
        h('a', { href: `#/explain?q=${encodeURIComponent(question)}&collection=${encodeURIComponent(collection)}` },
          'Explain this answer →')),
      timingsBar(result.timings)),
    ...(cards.length ? cards : [h('p', { class: 'card', id: 'no-answer' }, 'No answer found.')]));
}

async function answerCard(a, rank, question, collection, result) {
  const card = h('div', { class: 'card answer', 'data-rank': rank },
    h('div', { class: 'row' },
      h('span', { class: 'badge' }, `#${rank}`),
      h('span', { class: 'text' }, a.text),
      h('span', { class: 'muted' }, `score ${fmt(a.score)}`),
      h('span', { class: 'badge' }, a.source)));
  if (a.passageId) {
    try {
      const p = await api(`/api/passages/${encodeURIComponent(a.passageId)}?collection=${encodeURIComponent(collection)}`);
      card.append(highlighted(p, a.start, a.end));
    } catch (e) { card.append(h('p', { class: 'muted' }, `passage ${a.passageId}: ${e.message}`)); }
    card.append(h('div', { class: 'muted' }, 'from ',
      h('a', { class: 'source', href: `#/document?collection=${encodeURIComponent(collection)}&id=${encodeURIComponent(a.docId)}&start=${a.start}&end=${a.end}` },
        a.title || a.docId), ` [${a.start}, ${a.end})`,
      a.readerScore != null ? ` · reader ${fmt(a.readerScore)}` : '',
      a.passageScore != null ? ` · retrieval ${fmt(a.passageScore)}` : ''));
  }
  if (a.path?.length) {
    card.append(h('div', { class: 'graph-path' }, 'graph path: ', a.path.join(' → ')));
  }
  card.append(feedbackControls(a, question, collection, result));
  return card;
}

function feedbackControls(a, question, collection, result) {
  const status = h('span', { class: 'muted feedback-status' });
  const right = h('input', { class: 'right-answer', placeholder: 'the right answer' });
  const send = async (verdict, correctAnswer) => {
    try {
      // A new id per click: the feedback service stores each event id once.
      await api('/api/feedback', { method: 'POST', body: { eventId: crypto.randomUUID(),
        timestampMillis: Date.now(), question, answer: a.text, verdict,
        collection, passageId: a.passageId, correctAnswer, configVersion: result.configVersion,
        modelVersion: result.modelVersion } });
      status.textContent = `sent: ${verdict}${correctAnswer ? ' → ' + correctAnswer : ''}`;
      toast('Feedback sent', 'info');
    } catch (e) { toast(e.message); }
  };
  const disabled = !isOperator();
  return h('div', { class: 'row feedback' },
    h('button', { class: 'secondary fb-correct', disabled, onclick: () => send('correct') }, '✓ Correct'),
    h('button', { class: 'secondary fb-incorrect', disabled, onclick: () => send('incorrect') }, '✗ Incorrect'),
    right,
    h('button', { class: 'secondary fb-right', disabled, onclick: () => {
      if (right.value.trim()) send('incorrect', right.value.trim());
    } }, 'Give the right answer'),
    disabled ? h('span', { class: 'muted' }, 'feedback needs the operator role') : status);
}
