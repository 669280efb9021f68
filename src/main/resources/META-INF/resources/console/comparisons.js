// A preference run's comparisons: both orders' verdicts with their chain of thought, the soft label, agreement rate.
import { api } from './api.js';
import { h, status, short, fixed } from './ui.js';

const PAGE = 20;

export async function comparisonsPage(runId) {
  const main = document.getElementById('app');
  let page = 0;
  const list = h('div', { id: 'comparisons' });
  const summaryBox = h('div', { class: 'stats', id: 'comparison-summary' });
  const pager = h('div', { class: 'row small' });

  const answer = (label, a) => h('div', { class: 'card' }, h('h3', {}, `${label}: answer ${a.index + 1}`), h('div', { class: 'text' }, a.text || ''));
  const verdict = v => h('div', { class: 'card verdict' },
    h('h3', {}, `${v.order === 'original' ? 'Original order (first shown as A)' : 'Swapped order (first shown as B)'}: `, h('b', {}, v.choice || '–')),
    h('p', { class: 'small muted' }, `reason ${v.reason || '–'}, P(A) ${fixed(v.probabilityA, 3)}, ${v.latencyMs ?? '–'} ms`),
    v.reasoning ? h('div', {}, h('p', { class: 'muted small' }, 'Chain of thought'), h('div', { class: 'text' }, v.reasoning)) : null);

  async function load() {
    const result = await api(`/api/runs/${runId}/comparisons?page=${page}&size=${PAGE}`);
    const s = result.summary;
    summaryBox.replaceChildren(
      h('div', {}, h('b', { id: 'agreement-rate' }, s.agreementRate === undefined || s.agreementRate === null ? '–' : `${fixed(100 * s.agreementRate, 1)} %`), 'agreement (both orders chose the same)'),
      h('div', {}, h('b', {}, s.comparisons), 'comparisons'), h('div', {}, h('b', {}, s.agreed), 'agreed'),
      h('div', {}, h('b', {}, s.disagreed), 'disagreed'), h('div', {}, h('b', {}, s.identical), 'identical'),
      h('div', {}, h('b', {}, s.unparseable), 'unparseable'), h('div', {}, h('b', {}, s.softLabels), 'with soft label'));
    list.replaceChildren(...result.items.map(c => h('fieldset', { class: 'comparison' },
      h('legend', {}, `Prompt ${c.index + 1} (${c.promptId}), pair ${c.pair + 1} `, status(c.outcome)),
      h('div', { class: 'text' }, c.prompt),
      h('p', { class: 'small' }, `Principle: ${c.principle}${c.principleDerived ? ' (derived)' : ''} · winner: ${c.winner === undefined || c.winner === null ? '–' : `answer ${c.winner + 1}`} · soft label P(answer ${c.first.index + 1} better) = `, h('b', { class: 'soft-label' }, fixed(c.firstProbability, 3))),
      h('div', { class: 'cards' }, answer('First', c.first), answer('Second', c.second)),
      h('div', { class: 'cards', style: 'margin-top:10px' }, ...c.verdicts.map(verdict)))));
    if (!result.items.length) list.append(h('p', { class: 'muted' }, 'No comparisons: only preference runs have them.'));
    const pages = Math.max(1, Math.ceil(result.total / PAGE));
    pager.replaceChildren(`${result.total} comparisons · page ${page + 1} of ${pages} `,
      h('button', { disabled: page === 0, onclick: () => { page--; load(); } }, '‹'), h('button', { disabled: page + 1 >= pages, onclick: () => { page++; load(); } }, '›'));
  }

  main.append(h('h1', {}, h('a', { href: `#/runs/${runId}` }, '‹ Run'), ` · comparisons of run ${short(runId)}`), summaryBox, pager, list);
  await load();
}
