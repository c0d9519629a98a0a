// Starting a session from the dashboard, with a budget (docs/web.md, "Starting a session"): POST
// /api/v1/chargers/{id}/start (docs/api.md). An OCPP charger is asked to start for an idTag; a Modbus
// or simulated charger charges whoever plugs in, so there the start only puts a budget on the
// connector — for the session on it now or the next one (docs/pricing.md, "Budgets"). "Leaves at" and
// "Needs kWh" are the car's departure and need the balancer plans with (docs/load-balancing.md, "Departure times"). The table is
// redrawn with every status, so the form is a dialog outside it and the last answer is kept here.
'use strict';

const sessionStartAnswers = new Map();

function sessionStartDialog() {
  let dialog = document.getElementById('session-start');
  if (dialog) return dialog;
  dialog = document.createElement('dialog');
  dialog.id = 'session-start';
  dialog.innerHTML = `<form method="dialog">
    <h3></h3>
    <label>idTag <input name="idTag" maxlength="36" autocomplete="off"></label>
    <label>Max cost incl. VAT <input name="maxCost" type="number" min="0" step="0.01"></label>
    <label>Max energy (kWh) <input name="maxEnergyKwh" type="number" min="0" step="0.001"></label>
    <label>Leaves at <input name="leavesAt" type="datetime-local"></label>
    <label>Needs kWh <input name="needsKwh" type="number" min="0.001" max="200" step="0.001"></label>
    <p data-role="start-error" class="error"></p>
    <menu><button value="send" data-role="start-send"></button> <button value="cancel" formnovalidate>Cancel</button></menu>
  </form>`;
  document.body.append(dialog);
  return dialog;
}

// A datetime-local value ("2026-12-03T07:30") as ISO 8601 with the browser's offset: the edge wants the
// driver's time, not its own zone's reading of it (docs/api.md, "departureAt").
function withBrowserOffset(local) {
  const at = new Date(local);
  const minutes = -at.getTimezoneOffset();
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const seconds = local.length === 16 ? ':00' : '';
  return `${local}${seconds}${minutes < 0 ? '-' : '+'}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

// The body of the start: the idTag (an OCPP charger needs one; elsewhere it names who paid), the budget and the car's needs given.
function sessionStartBody(form, connectorId) {
  const body = { connectorId };
  const idTag = form.idTag.value.trim();
  if (idTag) body.idTag = idTag;
  if (form.maxCost.value !== '') body.maxCost = Number(form.maxCost.value);
  if (form.maxEnergyKwh.value !== '') body.maxEnergyWh = Math.round(Number(form.maxEnergyKwh.value) * 1000 * 1000) / 1000;
  if (form.leavesAt.value !== '') body.departureAt = withBrowserOffset(form.leavesAt.value);
  if (form.needsKwh.value !== '') body.energyWh = Math.round(Number(form.needsKwh.value) * 1000 * 1000) / 1000;
  return body;
}

function openSessionStart(chargerId, connectorId, ocpp) {
  const dialog = sessionStartDialog();
  const form = dialog.querySelector('form');
  form.reset();
  dialog.querySelector('h3').textContent = `${ocpp ? 'Start a session on' : 'Budget for the session on'} ${chargerId} ${connectorId}`;
  form.idTag.required = ocpp;
  form.idTag.placeholder = ocpp ? '' : 'optional: who paid';
  dialog.querySelector('[data-role=start-send]').textContent = ocpp ? 'Start' : 'Set budget';
  dialog.querySelector('[data-role=start-error]').textContent = '';
  form.onsubmit = async (e) => {
    if (e.submitter?.value !== 'send') return;
    e.preventDefault(); // the dialog stays open until the edge answered
    const key = `${chargerId}/${connectorId}`;
    try {
      const { data } = await api('POST', `/api/v1/chargers/${encodeURIComponent(chargerId)}/start`, sessionStartBody(form, connectorId));
      sessionStartAnswers.set(key, `start: ${data.status}`);
      dialog.close();
    } catch (err) {
      dialog.querySelector('[data-role=start-error]').textContent = err.message;
    }
  };
  dialog.showModal();
}

// The row's start control: for an OCPP charger while no session runs on the connector, for any
// other charger always (a budget may be put on the running session). None without the action.
function sessionStartControls(chargerId, connector) {
  if (!(state.actions[chargerId] ?? []).includes('start')) return [];
  const ocpp = (state.protocols?.[chargerId] ?? '').startsWith('ocpp');
  if (ocpp && ['charging', 'suspendedByCar', 'suspendedByController'].includes(connector.state)) return [];
  const connectorId = Number(connector.id) || 1;
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset.role = 'start';
  b.textContent = ocpp ? 'Start…' : 'Budget…';
  b.onclick = () => openSessionStart(chargerId, connectorId, ocpp);
  const answer = document.createElement('small');
  answer.dataset.role = 'start-answer';
  answer.textContent = sessionStartAnswers.get(`${chargerId}/${connectorId}`) ?? '';
  return [b, answer];
}
