// Runs: status, progress, samples/s and ETA, live from each unfinished run's Server-Sent Events.
import { api } from './api.js';
import { h, attempt, status, progressBar, percent, short, when, fixed, duration } from './ui.js';

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** The lifecycle buttons the API allows in each state. */
export function runActions(run, onChange) {
  const act = (action, label, allowed) => h('button', {
    'data-action': action, disabled: !allowed.includes(run.status),
    onclick: e => { e.stopPropagation(); attempt(async () => onChange(await api(`/api/runs/${run.id}/${action}`, { method: 'POST' }))); },
  }, label);
  return h('span', { class: 'row' },
    act('pause', 'Pause', ['QUEUED', 'RUNNING']), act('resume', 'Resume', ['PAUSED']),
    act('cancel', 'Cancel', ['QUEUED', 'RUNNING', 'PAUSED']),
    act('retry-failed', 'Retry failed', run.failed > 0 ? ['RUNNING', 'PAUSED', 'COMPLETED', 'FAILED'] : []));
}

/** Follows a run's progress events; calls back with each one, closes itself when the run ends. */
export function followRun(id, onProgress) {
  const source = new EventSource(`/api/runs/${id}/events`);
  source.onmessage = event => {
    const progress = JSON.parse(event.data);
    onProgress(progress);
    if (FINAL.includes(progress.status)) source.close();
  };
  source.onerror = () => { if (source.readyState === EventSource.CLOSED) source.close(); };
  return () => source.close();
}

export function progressCells(p) {
  const finished = p.completed + p.failed;
  return [
    h('td', {}, status(p.status)),
    h('td', {}, progressBar(p.completed, p.failed, p.total), ' ', h('span', { 'data-field': 'percent' }, percent(finished, p.total)),
      h('span', { class: 'muted small' }, ` ${finished}/${p.total}${p.failed ? `, ${p.failed} failed` : ''}`)),
    h('td', { 'data-field': 'rate' }, p.samplesPerSecond === undefined ? '–' : fixed(p.samplesPerSecond)),
    h('td', { 'data-field': 'eta' }, FINAL.includes(p.status) ? '–' : duration(p.etaSeconds)),
  ];
}

export async function runsPage() {
  const main = document.getElementById('app');
  const streams = new Map();
  const body = h('tbody');
  main.append(h('h1', {}, 'Runs'),
    h('table', { id: 'runs' }, h('thead', {}, h('tr', {}, ...['Run', 'Mode', 'Status', 'Progress', 'Samples/s', 'ETA', 'Created', ''].map(t => h('th', {}, t)))), body));

  const row = (run, progress) => {
    const tr = h('tr', { class: 'clickable', 'data-run': run.id, onclick: () => { location.hash = `#/runs/${run.id}`; } },
      h('td', {}, h('a', { href: `#/runs/${run.id}` }, short(run.id))),
      h('td', {}, (run.mode || 'SFT').toLowerCase()),
      ...progressCells(progress || { ...run, samplesPerSecond: undefined }),
      h('td', { class: 'small' }, when(run.createdAt)),
      h('td', {}, runActions({ ...run, ...(progress || {}) }, () => load())));
    return tr;
  };

  async function load() {
    const runs = await api('/api/runs');
    body.replaceChildren(...runs.map(run => row(run)));
    if (!runs.length) body.append(h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No runs yet: start one under "New run".')));
    for (const run of runs) {
      if (FINAL.includes(run.status) || streams.has(run.id)) continue;
      streams.set(run.id, followRun(run.id, progress => {
        const old = body.querySelector(`tr[data-run="${run.id}"]`);
        if (old) old.replaceWith(row({ ...run, status: progress.status, failed: progress.failed }, progress));
        if (FINAL.includes(progress.status)) streams.delete(run.id);
      }));
    }
  }
  await load();
  return () => streams.forEach(close => close());
}
