// Small DOM helpers shared by the pages.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'html') el.innerHTML = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function flash(message, kind = 'error') {
  const box = document.getElementById('flash');
  box.textContent = message;
  box.className = kind === 'info' ? 'info' : '';
  box.hidden = !message;
}

/** Runs an action, showing an API problem's detail instead of throwing. */
export async function attempt(action) {
  try {
    flash('');
    return await action();
  } catch (e) {
    flash(e.message || String(e));
    return undefined;
  }
}

export const status = value => h('span', { class: `status ${value || ''}`, 'data-status': value || '' }, value || '–');

export function progressBar(done, failed, total) {
  const pct = total ? (100 * done) / total : 0;
  const failedPct = total ? (100 * failed) / total : 0;
  return h('span', { class: 'progress', title: `${Math.round(pct + failedPct)} %` },
    h('span', { style: `width:${pct}%;float:left` }), h('span', { class: 'failed', style: `width:${failedPct}%;float:left` }));
}

export const percent = (done, total) => (total ? `${Math.floor((100 * done) / total)} %` : '0 %');
export const short = id => (id ? id.slice(0, 8) : '');
export const when = iso => (iso ? new Date(iso).toLocaleString() : '–');
export const fixed = (n, digits = 2) => (n === null || n === undefined ? '–' : Number(n).toFixed(digits));

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export const clip = (text, n = 120) => (!text ? '' : text.length > n ? `${text.slice(0, n)}…` : text);

/** Form fields to an object: empty fields are left out, numbers parsed where the input is numeric. */
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'checkbox') { values[el.name] = el.checked; continue; }
    if (el.value === '') continue;
    values[el.name] = el.type === 'number' ? Number(el.value) : el.value;
  }
  return values;
}
