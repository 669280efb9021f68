// The console's only way to the service: its public REST API (same origin, so the browser's authentication applies).

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) ? (problem.detail || problem.title) : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body, type } = {}) {
  const headers = { Accept: 'application/json' };
  let payload = body;
  if (body !== undefined && type === undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (type) {
    headers['Content-Type'] = type;
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return { detail: text }; }
}

/** The media type the dataset API expects for a prompts file, from its name. */
export function promptMediaType(fileName) {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'application/x-ndjson';
  return 'application/json';
}
