// The driver's page (docs/web.md): one charger's availability, price now and later today, and the
// running cost of a session on it, from GET /api/v1/public/chargers/{id}; refreshed every 10 s.
'use strict';

const chargerId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const $ = (sel) => document.querySelector(sel);
const amount = (value, digits = 2) => Number(value).toFixed(digits);

// What a driver wants to know of a connector state (docs/api.md), and how it looks.
const STATES = {
  available: ['Available', 'free'],
  carConnected: ['Occupied', 'busy'],
  charging: ['Charging', 'busy'],
  suspendedByCar: ['Occupied, not charging', 'busy'],
  suspendedByController: ['Occupied, paused', 'busy'],
  faulted: ['Out of order', 'down'],
  unavailable: ['Not in use', 'down'],
  offline: ['Offline', 'down'],
  unknown: ['Unknown', 'down'],
};

function clock(iso, zone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

// The calendar day of an instant at the site, as yyyy-mm-dd (read the same way in every country).
function day(iso, zone) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const part = (type) => parts.find(p => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// A moment as a driver reads it: the time alone when it is today at the site, else with its date.
function when(iso, now, zone) {
  const date = day(iso, zone);
  return date === day(now, zone) ? clock(iso, zone) : `${date} ${clock(iso, zone)}`;
}

function renderConnector(connector, zone, now) {
  const [word, kind] = STATES[connector.status] ?? [connector.status, 'down'];
  const li = document.createElement('li');
  li.dataset.connector = connector.id;
  const status = document.createElement('span');
  status.className = 'status ' + kind;
  status.textContent = word;
  li.append(`Connector ${connector.id}: `, status);
  const s = connector.session;
  if (s) {
    const line = document.createElement('span');
    line.className = 'session';
    const cost = s.total == null ? '' : `, ${amount(s.total)} ${s.currency} so far`;
    line.textContent = `Session since ${when(s.startedAt, now, zone)}: ${amount(s.energyWh / 1000, 2)} kWh${cost}`;
    li.append(line);
  }
  return li;
}

function renderPrice(price, zone) {
  $('#price').hidden = !price;
  $('#no-price').hidden = !!price;
  if (!price) return;
  const c = price.currency;
  $('#price-now').textContent = `${amount(price.energyPerKwh)} ${c}/kWh`;
  const terms = [];
  if (price.sessionFee) terms.push(`${amount(price.sessionFee)} ${c} per session`);
  if (price.perHour) terms.push(`${amount(price.perHour)} ${c} per hour`);
  if (price.idlePerHour) terms.push(`${amount(price.idlePerHour)} ${c} per hour once fully charged, after ${price.idleGraceMinutes} min`);
  if (price.minCost != null) terms.push(`at least ${amount(price.minCost)} ${c} a session`);
  if (price.maxCost != null) terms.push(`at most ${amount(price.maxCost)} ${c} a session`);
  terms.push(`Tariff: ${price.tariffName}`);
  $('#price-terms').replaceChildren(...terms.map(t => { const li = document.createElement('li'); li.textContent = t; return li; }));
  $('#price-today tbody').replaceChildren(...price.today.map((span, i) => {
    const tr = document.createElement('tr');
    if (i === 0) tr.className = 'current';
    const to = clock(span.to, zone);
    const from = document.createElement('td'); from.textContent = `${i === 0 ? 'now' : clock(span.from, zone)} – ${to === '00:00' ? '24:00' : to}`;
    const value = document.createElement('td'); value.textContent = `${amount(span.energyPerKwh)} ${c}/kWh`;
    tr.append(from, value);
    return tr;
  }));
}

async function refresh() {
  try {
    const response = await fetch(`/api/v1/public/chargers/${encodeURIComponent(chargerId)}`);
    if (!response.ok) throw new Error(response.status === 404 ? 'There is no such charger here.' : `The charger could not be asked (${response.status}).`);
    const charger = await response.json();
    document.title = `Charger ${charger.chargerId}`;
    $('#charger-id').textContent = charger.chargerId;
    $('#site-name').textContent = charger.siteName ?? '';
    $('#connectors').replaceChildren(...charger.connectors.map(c => renderConnector(c, charger.timeZone, charger.ts)));
    renderPrice(charger.price, charger.timeZone);
    $('#updated').textContent = clock(charger.ts, charger.timeZone);
    $('#updated').dateTime = charger.ts; // the instant everything shown is for
    $('#driver-error').hidden = true;
  } catch (e) {
    $('#driver-error').textContent = e.message;
    $('#driver-error').hidden = false;
  }
}

refresh();
setInterval(refresh, 10000);
