// Evaluations: win rate of the revision over the initial answer per principle, with its Wilson interval as error bars.
import { api } from './api.js';
import { h, attempt, status, short, fixed, formValues, when } from './ui.js';

/** Win rates as points with their 95 % interval as a floating bar (Chart.js draws [lower, upper] bars natively). */
export function winRateChart(canvas, evaluation) {
  const rows = [{ principle: 'overall', result: evaluation.overall }, ...(evaluation.principles || [])]
    .filter(r => r.result && r.result.winRate !== undefined && r.result.winRate !== null);
  return new window.Chart(canvas, {
    data: {
      labels: rows.map(r => r.principle),
      datasets: [
        { type: 'bar', label: 'Wilson 95 % interval', data: rows.map(r => [r.result.lower, r.result.upper]), backgroundColor: 'rgba(43,95,217,.25)', borderColor: '#2b5fd9', borderWidth: 1, maxBarThickness: 12 },
        { type: 'line', label: 'win rate', data: rows.map(r => r.result.winRate), showLine: false, backgroundColor: '#1d2330', borderColor: '#1d2330', pointRadius: 5 },
      ],
    },
    options: {
      animation: false, maintainAspectRatio: false,
      scales: { y: { min: 0, max: 1, title: { display: true, text: 'revision beats initial answer' } } },
      plugins: { tooltip: { callbacks: { label: ctx => (ctx.dataset.type === 'bar' ? `[${fixed(ctx.raw[0], 3)}, ${fixed(ctx.raw[1], 3)}]` : fixed(ctx.raw, 3)) } } },
    },
  });
}

export async function evaluationsPage(runId) {
  const main = document.getElementById('app');
  const list = h('div', { id: 'evaluations' });
  const charts = [];
  let timer = null;

  const form = h('form', { class: 'row', id: 'new-evaluation', onsubmit: e => { e.preventDefault(); attempt(async () => {
    const v = formValues(form);
    await api(`/api/runs/${runId}/evaluations`, { method: 'POST', body: { samples: v.samples, seed: v.seed, chainOfThought: v.chainOfThought } });
    await load();
  }); } },
  h('label', {}, 'Prompts to judge', h('input', { type: 'number', name: 'samples', min: 1, placeholder: 'default' })),
  h('label', {}, 'Seed', h('input', { type: 'number', name: 'seed' })),
  h('label', {}, 'Chain of thought', h('input', { type: 'checkbox', name: 'chainOfThought' })),
  h('button', { class: 'primary', type: 'submit' }, 'Evaluate'));

  async function load() {
    charts.splice(0).forEach(c => c.destroy());
    const evaluations = await api(`/api/runs/${runId}/evaluations`);
    list.replaceChildren(...evaluations.map(e => {
      const canvas = h('canvas');
      const o = e.overall || {};
      const box = h('fieldset', { class: 'evaluation', 'data-evaluation': e.id },
        h('legend', {}, `Evaluation ${short(e.id)} `, status(e.status)),
        h('p', { class: 'small' }, `${e.samples} prompts, seed ${e.seed}, chain of thought ${e.chainOfThought ? 'on' : 'off'}, ${when(e.createdAt)} · overall win rate `,
          h('b', {}, fixed(o.winRate, 3)), ` [${fixed(o.lower, 3)}, ${fixed(o.upper, 3)}], ${o.wins ?? 0} wins, ${o.losses ?? 0} losses, ${o.ties ?? 0} ties`),
        e.error ? h('p', { class: 'status FAILED' }, e.error) : null,
        h('div', { class: 'chart' }, canvas),
        h('table', {}, h('thead', {}, h('tr', {}, ...['Principle', 'Win rate', '95 % interval', 'Wins', 'Losses', 'Ties', 'Pending'].map(t => h('th', {}, t)))),
          h('tbody', {}, ...(e.principles || []).map(p => h('tr', {}, h('td', {}, p.principle), h('td', {}, fixed(p.result.winRate, 3)),
            h('td', {}, `[${fixed(p.result.lower, 3)}, ${fixed(p.result.upper, 3)}]`), h('td', {}, p.result.wins), h('td', {}, p.result.losses),
            h('td', {}, p.result.ties), h('td', {}, p.result.pending))))));
      queueMicrotask(() => charts.push(winRateChart(canvas, e)));
      return box;
    }));
    if (!evaluations.length) list.append(h('p', { class: 'muted' }, 'No evaluations of this run yet.'));
    clearTimeout(timer);
    if (evaluations.some(e => !['COMPLETED', 'FAILED'].includes(e.status))) timer = setTimeout(() => attempt(load), 2000);
  }

  main.append(h('h1', {}, h('a', { href: `#/runs/${runId}` }, '‹ Run'), ` · evaluations of run ${short(runId)}`), form, list);
  await load();
  return () => { clearTimeout(timer); charts.forEach(c => c.destroy()); };
}
