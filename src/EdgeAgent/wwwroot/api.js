// A readable list of the API, rendered from the daemon's own OpenAPI document (no CDN).
'use strict';
fetch('/openapi/v1.json').then(r => r.json()).then(doc => {
  const byTag = {};
  Object.entries(doc.paths).forEach(([path, ops]) => Object.entries(ops).forEach(([method, op]) => {
    if (typeof op !== 'object' || !op.responses) return;
    const tag = op.tags?.[0] ?? 'Other';
    (byTag[tag] ??= []).push({ path, method, op });
  }));
  const root = document.getElementById('ops');
  root.replaceChildren(...Object.entries(byTag).map(([tag, ops]) => {
    const section = document.createElement('section');
    const h = document.createElement('h2'); h.textContent = tag; section.append(h);
    ops.forEach(({ path, method, op }) => {
      const div = document.createElement('div'); div.className = 'op';
      const m = document.createElement('span'); m.className = 'method'; m.textContent = method.toUpperCase();
      const p = document.createElement('code'); p.textContent = path;
      const s = document.createElement('div'); s.textContent = op.summary ?? '';
      const params = (op.parameters ?? []).map(x => `${x.name} (${x.in})`).join(', ');
      const r = document.createElement('div'); r.className = 'muted';
      r.textContent = (params ? 'parameters: ' + params + ' · ' : '') + 'responses: ' + Object.keys(op.responses).join(', ');
      div.append(m, p, s, r); section.append(div);
    });
    return section;
  }));
}).catch(e => { document.getElementById('ops').textContent = 'The OpenAPI document could not be loaded: ' + e.message; });
