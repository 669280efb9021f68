// One sample and its human review: prompt, initial answer, every round side by side, the final revision diffed
// against the initial answer; accept / reject / edit with keyboard shortcuts.
import { api } from './api.js';
import { h, attempt, flash, status, when } from './ui.js';
import { filterQuery } from './run-detail.js';

/** Word diff of two texts (jsdiff, bundled from its webjar). */
export function diffView(before, after) {
  const parts = window.Diff.diffWords(before || '', after || '');
  return h('div', { class: 'text diff', id: 'diff' },
    ...parts.map(p => (p.added ? h('ins', {}, p.value) : p.removed ? h('del', {}, p.value) : p.value)));
}

export async function samplePage(runId, sampleId, query) {
  const main = document.getElementById('app');
  const at = Number(query.get('at') || 0);
  let sample = await api(`/api/runs/${runId}/samples/${sampleId}`);
  const reviewBox = h('div', { id: 'review' });
  const editor = h('textarea', { id: 'editor', hidden: true });
  const content = h('div');

  const neighbour = async offset => {
    const q = filterQuery(query);
    if (at + offset < 0) return;
    q.set('page', at + offset);
    q.set('size', 1);
    const result = await api(`/api/runs/${runId}/samples?${q}`);
    if (!result.items.length) { flash('No more samples in this list', 'info'); return; }
    const next = filterQuery(query);
    next.set('at', at + offset);
    location.hash = `#/runs/${runId}/samples/${result.items[0].id}?${next}`;
  };
  const decide = async (decision, revision) => {
    sample = await api(`/api/runs/${runId}/samples/${sampleId}/review`, { method: 'PUT', body: revision === undefined ? { decision } : { decision, revision } });
    editor.hidden = true;
    paintReview();
    flash(`Saved: ${decision.toLowerCase()}${revision !== undefined ? ' with edit' : ''}`, 'info');
  };
  const edit = () => {
    editor.value = (sample.review && sample.review.revision) || sample.finalRevision || '';
    editor.hidden = false;
    paintReview();
    editor.focus();
  };
  const reviewable = () => sample.status === 'COMPLETED';

  function paintReview() {
    const r = sample.review;
    reviewBox.replaceChildren(
      h('div', { class: 'row' },
        h('span', { id: 'review-state' }, r ? status(r.revision ? 'EDITED' : r.state) : h('span', { class: 'muted' }, 'not reviewed')),
        r ? h('span', { class: 'muted small', id: 'reviewer' }, `by ${r.reviewer} at ${when(r.reviewedAt)}`) : null),
      h('div', { class: 'row', style: 'margin-top:8px' },
        h('button', { class: 'ok', id: 'accept', disabled: !reviewable(), onclick: () => attempt(() => decide('ACCEPTED')) }, 'Accept ', h('kbd', {}, 'a')),
        h('button', { class: 'bad', id: 'reject', disabled: !reviewable(), onclick: () => attempt(() => decide('REJECTED')) }, 'Reject ', h('kbd', {}, 'r')),
        h('button', { id: 'edit', disabled: !reviewable(), onclick: edit }, 'Edit ', h('kbd', {}, 'e')),
        editor.hidden ? null : h('button', { class: 'primary', id: 'save-edit', onclick: () => attempt(() => decide('ACCEPTED', editor.value)) }, 'Save edit ', h('kbd', {}, 'Ctrl+Enter')),
        h('button', { id: 'previous', onclick: () => attempt(() => neighbour(-1)) }, 'Previous ', h('kbd', {}, 'k')),
        h('button', { id: 'next', onclick: () => attempt(() => neighbour(1)) }, 'Next ', h('kbd', {}, 'j'))),
      editor);
    content.querySelector('#final') && content.querySelector('#final').replaceChildren(finalView());
  }

  const finalView = () => {
    const text = (sample.review && sample.review.revision) || sample.finalRevision;
    return text === undefined ? h('p', { class: 'muted' }, sample.error || 'No final revision yet')
      : h('div', {}, h('p', { class: 'muted small' }, sample.review && sample.review.revision
        ? 'Edited revision against the initial answer' : 'Final revision against the initial answer'), diffView(sample.initialAnswer, text));
  };

  const round = r => h('div', { class: 'card round' },
    h('h3', {}, `Round ${r.round + 1}: ${r.principle || ''}`),
    h('p', { class: 'muted small' }, 'Critique request'), h('div', { class: 'text' }, r.critiqueRequest || ''),
    h('p', { class: 'muted small' }, 'Critique'), h('div', { class: 'text' }, r.critique || '…'),
    h('p', { class: 'muted small' }, 'Revision request'), h('div', { class: 'text' }, r.revisionRequest || ''),
    h('p', { class: 'muted small' }, 'Revision'), h('div', { class: 'text' }, r.revision || '…'));

  content.append(
    h('div', { class: 'cards' },
      h('div', {}, h('h2', {}, 'Prompt'), h('div', { class: 'text', id: 'prompt' }, sample.prompt)),
      h('div', {}, h('h2', {}, 'Initial answer'), h('div', { class: 'text', id: 'initial' }, sample.initialAnswer || '…'))),
    h('h2', {}, 'Final revision'), h('div', { id: 'final' }),
    h('h2', {}, 'Rounds'), h('div', { class: 'rounds' }, ...sample.rounds.map(round)));

  main.append(h('h1', {}, h('a', { href: `#/runs/${runId}?${filterQuery(query)}` }, '‹ Run'), ` · sample ${sample.index + 1} (${sample.promptId}) `, status(sample.status)),
    h('fieldset', {}, h('legend', {}, 'Human review'), reviewBox), content);
  paintReview();

  const keys = e => {
    if (e.target === editor) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); attempt(() => decide('ACCEPTED', editor.value)); }
      if (e.key === 'Escape') { editor.hidden = true; paintReview(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName)) return;
    const action = { a: () => reviewable() && decide('ACCEPTED'), r: () => reviewable() && decide('REJECTED'),
      e: () => reviewable() && edit(), j: () => neighbour(1), n: () => neighbour(1), k: () => neighbour(-1), p: () => neighbour(-1) }[e.key];
    if (action) { e.preventDefault(); attempt(action); }
  };
  document.addEventListener('keydown', keys);
  return () => document.removeEventListener('keydown', keys);
}
