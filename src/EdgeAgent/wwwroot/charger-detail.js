// One OCPP charger opened from the dashboard (docs/web.md, "A charger's detail"): why it is limited — the limit the edge
// sets, the composite schedule the charger reads back, the profiles it holds, the limits set from outside (the operator's,
// an EMS's or the grid operator's) and one sentence saying what holds it now — through GET /api/v1/chargers/{id}/schedule;
// and what can be asked of it: clear its cache, and of a 2.0.1 station its transaction status and a report (docs/api.md).
// The panel sits below the chargers table, which is redrawn with every status: the panel is not.
'use strict';

const ChargerDetail = (() => {
  const CRITERIA = ['Active', 'Available', 'Enabled', 'Problem'];
  const panel = () => document.getElementById('charger-detail');
  let openId = null;

  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };
  const row = (...cells) => { const tr = document.createElement('tr'); tr.append(...cells.map(c => el('td', c))); return tr; };
  const amps = (a) => (a == null ? '–' : `${Number(a).toFixed(1)} A`);
  const offset = (s) => (s === 0 ? 'now' : `+${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);
  const periods = (unit, list) => (list ?? []).map(p => `${offset(p.startS)} ${Number(p.limit).toFixed(1)} ${unit}`).join(' · ');
  const schedules = (list) => (list ?? []).map(s => periods(s.unit, s.periods)).join('; ') || 'no schedule given';
  const table = (id, rows, empty) => {
    const body = panel().querySelector(`#${id} tbody`);
    body.replaceChildren(...(rows.length ? rows : [row(empty)]));
  };

  // The button in a charger's row that opens it; only OCPP chargers answer these questions.
  function openButton(chargerId) {
    const b = el('button', 'Why limited?');
    b.type = 'button';
    b.dataset.role = 'detail';
    b.onclick = () => open(chargerId);
    return b;
  }

  async function open(chargerId) {
    openId = chargerId;
    const p = panel();
    p.hidden = false;
    p.dataset.state = 'opening';
    p.dataset.charger = chargerId;
    p.querySelector('#detail-id').textContent = chargerId;
    const protocol = state.protocols?.[chargerId] ?? '';
    p.querySelector('#detail-protocol').textContent = protocol;
    p.querySelector('#detail-questions').hidden = protocol !== 'ocpp2.0.1';
    ['#detail-cache-answer', '#detail-tx-answer', '#detail-report-answer'].forEach(s => { p.querySelector(s).textContent = ''; });
    table('detail-report', [], 'Nothing asked yet.');
    let connectors = [];
    try { connectors = (await api('GET', `/api/v1/chargers/${encodeURIComponent(chargerId)}`)).data.connectors.map(c => c.id); } catch { /* the whole charger still answers */ }
    const select = p.querySelector('#detail-connector');
    select.replaceChildren(...[...connectors, 0].map(id => new Option(id === 0 ? '0 (whole charger)' : String(id), String(id))));
    p.scrollIntoView({ block: 'start' });
    await read();
  }

  // Asks the charger now (GetCompositeSchedule, and a 2.0.1 station's GetChargingProfiles): not on every status, only when asked.
  async function read() {
    const p = panel(), chargerId = openId, connectorId = p.querySelector('#detail-connector').value || '1';
    p.dataset.state = 'reading';
    p.querySelector('#detail-error').textContent = '';
    p.querySelector('#detail-why').textContent = 'Asking the charger…';
    try {
      const { data } = await api('GET', `/api/v1/chargers/${encodeURIComponent(chargerId)}/schedule?connectorId=${connectorId}&durationS=3600`);
      if (chargerId !== openId) return; // another charger was opened meanwhile: its answer shows
      render(data);
      p.dataset.state = 'read';
    } catch (e) {
      p.querySelector('#detail-why').textContent = '';
      p.querySelector('#detail-error').textContent = e.message;
      p.dataset.state = 'failed';
    }
  }

  function render(view) {
    const p = panel();
    const why = p.querySelector('#detail-why');
    why.textContent = view.why?.sentence ?? '';
    why.dataset.by = view.why?.by ?? '';
    const edge = view.edgeLimit;
    p.querySelector('#detail-edge').replaceChildren(...(edge ? [
      ['Asked by the control loop', amps(edge.requestedA)], ['Sent', amps(edge.sentA)],
      ['The charger answered', (edge.outcome ?? '–') + (edge.detail ? ` (${edge.detail})` : '')],
      ['In force (as far as the edge knows)', amps(edge.inForceA)], ['Valid until', edge.validTo ? time(edge.validTo) : '–'],
    ] : [['Limit', 'the edge has set none on this connector']]).flatMap(([k, v]) => [el('dt', k), el('dd', v)]));

    const schedule = view.charger;
    p.querySelector('#detail-answer').textContent = schedule
      ? `Answered ${view.chargerAnswer}: from ${time(schedule.start)} for ${Math.round(schedule.durationS / 60)} min.`
      : `No schedule: ${view.chargerAnswer}.`;
    table('detail-schedule', (schedule?.periods ?? []).map(x => row(offset(x.startS), `${Number(x.limit).toFixed(1)} ${schedule.unit}`)), 'none given');

    const profiles = view.profiles;
    p.querySelector('#detail-profiles-note').textContent = profiles == null
      ? (state.protocols?.[openId] === 'ocpp1.6' ? 'An OCPP 1.6 charger cannot list its profiles: the composite schedule above is what they come to.' : 'The charger did not list its profiles.')
      : '';
    table('detail-profiles', (profiles ?? []).map(x => row(String(x.id), x.purpose, String(x.stackLevel), x.source, x.connectorId === 0 ? 'whole charger' : String(x.connectorId), schedules(x.schedules))),
      profiles == null ? '–' : 'none');

    const outside = [
      ...(view.operatorLimit ?? []).map(x => row('the operator (upstream central system)', '', `${offset(x.startS)} ${amps(x.limitA)}`, '')),
      ...(view.externalLimits ?? []).map(x => row(x.source, x.gridCritical ? 'grid critical' : '', schedules(x.schedules), time(x.reportedAt))),
    ];
    table('detail-external', outside, 'none');
  }

  // One request from the panel; the answer (or why not) beside its button.
  async function ask(answer, method, url, show) {
    const out = panel().querySelector(answer);
    out.textContent = '…';
    try { out.textContent = show((await api(method, url)).data); }
    catch (e) { out.textContent = e.message; }
  }

  function clearCache() {
    return ask('#detail-cache-answer', 'POST', `/api/v1/chargers/${encodeURIComponent(openId)}/clear-cache`, d => `ClearCache: ${d.status}`);
  }

  function transactionStatus(form) {
    const id = new FormData(form).get('transactionId').trim();
    const query = id ? `?transactionId=${encodeURIComponent(id)}` : '';
    return ask('#detail-tx-answer', 'GET', `/api/v1/chargers/${encodeURIComponent(openId)}/transaction-status${query}`, d =>
      (d.ongoing == null ? '' : d.ongoing ? 'The transaction is still going. ' : 'The transaction has ended. ')
      + (d.messagesInQueue ? 'Messages are still waiting in the station\'s queue.' : 'No messages wait in the station\'s queue.'));
  }

  function report(form) {
    const f = new FormData(form), params = new URLSearchParams();
    f.getAll('criteria').forEach(c => params.append('criteria', c));
    ['component', 'evseId', 'variable'].forEach(k => { const v = String(f.get(k) ?? '').trim(); if (v) params.append(k, v); });
    return ask('#detail-report-answer', 'GET', `/api/v1/chargers/${encodeURIComponent(openId)}/report?${params}`, d => {
      table('detail-report', d.items.map(i => row(i.component + (i.componentInstance ? ` (${i.componentInstance})` : ''), i.evseId == null ? '' : String(i.evseId),
        i.variable + (i.variableInstance ? ` (${i.variableInstance})` : ''), i.values.map(v => `${v.type}: ${v.value ?? '–'}`).join(', '))), 'none');
      return `GetReport: ${d.answer}, ${d.items.length} variable${d.items.length === 1 ? '' : 's'}`;
    });
  }

  function wire() {
    const p = panel();
    p.querySelector('#detail-close').onclick = () => { p.hidden = true; openId = null; };
    p.querySelector('#detail-form').onsubmit = (e) => { e.preventDefault(); read(); };
    p.querySelector('#detail-connector').onchange = () => read();
    p.querySelector('#detail-clear-cache').onclick = () => clearCache();
    p.querySelector('#detail-tx-form').onsubmit = (e) => { e.preventDefault(); transactionStatus(e.target); };
    p.querySelector('#detail-report-form').onsubmit = (e) => { e.preventDefault(); report(e.target); };
    p.querySelector('#detail-criteria').replaceChildren(...CRITERIA.map(c => {
      const label = el('label', null, 'check');
      const box = document.createElement('input');
      box.type = 'checkbox'; box.name = 'criteria'; box.value = c;
      label.append(box, ' ' + c);
      return label;
    }));
  }

  return { openButton, open, wire };
})();
ChargerDetail.wire();
