// Run detail: live progress, exports with the review filter, and the samples table with its filters.
import { api } from './api.js';
import { h, attempt, status, clip, short, when } from './ui.js';
import { runActions, followRun, progressCells } from './runs.js';

const PAGE = 25;
export const FILTERS = ['status', 'principle', 'review', 'q'];

/** The samples query of a filter set, e.g. status=completed&q=bread. */
export function filterQuery(query) {
  const q = new URLSearchParams();
  FILTERS.forEach(name => { if (query.get(name)) q.set(name, query.get(name)); });
  return q;
}

export async function runDetailPage(runId, query) {
  const main = document.getElementById('app');
  let run = await api(`/api/runs/${runId}`);
  const constitution = await api(`/api/constitutions/${run.constitutionId}`).catch(() => ({ principles: [] }));
  const page = Number(query.get('page') || 0);

  const progressRow = h('tr', { id: 'run-progress' });
  const actions = h('span');
  const paint = progress => {
    progressRow.replaceChildren(...progressCells(progress));
    actions.replaceChildren(runActions({ ...run, ...progress }, () => window.dispatchEvent(new HashChangeEvent('hashchange'))));
  };
  paint({ ...run, samplesPerSecond: undefined });
  const stop = followRun(runId, progress => {
    paint(progress);
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(progress.status) && progress.status !== run.status) {
      run = { ...run, status: progress.status };
      loadSamples();
    }
  });

  const exportFormat = h('select', { id: 'export-format' }, ...['csv', 'sft-jsonl', 'dpo-jsonl', 'comparisons-csv'].map(f => h('option', { value: f }, f)));
  const exportReview = h('select', { id: 'export-review' }, ...['not-rejected', 'accepted', 'any'].map(f => h('option', { value: f }, f)));
  const exportLink = h('a', { class: 'button', id: 'export' }, 'Download');
  const updateExport = () => exportLink.setAttribute('href', `/api/runs/${runId}/export?format=${exportFormat.value}&review=${exportReview.value}`);
  [exportFormat, exportReview].forEach(s => s.addEventListener('change', updateExport));
  updateExport();

  const filter = h('form', { id: 'filters', class: 'row', onsubmit: e => { e.preventDefault(); applyFilters(); } },
    h('label', {}, 'Status', h('select', { name: 'status' }, ...['', 'pending', 'running', 'completed', 'failed'].map(s => h('option', { value: s }, s || 'any')))),
    h('label', {}, 'Principle', h('select', { name: 'principle' }, h('option', { value: '' }, 'any'),
      ...constitution.principles.map(p => h('option', { value: p.name }, p.name)))),
    h('label', {}, 'Review', h('select', { name: 'review' }, ...['', 'pending', 'accepted', 'rejected', 'edited'].map(s => h('option', { value: s }, s || 'any')))),
    h('label', {}, 'Search', h('input', { name: 'q', type: 'search', placeholder: 'text in prompt or answers' })),
    h('button', { type: 'submit' }, 'Filter'));
  FILTERS.forEach(name => { filter.elements[name].value = query.get(name) || ''; });
  function applyFilters() {
    const q = new URLSearchParams();
    FILTERS.forEach(name => { if (filter.elements[name].value) q.set(name, filter.elements[name].value); });
    location.hash = `#/runs/${runId}?${q}`;
  }

  const body = h('tbody');
  const pager = h('div', { class: 'row small' });
  async function loadSamples() {
    const q = filterQuery(query);
    q.set('page', page);
    q.set('size', PAGE);
    const result = await api(`/api/runs/${runId}/samples?${q}`);
    const link = (s, i) => {
      const at = filterQuery(query);
      at.set('at', page * PAGE + i);
      return `#/runs/${runId}/samples/${s.id}?${at}`;
    };
    body.replaceChildren(...result.items.map((s, i) => h('tr', { class: 'clickable', 'data-sample': s.id, 'data-index': s.index, onclick: () => { location.hash = link(s, i); } },
      h('td', {}, s.index + 1), h('td', {}, h('a', { href: link(s, i) }, clip(s.prompt, 90))), h('td', {}, status(s.status)),
      h('td', { class: 'small' }, [...new Set(s.rounds.map(r => r.principle))].join(', ')),
      h('td', {}, s.review ? status(s.review.revision ? 'EDITED' : s.review.state) : h('span', { class: 'muted small' }, 'pending')),
      h('td', { class: 'small' }, clip(s.review && s.review.revision || s.finalRevision || s.error || '', 90)))));
    const pages = Math.max(1, Math.ceil(result.total / PAGE));
    const go = p => { const q2 = filterQuery(query); q2.set('page', p); return `#/runs/${runId}?${q2}`; };
    pager.replaceChildren(h('span', {}, h('span', { id: 'sample-total' }, `${result.total} samples`), ` · page ${page + 1} of ${pages} `,
      page > 0 ? h('a', { href: go(page - 1) }, '‹ previous') : null, ' ', page + 1 < pages ? h('a', { href: go(page + 1) }, 'next ›') : null));
  }

  main.append(h('h1', {}, `Run ${short(runId)} `, h('span', { class: 'muted small' }, `${(run.mode || 'SFT').toLowerCase()}, ${run.revisions} round${run.revisions === 1 ? '' : 's'}, seed ${run.seed}, model ${run.model && run.model.id || 'default'}, created ${when(run.createdAt)}`)),
    h('table', {}, h('thead', {}, h('tr', {}, ...['Status', 'Progress', 'Samples/s', 'ETA'].map(t => h('th', {}, t)))), h('tbody', {}, progressRow)),
    h('div', { class: 'row', style: 'margin:10px 0' }, actions,
      h('a', { class: 'button', href: `#/runs/${runId}/comparisons` }, 'Comparisons'),
      h('a', { class: 'button', href: `#/runs/${runId}/evaluations` }, 'Evaluations'),
      h('span', { class: 'muted' }, ' Export:'), exportFormat, exportReview, exportLink),
    h('h2', {}, 'Samples'), filter,
    h('table', { id: 'samples' }, h('thead', {}, h('tr', {}, ...['#', 'Prompt', 'Status', 'Principles', 'Review', 'Final revision'].map(t => h('th', {}, t)))), body),
    pager);
  await attempt(loadSamples);
  return stop;
}
