// Training jobs: the list, a new job, and a job's live loss curve per optimizer step with a generation playground.
import { api } from './api.js';
import { h, attempt, status, short, fixed, formValues, when, percent, progressBar } from './ui.js';

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];

export async function trainingPage() {
  const main = document.getElementById('app');
  const [jobs, models, runs, datasets] = await Promise.all([api('/api/training-jobs'), api('/api/models'), api('/api/runs'), api('/api/datasets')]);
  const form = h('form', { id: 'new-job', onsubmit: e => { e.preventDefault(); attempt(async () => {
    const v = formValues(form);
    const [kind, id] = (v.source || '').split(':');
    const hyperparameters = {};
    ['epochs', 'batchSize', 'learningRate', 'maxLength', 'warmupSteps', 'seed'].forEach(k => { if (v[k] !== undefined) hyperparameters[k] = v[k]; });
    const job = await api('/api/training-jobs', { method: 'POST', body: { [kind === 'run' ? 'runId' : 'datasetId']: id, baseModel: v.baseModel, hyperparameters } });
    location.hash = `#/training/${job.id}`;
  }); } },
  h('div', { class: 'row' },
    h('label', {}, 'Data', h('select', { name: 'source' },
      ...runs.filter(r => r.status === 'COMPLETED').map(r => h('option', { value: `run:${r.id}` }, `run ${short(r.id)} (${r.completed} revised samples, not rejected)`)),
      ...datasets.map(d => h('option', { value: `dataset:${d.id}` }, `dataset ${d.name} (${d.size})`)))),
    h('label', {}, 'Base model', h('select', { name: 'baseModel' }, ...models.map(m => h('option', { value: m.id }, m.name)))),
    ...[['epochs', 'Epochs', 1], ['batchSize', 'Batch size', 1], ['learningRate', 'Learning rate', 'any'], ['maxLength', 'Max length', 1], ['warmupSteps', 'Warm-up steps', 1], ['seed', 'Seed', 1]]
      .map(([name, label, step]) => h('label', {}, label, h('input', { type: 'number', name, step, min: 0, size: 8 })))),
  h('button', { class: 'primary', type: 'submit', disabled: !models.length }, 'Start training'));

  main.append(h('h1', {}, 'Training jobs'),
    h('table', { id: 'jobs' }, h('thead', {}, h('tr', {}, ...['Job', 'State', 'Progress', 'Device', 'Loss', 'Tokens/s', 'Created'].map(t => h('th', {}, t)))),
      h('tbody', {}, ...jobs.map(j => h('tr', { class: 'clickable', onclick: () => { location.hash = `#/training/${j.id}`; } },
        h('td', {}, h('a', { href: `#/training/${j.id}` }, short(j.id))), h('td', {}, status(j.state)),
        h('td', {}, progressBar(j.step, 0, j.totalSteps), ` ${j.step}/${j.totalSteps}`), h('td', {}, j.device || '–'),
        h('td', {}, fixed(j.lossHistory.at(-1), 4)), h('td', {}, fixed(j.tokensPerSecond, 0)), h('td', { class: 'small' }, when(j.createdAt)))))),
    h('h2', {}, 'New job'), models.length ? form : h('p', { class: 'muted' }, 'Register a base model first (POST /api/models).'));
}

/** Loss per optimizer step as a line chart. */
function lossChart(canvas) {
  return new window.Chart(canvas, {
    type: 'line',
    data: { labels: [], datasets: [{ label: 'training loss', data: [], borderColor: '#2b5fd9', backgroundColor: '#2b5fd9', pointRadius: 2, tension: 0 }] },
    options: { animation: false, maintainAspectRatio: false, scales: { x: { title: { display: true, text: 'optimizer step' } }, y: { title: { display: true, text: 'loss' } } } },
  });
}

export async function trainingJobPage(jobId) {
  const main = document.getElementById('app');
  const stats = h('div', { class: 'stats', id: 'job-stats' });
  const canvas = h('canvas', { id: 'loss-chart' });
  const chart = lossChart(canvas);
  const heading = h('h1');
  const playgroundBox = h('div');
  let shownModel;
  const cancel = h('button', { id: 'cancel-job', onclick: () => attempt(async () => { await api(`/api/training-jobs/${jobId}/cancel`, { method: 'POST' }); }) }, 'Cancel job');
  let timer = null;

  async function refresh() {
    const job = await api(`/api/training-jobs/${jobId}`);
    heading.replaceChildren(h('a', { href: '#/training' }, '‹ Training'), ` · job ${short(jobId)} `, status(job.state));
    const hp = job.hyperparameters || {};
    stats.replaceChildren(...[
      h('div', {}, h('b', {}, `${job.step}/${job.totalSteps}`), `steps (${percent(job.step, job.totalSteps)}), epoch ${job.epoch}/${hp.epochs}`),
      h('div', {}, h('b', { id: 'last-loss' }, fixed(job.lossHistory.at(-1), 4)), 'last loss'),
      h('div', {}, h('b', {}, hp.learningRate), `learning rate (${hp.warmupSteps} warm-up steps)`),
      h('div', {}, h('b', {}, fixed(job.tokensPerSecond, 0)), 'tokens/s'),
      h('div', {}, h('b', {}, fixed(job.stepMillis, 1)), 'ms per step'),
      h('div', {}, h('b', { id: 'device' }, job.device || '–'), 'device'),
      h('div', {}, h('b', {}, job.examples), 'examples'),
      job.modelId ? h('div', {}, h('b', {}, short(job.modelId)), 'tuned model') : null].filter(Boolean));
    if (job.error) stats.append(h('div', { class: 'status FAILED' }, job.error));
    chart.data.labels = job.lossHistory.map((_, i) => i + 1);
    chart.data.datasets[0].data = job.lossHistory;
    chart.update();
    canvas.dataset.points = String(job.lossHistory.length);
    cancel.disabled = FINAL.includes(job.state);
    if (shownModel !== (job.modelId || null)) {
      // the tuned model joins the playground once the job registered it
      shownModel = job.modelId || null;
      playgroundBox.replaceChildren(await playground(shownModel));
    }
    if (!FINAL.includes(job.state)) timer = setTimeout(() => attempt(refresh), 1000);
    return job;
  }

  main.append(heading, stats, h('div', { class: 'chart' }, canvas), h('div', { class: 'row', style: 'margin:8px 0' }, cancel), playgroundBox);
  await refresh();
  return () => { clearTimeout(timer); chart.destroy(); };
}

/** Beam-search generation from a registered or tuned model. */
async function playground(preferred) {
  const models = await api('/api/models');
  const output = h('div', { id: 'generated' });
  const form = h('form', { id: 'playground', onsubmit: e => { e.preventDefault(); attempt(async () => {
    const { model, ...settings } = formValues(form);
    settings.earlyStopping = form.elements.earlyStopping.checked;
    const result = await api(`/api/models/${model}/generate`, { method: 'POST', body: settings });
    output.replaceChildren(h('p', { class: 'muted small' }, `${result.promptTokens} prompt tokens`),
      h('ol', {}, ...result.sequences.map(s => h('li', {}, h('div', { class: 'text' }, s.text), h('span', { class: 'small muted' }, `score ${fixed(s.score, 4)}, ${s.tokens.length} tokens`)))));
  }); } },
  h('div', { class: 'row' },
    h('label', {}, 'Model', h('select', { name: 'model' }, ...models.map(m => h('option', { value: m.id, selected: m.id === preferred }, `${m.name}${m.trainingJobId ? ' (tuned)' : ''}`)))),
    h('label', {}, 'Max length', h('input', { type: 'number', name: 'maxLength', min: 1, value: 40 })),
    h('label', {}, 'Beams', h('input', { type: 'number', name: 'numBeams', min: 1, max: 64, value: 4 })),
    h('label', {}, 'Sequences', h('input', { type: 'number', name: 'numReturnSequences', min: 1, max: 64, value: 2 })),
    h('label', {}, 'No-repeat n-gram', h('input', { type: 'number', name: 'noRepeatNgramSize', min: 0, max: 64, value: 0 })),
    h('label', {}, 'Length penalty', h('input', { type: 'number', name: 'lengthPenalty', step: 0.1, value: 1.0 })),
    h('label', {}, 'Early stopping', h('input', { type: 'checkbox', name: 'earlyStopping' }))),
  h('label', { style: 'display:flex' }, 'Prompt', h('textarea', { name: 'prompt', style: 'min-height:60px' }, 'write a python function')),
  h('button', { class: 'primary', type: 'submit', disabled: !models.length }, 'Generate'));
  return h('fieldset', {}, h('legend', {}, 'Playground'), form, output);
}
