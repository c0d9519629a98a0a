// The page: login/setup, the live dashboard (SSE), configuration, sessions, events, new chargers.
'use strict';

const state = { actions: {}, protocols: {}, csrf: null, loggedIn: false, publicStatus: false, limitA: null, history: [], live: null, pages: { sessions: 0, events: 0 } };
const PAGE_SIZE = 50;
const $ = (sel) => document.querySelector(sel);
const cell = (text, cls) => { const td = document.createElement('td'); td.textContent = text ?? ''; if (cls) td.className = cls; return td; };
const fmt = (n, digits = 1) => (n == null ? '–' : Number(n).toFixed(digits));
// A session's cost (docs/pricing.md): its incl.-VAT total in its currency; empty without pricing.
const money = (cost) => (cost == null ? '' : `${Number(cost.total).toFixed(2)} ${cost.currency}`);
const time = (iso) => (iso ? new Date(iso).toLocaleString() : '');

function csrfFromCookie() {
  const m = document.cookie.match(/(?:^|;\s*)chargenet_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : null;
}

// Every API call: same-origin cookie, the CSRF header on unsafe methods, problem details on error.
async function api(method, url, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf ?? csrfFromCookie() ?? '';
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const type = response.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (response.status === 401 && url !== '/api/v1/login') showLogin();
  if (!response.ok) { const error = new Error(data?.detail ?? data?.title ?? response.statusText); error.problem = data; error.status = response.status; throw error; }
  return { data, response };
}

function show(id) {
  document.querySelectorAll('main > section').forEach(s => { s.hidden = s.id !== id; });
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.getAttribute('href') === '#' + id));
}

function showLogin() {
  state.loggedIn = false;
  $('#nav').hidden = !state.publicStatus;
  document.querySelectorAll('[data-login]').forEach(e => { e.hidden = true; });
  show('login');
}

function enter() {
  $('#nav').hidden = false;
  document.querySelectorAll('[data-login]').forEach(e => { e.hidden = !state.loggedIn; });
  $('#login-link').hidden = state.loggedIn;
  route();
}

async function start() {
  const { data } = await api('GET', '/api/v1/session');
  state.loggedIn = data.loggedIn; state.publicStatus = data.publicStatus; state.csrf = data.csrfToken;
  if (data.setupRequired) { show('setup'); return; }
  if (!data.loggedIn && !data.publicStatus) { showLogin(); return; }
  enter();
}

// --- routing -----------------------------------------------------------------------------------
function route() {
  const view = (location.hash || '#dashboard').slice(1);
  if (!state.loggedIn && view !== 'dashboard') { showLogin(); return; }
  if (view === 'login') { location.hash = '#dashboard'; return; }
  show(view);
  if (view === 'dashboard') startDashboard();
  if (view === 'config') loadConfig();
  if (view === 'sessions') loadList('sessions');
  if (view === 'events') loadList('events');
  if (view === 'pending') loadPending();
  if (view === 'stickers') loadStickers();
  if (view === 'statements') loadStatement();
}
window.addEventListener('hashchange', () => { if (state.loggedIn || state.publicStatus) route(); });

// --- login and setup ---------------------------------------------------------------------------
async function logIn(url, body, errorElement) {
  $(errorElement).textContent = ''; // a second try must not show the first one's error beside it
  try {
    const { data } = await api('POST', url, body);
    state.csrf = data.csrfToken; state.loggedIn = true;
    if (location.hash === '#login' || !location.hash) history.replaceState(null, '', '#dashboard');
    if (state.live) { state.live.close(); state.live = null; } // reopened with the login, so actions show
    enter();
  } catch (e) { $(errorElement).textContent = e.message; }
}
$('#login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  logIn('/api/v1/login', { username: f.get('username'), password: f.get('password') }, '#login-error');
});
$('#setup-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  logIn('/api/v1/setup', { code: f.get('code'), password: f.get('password') }, '#setup-error');
});
// --- password change: errors beside their fields, as the server names them ---------------------
function fieldError(form, path, message) {
  const input = form.querySelector(`[data-path="${path}"]`);
  if (!input) return false;
  input.classList.add('invalid');
  const note = document.createElement('span');
  note.className = 'field-error'; note.textContent = message;
  input.closest('label').after(note);
  return true;
}
$('#password-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target, f = new FormData(form);
  form.querySelectorAll('.field-error').forEach(n => n.remove());
  form.querySelectorAll('.invalid').forEach(n => n.classList.remove('invalid'));
  $('#password-error').textContent = ''; $('#password-ok').textContent = '';
  if (f.get('newPassword') !== f.get('repeatPassword')) { fieldError(form, '$.repeatPassword', 'does not match the new password'); return; }
  try {
    const { data } = await api('POST', '/api/v1/password', { currentPassword: f.get('currentPassword'), newPassword: f.get('newPassword') });
    state.csrf = data.csrfToken;
    form.reset();
    $('#password-ok').textContent = 'Password changed. Every other login has ended.';
  } catch (error) {
    const errors = error.problem?.errors ?? {};
    const unplaced = Object.entries(errors).filter(([path, messages]) => !fieldError(form, path, messages.join(' ')));
    $('#password-error').textContent = 'Not changed. ' + (unplaced.length || !Object.keys(errors).length ? error.message : '');
  }
});
$('#logout').addEventListener('click', async () => { await api('POST', '/api/v1/logout').catch(() => {}); location.hash = ''; showLogin(); });

// --- dashboard -----------------------------------------------------------------------------------
function renderPhases(status) {
  const grid = status.grid, current = grid.currentA ?? [null, null, null];
  state.limitA = grid.limitA;
  $('#site-id').textContent = status.siteId;
  const badge = $('#grid-state');
  badge.textContent = grid.fallback ? 'meter unknown: fallback limit' : 'measured';
  badge.className = 'badge' + (grid.fallback ? ' fallback' : '');
  $('#phases').replaceChildren(...['L1', 'L2', 'L3'].map((name, i) => {
    const row = document.createElement('div');
    row.className = 'phase'; row.dataset.phase = name;
    // A limit of 0 A (a fallback of 0 under a meter that is unknown) fills the bar rather than dividing by it.
    const share = (a) => grid.limitA > 0 ? Math.min(100, (100 * a) / grid.limitA) : (a > 0 ? 100 : 0);
    const pct = current[i] == null ? 0 : share(current[i]);
    const allocPct = share(status.allocatedA?.[i] ?? 0);
    row.innerHTML = `<strong>${name}</strong><div class="bar"><div class="fill ${pct >= 100 ? 'over' : pct >= 90 ? 'high' : ''}" style="width:${pct}%"></div><div class="alloc" style="width:${allocPct}%" title="allocated to chargers"></div></div>`;
    const value = document.createElement('span');
    value.className = 'value';
    value.textContent = `${fmt(current[i])} / ${fmt(grid.limitA, 0)} A`;
    row.append(value);
    return row;
  }));
  $('#updated').textContent = new Date(status.ts).toLocaleTimeString();
  $('#cycle-ms').textContent = fmt(status.cycleMs, 1);
  $('#latency-p50').textContent = fmt(status.latency?.p50Ms, 1);
  $('#latency-p99').textContent = fmt(status.latency?.p99Ms, 1);
  badge.textContent = status.startupHold ? 'starting: chargers held at failsafe' : badge.textContent;
  if (status.controlling === false) {
    // Cycles fail: what the chargers were sent is their failsafe, not a plan (docs/control-loop.md, "Failsafes").
    badge.textContent = `not controlling: ${status.failedCycles} failed cycles, chargers at failsafe`;
    badge.className = 'badge fallback';
  }
}

// The site's own bill (docs/load-balancing.md, "The peak target in the daemon"); hidden without a power tariff.
function renderPeak(status) {
  const peak = status.peak;
  $('#peak').hidden = !peak;
  if (!peak) return;
  const kw = (v) => (v == null ? '–' : `${fmt(v, 1)} kW`);
  const badge = $('#peak-state');
  badge.textContent = !peak.windowCounts ? 'hour not billed' : peak.raised ? 'raised: departures need more' : 'held at the paid level';
  badge.className = 'badge' + (peak.raised ? ' fallback' : '');
  $('#peak-billed').textContent = `${kw(peak.billedPeakKw)} (${peak.month}, ${peak.windowMinutes}-minute windows)`;
  $('#peak-target').textContent = peak.targetKw == null ? 'none (this window is not billed)' : `${kw(peak.targetKw)} average; now up to ${kw(peak.capKw)}`;
  $('#peak-required').textContent = kw(peak.requiredKw);
  $('#peak-uncontrolled').textContent = kw(peak.uncontrolledPeakKw);
  $('#peak-saving').textContent = `${fmt(peak.saving, 2)} ${peak.currency ?? ''} (${fmt(peak.pricePerKw, 2)} per kW)`.trim();
}

function renderChargers(status) {
  const rows = [];
  status.chargers.forEach(charger => {
    const connectors = charger.connectors.length ? charger.connectors : [{ id: '', state: 'unknown', currentA: [], limitA: null }];
    connectors.forEach(c => {
      const tr = document.createElement('tr');
      tr.dataset.charger = charger.id;
      const idCell = cell(charger.id + (charger.unsecured ? ' (unsecured: no OCPP password)' : ''), [charger.online ? '' : 'offline', charger.unsecured ? 'unsecured' : ''].join(' ').trim());
      if (charger.upstream) idCell.append(document.createElement('br'), upstreamLine(charger.upstream));
      if (state.loggedIn && c === connectors[0] && state.protocols[charger.id]?.startsWith('ocpp')) idCell.append(' ', ChargerDetail.openButton(charger.id));
      tr.append(
        idCell,
        cell(c.id),
        cell(charger.online ? c.state : 'offline', 'state-' + c.state),
        cell((c.currentA ?? []).map(a => fmt(a)).join(' / ')),
        cell((c.limitA == null ? '–' : fmt(c.limitA) + (c.confirmed === false ? ' (not confirmed)' : ''))
          + (c.manualLimitA == null ? '' : ` (manual ≤ ${fmt(c.manualLimitA)})`)),
        cell(c.reason ?? charger.lastError ?? ''),
        cell(money(c.cost), 'cost'),
        actionCell(charger.id, c, c === connectors[0]));
      rows.push(tr);
    });
  });
  $('#chargers tbody').replaceChildren(...rows);
}

// A relayed charger's link to the operator's backend (docs/upstream.md, "Visible").
function upstreamLine(u) {
  const parts = [u.connected ? 'upstream up' : 'upstream down'];
  if (u.queued) parts.push(`${u.queued} queued`);
  if (u.registration && u.registration !== 'Accepted') parts.push(`boot ${u.registration.toLowerCase()}`);
  if (!u.connected && u.lastError) parts.push(u.lastError);
  const small = document.createElement('small');
  small.className = 'upstream' + (u.connected ? '' : ' down');
  small.textContent = parts.join(' · ');
  return small;
}

function actionCell(chargerId, connector, firstRow) {
  const td = document.createElement('td');
  if (!state.loggedIn || !chargerId.length) return td;
  td.append(manualLimitButton(chargerId, connector), ...sessionStartControls(chargerId, connector), ...chargerRequestControls(chargerId, connector, firstRow));
  if (!state.actions[chargerId]?.includes('stop')) return td;
  const act = (label, action, body) => {
    const b = document.createElement('button');
    b.type = 'button'; b.textContent = label;
    b.onclick = async () => {
      try { const { data } = await api('POST', `/api/v1/chargers/${encodeURIComponent(chargerId)}/${action}`, body); b.title = data.status; b.textContent = label + ' ✓'; }
      catch (e) { alert(e.message); }
    };
    return b;
  };
  if (['charging', 'suspendedByCar', 'suspendedByController'].includes(connector.state)) td.append(act('Stop', 'stop', { connectorId: connector.id }));
  return td;
}

// A manual limit caps one connector below its configured maximum; an empty answer lifts it.
function manualLimitButton(chargerId, connector) {
  const b = document.createElement('button');
  b.type = 'button'; b.textContent = 'Limit…';
  b.onclick = async () => {
    const answer = prompt(`Manual limit for ${chargerId} ${connector.id} in A (0 pauses; empty lifts it)`, connector.manualLimitA ?? '');
    if (answer === null) return;
    const url = `/api/v1/chargers/${encodeURIComponent(chargerId)}/limit`;
    const connectorId = Number(connector.id) || undefined;
    try {
      if (answer.trim() === '') await api('DELETE', connectorId ? `${url}?connectorId=${connectorId}` : url);
      else await api('POST', url, { maxCurrentA: Number(answer), connectorId });
    } catch (e) { alert(e.message); }
  };
  return b;
}

function renderChart() {
  const svg = $('#chart'), points = state.history, w = 600, h = 200;
  if (points.length < 2) { svg.replaceChildren(); return; }
  const t0 = Date.now() - 3600_000, t1 = Date.now();
  const max = Math.max(state.limitA ?? 0, ...points.flatMap(p => p.currentA)) * 1.1 || 1;
  const x = (ts) => ((new Date(ts).getTime() - t0) / (t1 - t0)) * w;
  const y = (a) => h - (a / max) * h;
  const ns = 'http://www.w3.org/2000/svg';
  const line = (coords, color, dash) => {
    const l = document.createElementNS(ns, 'polyline');
    l.setAttribute('points', coords); l.setAttribute('stroke', color);
    if (dash) l.setAttribute('stroke-dasharray', '6 4');
    return l;
  };
  const css = getComputedStyle(document.documentElement);
  const lines = [0, 1, 2].map(i => line(points.map(p => `${x(p.ts).toFixed(1)},${y(p.currentA[i]).toFixed(1)}`).join(' '), css.getPropertyValue(`--l${i + 1}`)));
  if (state.limitA) lines.push(line(`0,${y(state.limitA)} ${w},${y(state.limitA)}`, css.getPropertyValue('--limit'), true));
  svg.replaceChildren(...lines);
}

// The emergency stop latches: the banner stays, with its button, until someone acknowledges it.
async function refreshEmergencyStop() {
  if (!state.loggedIn) return;
  try {
    const { data } = await api('GET', '/api/v1/gpio/emergency-stop');
    $('#estop').hidden = !data.latched;
    $('#estop-detail').textContent = data.inputActive ? 'The input is still active: release the button first.' : '';
    $('#estop-ack').disabled = data.inputActive;
  } catch { /* the next status update tries again */ }
}

async function acknowledgeEmergencyStop() {
  try { await api('POST', '/api/v1/gpio/emergency-stop/acknowledge'); }
  catch (e) { alert(e.message); }
  await refreshEmergencyStop();
}

async function startDashboard() {
  if (state.live || state.starting) return;
  state.starting = true; // route() may call again while the history loads
  if (state.loggedIn) {
    // Which chargers take which actions (a Modbus charger only a start with a budget): from the configuration.
    try { (await api('GET', '/api/v1/chargers')).data.forEach(c => { state.actions[c.id] = c.actions; state.protocols[c.id] = c.protocol; }); } catch { state.actions = {}; }
  }
  try { state.history = (await api('GET', '/api/v1/status/history?minutes=60')).data; } catch { state.history = []; }
  state.live = new EventSource('/api/v1/status/live');
  state.starting = false;
  let lastPoint = 0, lastStopCheck = 0;
  $('#estop-ack').onclick = acknowledgeEmergencyStop;
  state.live.addEventListener('status', (e) => {
    const status = JSON.parse(e.data);
    if (Date.now() - lastStopCheck > 2000) { lastStopCheck = Date.now(); refreshEmergencyStop(); }
    renderPhases(status);
    renderPeak(status);
    renderChargers(status);
    const now = Date.now();
    if (status.grid.currentA && now - lastPoint > 10_000) {
      lastPoint = now;
      state.history.push({ ts: status.ts, currentA: status.grid.currentA });
      state.history = state.history.filter(p => new Date(p.ts).getTime() > now - 3600_000);
    }
    renderChart();
  });
  state.live.onerror = () => { $('#updated').textContent = 'connection lost, retrying…'; };
}

// --- configuration ----------------------------------------------------------------------------
async function loadConfig() {
  $('#config-summary').textContent = ''; $('#config-ok').textContent = '';
  const { data, response } = await api('GET', '/api/v1/config');
  $('#config-revision').textContent = 'revision ' + response.headers.get('X-Config-Revision');
  ConfigForm.load(data);
}
$('#config-reload').addEventListener('click', loadConfig);
$('#config-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('#config-summary').textContent = ''; $('#config-ok').textContent = '';
  ConfigForm.clearProblems();
  try {
    const { data } = await api('PUT', '/api/v1/config', ConfigForm.read());
    $('#config-revision').textContent = 'revision ' + data.revision;
    const warnings = Object.entries(data.warnings ?? {}).map(([p, m]) => `${p}: ${m.join('; ')}`);
    $('#config-ok').textContent = (data.unchanged ? 'No change.' : `Saved as revision ${data.revision}; in force now.`) + (warnings.length ? '\nWarnings:\n' + warnings.join('\n') : '');
    ConfigForm.showProblems(data.warnings ?? {});
  } catch (error) {
    const errors = error.problem?.errors ?? {};
    const unplaced = ConfigForm.showProblems(errors);
    $('#config-summary').textContent = `Not saved: ${Object.keys(errors).length || ''} problem(s); the configuration in force is unchanged. ${error.message}` + (unplaced.length ? '\n' + unplaced.join('\n') : '');
    document.querySelector('#config-fields .field-error')?.scrollIntoView({ block: 'center' });
  }
});

// --- sessions, events, pending ------------------------------------------------------------------
async function loadList(kind) {
  const offset = state.pages[kind] * PAGE_SIZE;
  let url = `/api/v1/${kind}?limit=${PAGE_SIZE}&offset=${offset}`;
  const chargerId = kind === 'sessions' ? new FormData($('#sessions-filter')).get('chargerId') : '';
  if (chargerId) url += '&chargerId=' + encodeURIComponent(chargerId);
  const { data, response } = await api('GET', url);
  const rows = data.map(item => {
    const tr = document.createElement('tr');
    if (kind === 'sessions') {
      tr.append(cell(time(item.startedAt)), cell(item.stoppedAt ? time(item.stoppedAt) : 'running'), cell(item.chargerId), cell(item.connectorId), cell(item.idTag), cell(fmt(item.energyWh / 1000, 2)), cell(item.stopReason), cell(money(item.cost), 'cost'));
    } else {
      tr.append(cell(time(item.ts)), cell(item.severity, 'severity-' + item.severity), cell(item.source), cell(item.code), cell(item.message));
    }
    return tr;
  });
  $(`#${kind}-table tbody`).replaceChildren(...rows);
  const total = response.headers.get('X-Total-Count');
  document.querySelector(`.pager[data-list="${kind}"] span`).textContent = `${offset + 1}–${offset + data.length}${total ? ' of ' + total : ''}`;
  document.querySelector(`.pager[data-list="${kind}"] [data-step="1"]`).disabled = data.length < PAGE_SIZE;
  document.querySelector(`.pager[data-list="${kind}"] [data-step="-1"]`).disabled = offset === 0;
  if (kind === 'sessions') $('#sessions-csv').href = '/api/v1/sessions/export.csv' + (chargerId ? '?chargerId=' + encodeURIComponent(chargerId) : '');
}
document.querySelectorAll('.pager').forEach(p => p.addEventListener('click', (e) => {
  const step = Number(e.target.dataset.step);
  if (!step) return;
  const kind = p.dataset.list;
  state.pages[kind] = Math.max(0, state.pages[kind] + step);
  loadList(kind);
}));
$('#sessions-filter').addEventListener('submit', (e) => { e.preventDefault(); state.pages.sessions = 0; loadList('sessions'); });

async function loadPending() {
  const { data } = await api('GET', '/api/v1/chargers/pending');
  const rows = data.map(p => {
    const tr = document.createElement('tr');
    const adopt = document.createElement('button');
    adopt.type = 'button'; adopt.textContent = 'Adopt';
    adopt.onclick = async () => { location.hash = '#config'; await loadConfig(); ConfigForm.addCharger(p.chargePointId, p.protocol); $('#config-ok').textContent = `${p.chargePointId} added below: check its circuit and limits, then save.`; };
    const action = document.createElement('td'); action.append(adopt);
    tr.append(cell(p.chargePointId), cell(time(p.seenAt)), cell(p.vendor), cell(p.model), cell(p.serialNumber), action);
    return tr;
  });
  $('#pending-table tbody').replaceChildren(...rows);
  if (!rows.length) { const tr = document.createElement('tr'); const td = cell('No new chargers.'); td.colSpan = 6; tr.append(td); $('#pending-table tbody').append(tr); }
}

start().catch(e => { document.body.prepend(Object.assign(document.createElement('p'), { className: 'error', textContent: 'The page could not start: ' + e.message })); });

// --- QR stickers: one per charger, the QR code of its driver's page (docs/web.md) -----------------
async function loadStickers() {
  const input = $('#stickers-base');
  if (!input.value) input.value = location.origin;
  $('#stickers-error').textContent = '';
  try {
    const { data: chargers } = await api('GET', '/api/v1/chargers');
    const base = input.value.replace(/\/+$/, '');
    $('#sticker-sheet').replaceChildren(...chargers.map(c => {
      const card = document.createElement('div');
      card.className = 'sticker'; card.dataset.charger = c.id;
      const img = document.createElement('img');
      img.alt = `QR code of ${base}/c/${c.id}`;
      img.src = `/api/v1/chargers/${encodeURIComponent(c.id)}/qr.svg?base=${encodeURIComponent(base)}`;
      img.onerror = () => { $('#stickers-error').textContent = `No QR code for '${base}': give an http:// or https:// address without a query.`; };
      const title = document.createElement('strong'); title.textContent = `Charger ${c.id}`;
      const hint = document.createElement('span'); hint.textContent = 'Scan for availability and price';
      const url = document.createElement('small'); url.textContent = `${base}/c/${encodeURIComponent(c.id)}`;
      card.append(img, title, hint, url);
      return card;
    }));
  } catch (e) { $('#stickers-error').textContent = e.message; }
}
$('#stickers-form').addEventListener('submit', (e) => { e.preventDefault(); loadStickers(); });
$('#stickers-print').addEventListener('click', () => window.print());

// --- statements: per idTag, the sessions that stopped in a month (docs/pricing.md, "Statements") ---
function monthRange(month) {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return `from=${month}-01&to=${next}-01`;
}
async function loadStatement() {
  const input = $('#statements-month');
  if (!input.value) { const now = new Date(); input.value = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`; }
  const month = input.value, range = monthRange(month);
  $('#statements-csv').href = `/api/v1/statements?${range}&format=csv`;
  $('#statements-csv').setAttribute('download', `statement-${month}.csv`);
  $('#statements-error').textContent = '';
  try {
    const { data } = await api('GET', `/api/v1/statements?${range}`);
    if (input.value !== month) return; // another month was picked meanwhile: its answer shows
    const amount = (v) => (data.currency ? `${Number(v).toFixed(2)} ${data.currency}` : '–');
    const row = (label, r) => {
      const tr = document.createElement('tr');
      tr.dataset.month = month;
      if (r) tr.append(cell(label), cell(r.sessions), cell(Number(r.energyKwh).toFixed(3)), cell(amount(r.total)), cell(amount(r.vat)), cell((r.tariffIds ?? []).join(' ')));
      else tr.append(cell(label));
      return tr;
    };
    const rows = data.rows.map(r => { const tr = row(r.idTag ?? '(no idTag)', r); tr.dataset.idtag = r.idTag ?? ''; return tr; });
    $('#statements-table tbody').replaceChildren(...(rows.length ? rows : [row('No sessions stopped in this month.')]));
    $('#statements-table tfoot').replaceChildren(row('Total', data.totals));
  } catch (e) { $('#statements-error').textContent = e.message; }
}
$('#statements-form').addEventListener('submit', (e) => { e.preventDefault(); loadStatement(); });
$('#statements-month').addEventListener('change', () => loadStatement());
