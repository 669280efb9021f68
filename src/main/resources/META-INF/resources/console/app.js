// Hash router: each page renders into <main> and may return a cleanup (closing event streams and timers).
import { flash } from './ui.js';
import { runsPage } from './runs.js';
import { newRunPage } from './new-run.js';
import { runDetailPage } from './run-detail.js';
import { samplePage } from './sample.js';
import { comparisonsPage } from './comparisons.js';
import { evaluationsPage } from './evaluations.js';
import { trainingPage, trainingJobPage } from './training.js';

const routes = [
  [/^#\/runs\/([^/]+)\/samples\/([^/]+)$/, (m, q) => samplePage(m[1], m[2], q), 'runs'],
  [/^#\/runs\/([^/]+)\/comparisons$/, m => comparisonsPage(m[1]), 'runs'],
  [/^#\/runs\/([^/]+)\/evaluations$/, m => evaluationsPage(m[1]), 'runs'],
  [/^#\/runs\/([^/]+)$/, (m, q) => runDetailPage(m[1], q), 'runs'],
  [/^#\/new$/, () => newRunPage(), 'new'],
  [/^#\/training\/([^/]+)$/, m => trainingJobPage(m[1]), 'training'],
  [/^#\/training$/, () => trainingPage(), 'training'],
  [/^#\/runs$/, () => runsPage(), 'runs'],
];

let cleanup = null;

async function render() {
  if (cleanup) { cleanup(); cleanup = null; }
  const [path, query = ''] = (location.hash || '#/runs').split('?');
  const [pattern, page, nav] = routes.find(([re]) => re.test(path)) || routes[routes.length - 1];
  document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === nav));
  const main = document.getElementById('app');
  main.replaceChildren();
  main.dataset.page = nav;
  flash('');
  try {
    cleanup = (await page(path.match(pattern), new URLSearchParams(query))) || null;
  } catch (e) {
    flash(e.message || String(e));
  }
  main.dataset.ready = 'true';
}

window.addEventListener('hashchange', () => { document.getElementById('app').dataset.ready = 'false'; render(); });
render();
