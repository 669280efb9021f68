// New run: a constitution (uploaded or picked) and prompts (uploaded or picked), previewed before anything starts.
import { api, promptMediaType } from './api.js';
import { h, attempt, flash, formValues, clip } from './ui.js';

export async function newRunPage() {
  const main = document.getElementById('app');
  const [constitutions, datasets] = await Promise.all([api('/api/constitutions'), api('/api/datasets')]);
  let promptsFile = null;
  let promptsText = null;

  const constitutionSelect = h('select', { name: 'constitutionId', id: 'constitution' },
    h('option', { value: '' }, '— pick one —'), ...constitutions.map(c => h('option', { value: c.id }, c.name)));
  const constitutionFile = h('input', { type: 'file', id: 'constitution-file', accept: '.json' });
  const principles = h('div', { id: 'principles', class: 'small' });
  const datasetSelect = h('select', { id: 'dataset' },
    h('option', { value: '' }, '— upload a file below —'), ...datasets.map(d => h('option', { value: d.id }, `${d.name} (${d.size})`)));
  const promptsInput = h('input', { type: 'file', id: 'prompts-file', accept: '.csv,.json,.jsonl,.ndjson' });
  const promptColumn = h('input', { id: 'prompt-column', placeholder: 'prompt' });
  const idColumn = h('input', { id: 'id-column', placeholder: 'id' });
  const preview = h('div', { id: 'preview' });

  const showPrinciples = async id => {
    principles.replaceChildren();
    if (!id) return;
    const c = await api(`/api/constitutions/${id}`);
    principles.append(h('p', { class: 'muted' }, `${c.principles.length} principles:`),
      h('ol', {}, ...c.principles.map(p => h('li', {}, h('b', {}, p.name || ''), ' ', clip(p.critique, 140)))));
  };
  constitutionSelect.addEventListener('change', () => attempt(() => showPrinciples(constitutionSelect.value)));
  constitutionFile.addEventListener('change', () => attempt(async () => {
    const file = constitutionFile.files[0];
    if (!file) return;
    const name = encodeURIComponent(file.name.replace(/\.json$/i, ''));
    const created = await api(`/api/constitutions?name=${name}`, { method: 'POST', body: await file.text(), type: 'application/json' });
    constitutionSelect.append(h('option', { value: created.id }, created.name));
    constitutionSelect.value = created.id;
    await showPrinciples(created.id);
  }));

  const columnQuery = () => {
    const q = new URLSearchParams();
    if (promptColumn.value) q.set('promptColumn', promptColumn.value);
    if (idColumn.value) q.set('idColumn', idColumn.value);
    return q;
  };
  const showPreview = async () => {
    preview.replaceChildren();
    if (!promptsFile) return;
    const p = await api(`/api/datasets/preview?${columnQuery()}`, { method: 'POST', body: promptsText, type: promptMediaType(promptsFile.name) });
    preview.append(h('p', {}, h('b', { 'data-field': 'prompt-count' }, p.size), ` prompts, ${p.format}`),
      p.columns ? h('p', { id: 'columns' }, 'Columns: ', ...p.columns.columns.flatMap(c => [
        h('span', { class: c === p.columns.promptColumn ? 'status COMPLETED' : c === p.columns.idColumn ? 'status RUNNING' : 'status' },
          c === p.columns.promptColumn ? `${c} (prompt)` : c === p.columns.idColumn ? `${c} (id)` : c), ' '])) : null,
      h('table', { id: 'first-prompts' }, h('thead', {}, h('tr', {}, h('th', {}, 'id'), h('th', {}, 'prompt'))),
        h('tbody', {}, ...p.first.map(x => h('tr', {}, h('td', {}, x.id), h('td', { class: 'small' }, clip(x.prompt, 200)))))));
  };
  promptsInput.addEventListener('change', () => attempt(async () => {
    promptsFile = promptsInput.files[0] || null;
    promptsText = promptsFile ? await promptsFile.text() : null;
    if (promptsFile) datasetSelect.value = '';
    await showPreview();
  }));
  [promptColumn, idColumn].forEach(input => input.addEventListener('change', () => attempt(showPreview)));

  const settings = h('form', { id: 'settings', onsubmit: e => { e.preventDefault(); attempt(start); } },
    h('div', { class: 'row' },
      h('label', {}, 'Mode', h('select', { name: 'mode' }, h('option', { value: 'sft' }, 'SFT (critique → revision)'), h('option', { value: 'preference' }, 'Preference (AI feedback)'))),
      h('label', {}, 'Revision rounds', h('input', { type: 'number', name: 'revisions', min: 1, value: 1 })),
      h('label', {}, 'Seed', h('input', { type: 'number', name: 'seed', placeholder: 'random' })),
      h('label', {}, 'Model id', h('input', { name: 'modelId', placeholder: 'configured default', size: 34 })),
      h('label', {}, 'Temperature', h('input', { type: 'number', name: 'temperature', step: 0.05, min: 0, max: 2 })),
      h('label', {}, 'Max new tokens', h('input', { type: 'number', name: 'maxNewTokens', min: 1 })),
      h('label', {}, 'Top p', h('input', { type: 'number', name: 'topP', step: 0.05, min: 0, max: 1 })),
      h('label', {}, 'Answers per prompt (preference)', h('input', { type: 'number', name: 'answers', min: 2, max: 8 }))),
    h('button', { class: 'primary', id: 'start', type: 'submit' }, 'Start run'));

  async function start() {
    if (!constitutionSelect.value) { flash('Pick or upload a constitution first'); return; }
    let datasetId = datasetSelect.value;
    if (!datasetId) {
      if (!promptsFile) { flash('Pick a dataset or upload a prompts file first'); return; }
      const q = columnQuery();
      q.set('name', promptsFile.name);
      datasetId = (await api(`/api/datasets?${q}`, { method: 'POST', body: promptsText, type: promptMediaType(promptsFile.name) })).id;
    }
    const v = formValues(settings);
    const model = { id: v.modelId, temperature: v.temperature, maxNewTokens: v.maxNewTokens, topP: v.topP };
    const request = { constitutionId: constitutionSelect.value, datasetId, mode: v.mode, revisions: v.revisions, seed: v.seed };
    if (Object.values(model).some(x => x !== undefined)) request.model = model;
    if (v.mode === 'preference' && v.answers) request.preference = { answers: v.answers };
    const run = await api('/api/runs', { method: 'POST', body: request });
    location.hash = `#/runs/${run.id}`;
  }

  main.append(h('h1', {}, 'New run'),
    h('fieldset', {}, h('legend', {}, 'Constitution'),
      h('div', { class: 'row' }, h('label', {}, 'Stored constitution', constitutionSelect),
        h('label', {}, 'or upload principles JSON (this service\'s or ConstitutionalAiTuning\'s)', constitutionFile)), principles),
    h('fieldset', {}, h('legend', {}, 'Prompts'),
      h('div', { class: 'row' }, h('label', {}, 'Stored dataset', datasetSelect),
        h('label', {}, 'or upload CSV / alpaca JSON / JSONL', promptsInput),
        h('label', {}, 'Prompt column (CSV)', promptColumn), h('label', {}, 'Id column (CSV)', idColumn)), preview),
    h('fieldset', {}, h('legend', {}, 'Mode, rounds, model and sampling'), settings));
}
