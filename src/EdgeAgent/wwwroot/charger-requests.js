// A charger's own requests on the dashboard (docs/web.md, "Asking a charger"): TriggerMessage per
// connector (or the whole charger) and Reset per charger, through POST /api/v1/chargers/{id}/trigger
// and /reset (docs/api.md). The chargers table is redrawn with every status, so what is picked and
// the last answer are kept here, not in the table.
'use strict';

// What each protocol's charger can be asked to send (docs/api.md); a booted 2.0.1 station is never
// asked for a BootNotification (F06.FR.17), so the page does not offer it.
const TRIGGER_MESSAGES = {
  'ocpp1.6': ['StatusNotification', 'MeterValues', 'Heartbeat', 'BootNotification', 'FirmwareStatusNotification', 'DiagnosticsStatusNotification'],
  'ocpp2.0.1': ['StatusNotification', 'MeterValues', 'TransactionEvent', 'Heartbeat', 'FirmwareStatusNotification', 'LogStatusNotification'],
};

// A reset is asked twice: the first click arms the button for this long.
const RESET_CONFIRM_MS = 5000;

const chargerRequests = new Map();

function chargerRequest(chargerId, connectorId) {
  const key = `${chargerId}/${connectorId}`;
  if (!chargerRequests.has(key)) chargerRequests.set(key, { message: null, resetType: 'Soft', armedUntil: 0, answer: '' });
  return chargerRequests.get(key);
}

function requestSelect(role, options, value, onChange) {
  const select = document.createElement('select');
  select.dataset.role = role;
  select.append(...options.map(o => new Option(o, o, false, o === value)));
  select.onchange = () => onChange(select.value);
  return select;
}

function requestButton(role, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset.role = role;
  b.textContent = label;
  b.onclick = onClick;
  return b;
}

// Sends one request and shows the charger's answer (or why it was refused) beside the controls.
async function askCharger(chargerId, kept, answer, action, body) {
  answer.textContent = kept.answer = '…';
  try {
    const { data } = await api('POST', `/api/v1/chargers/${encodeURIComponent(chargerId)}/${action}`, body);
    kept.answer = `${action}: ${data.status}`;
  } catch (e) {
    kept.answer = `${action}: ${e.message}`;
  }
  answer.textContent = kept.answer;
}

// The controls for one row of the chargers table: the trigger for its connector, and on the
// charger's first row its reset. None for a charger that takes neither (Modbus).
function chargerRequestControls(chargerId, connector, firstRow) {
  const actions = state.actions[chargerId] ?? [];
  const messages = TRIGGER_MESSAGES[state.protocols?.[chargerId]] ?? [];
  const connectorId = Number(connector.id) || undefined;
  const kept = chargerRequest(chargerId, connectorId ?? 0);
  const answer = document.createElement('small');
  answer.dataset.role = 'answer';
  answer.textContent = kept.answer;
  const controls = [];
  if (actions.includes('trigger') && messages.length) {
    kept.message ??= messages[0];
    controls.push(
      requestSelect('trigger-message', messages, kept.message, v => { kept.message = v; }),
      requestButton('trigger', 'Trigger', () => askCharger(chargerId, kept, answer, 'trigger', { message: kept.message, connectorId })));
  }

  if (firstRow && actions.includes('reset')) {
    const reset = requestButton('reset', Date.now() < kept.armedUntil ? 'Confirm reset' : 'Reset', () => {
      if (Date.now() >= kept.armedUntil) {
        kept.armedUntil = Date.now() + RESET_CONFIRM_MS;
        reset.textContent = 'Confirm reset';
        return;
      }
      kept.armedUntil = 0;
      reset.textContent = 'Reset';
      askCharger(chargerId, kept, answer, 'reset', { type: kept.resetType });
    });
    controls.push(requestSelect('reset-type', ['Soft', 'Hard'], kept.resetType, v => { kept.resetType = v; }), reset);
  }

  if (!controls.length) return [];
  const group = document.createElement('div');
  group.className = 'charger-requests';
  group.append(...controls, answer);
  return [group];
}
