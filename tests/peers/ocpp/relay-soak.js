// Load and upstream for tests/Benchmarks/Ocpp/relay-soak.sh: the edge as a local controller
// (docs/upstream.md). One process plays both ends with npm ocpp-rpc in strict mode, so one clock
// times each message: N OCPP 1.6 charge points, each in a transaction sending MeterValues every
// `intervalS` seconds (their phases spread evenly over the interval), and the operator's central
// system (RPCServer) the edge relays them to.
// Usage: node ocpp/relay-soak.js <count> <durationS> <intervalS>
// Prints "READY <upstreamPort>", then reads the edge's OCPP URL (ws://host:port/ocpp) on standard input.
// First a baseline: the same charge points straight to the central system for two rounds (what a
// charger without the edge sees). Then through the edge: "STEADY" once every charger is in its
// transaction, "SOAKED" when the soak ends, and one JSON line of figures:
//   relayedRtt*  the charger's MeterValues round trip through the edge (the edge waits for the upstream's answer)
//   directRtt*   the same round trip straight to the central system
//   upstreamArrival*  from the charger sending a message until the central system has it (one way)
//   added*       relayedRtt − directRtt at the same percentile: what the edge adds per relayed message
'use strict';
const readline = require('readline');
const { RPCServer, RPCClient, createRPCError } = require('ocpp-rpc');

const [countArg, durationArg, intervalArg] = process.argv.slice(2);
const count = Number(countArg ?? 200);
const durationS = Number(durationArg ?? 300);
const intervalS = Number(intervalArg ?? 10);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = ms => new Promise(r => setTimeout(r, ms));
const percentile = (sorted, p) => sorted.length === 0 ? null : +sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(2);
const identity = i => `SOAK-${String(i).padStart(4, '0')}`;
const out = line => process.stdout.write(line + '\n');

// The central system: answers as a backend does and notes when each charger's meter values arrive.
const sentAt = new Map(); // identity → when its MeterValues in flight was sent
const arrivals = [];
const arrived = new Map(); // identity → meter values the central system got
let nextTransaction = 1;
function central(method, params, identityOf) {
  const at = new Date().toISOString();
  switch (method) {
    case 'BootNotification': return { status: 'Accepted', currentTime: at, interval: 300 };
    case 'Heartbeat': return { currentTime: at };
    case 'StartTransaction': return { transactionId: nextTransaction++, idTagInfo: { status: 'Accepted' } };
    case 'StopTransaction': return { idTagInfo: { status: 'Accepted' } };
    case 'Authorize': return { idTagInfo: { status: 'Accepted' } };
    case 'MeterValues': {
      const sent = sentAt.get(identityOf);
      if (sent !== undefined) arrivals.push(now() - sent);
      arrived.set(identityOf, (arrived.get(identityOf) ?? 0) + 1);
      return {};
    }
    case 'StatusNotification': return {};
    default: throw createRPCError('NotImplemented', `the soak's central system has no answer for ${method}`);
  }
}
const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true });
server.auth(accept => accept());
server.on('client', client => client.handle(({ method, params }) => central(method, params, client.identity)));

// A charger: answers what the edge asks at boot and of its limits, as a charger that accepts them does.
function charger(endpoint, name) {
  const client = new RPCClient({ endpoint, identity: name, protocols: ['ocpp1.6'], strictMode: true, reconnect: false, callTimeoutMs: 60000 });
  client.handle(({ method }) => {
    switch (method) {
      case 'ChangeConfiguration': case 'SetChargingProfile': case 'ClearChargingProfile': return { status: 'Accepted' };
      case 'GetConfiguration': return { configurationKey: [] };
      case 'TriggerMessage': return { status: 'Rejected' };
      default: throw createRPCError('NotImplemented', `the soak's charger has no answer for ${method}`);
    }
  });
  return client;
}

function meter(transactionId, wh) {
  const sampledValue = ['L1', 'L2', 'L3'].map(phase => ({ value: '15.8', measurand: 'Current.Import', phase, unit: 'A' }));
  sampledValue.push({ value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' });
  return { connectorId: 1, transactionId, meterValue: [{ timestamp: new Date().toISOString(), sampledValue }] };
}

async function pool(items, size, work) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => { while (next < items.length) { const i = next++; await work(items[i], i); } }));
}

// Connects, boots and starts a transaction on each; then each sends MeterValues every interval for `durationMs`.
async function drive(clients, durationMs, rtts, onSteady) {
  await pool(clients, 50, async c => {
    await c.connect();
    await c.call('BootNotification', { chargePointVendor: 'Soak', chargePointModel: 'Relay' });
    await c.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing' });
    c.transaction = (await c.call('StartTransaction', { connectorId: 1, idTag: 'SOAK-TAG', meterStart: 0, timestamp: new Date().toISOString() })).transactionId;
    c.wh = 0;
  });
  onSteady?.();
  const untilMs = now() + durationMs;
  const errors = [];
  await Promise.all(clients.map(async (c, i) => {
    await sleep((i * intervalS * 1000) / clients.length);
    for (let next = now(); next < untilMs; next += intervalS * 1000) {
      await sleep(Math.max(0, next - now()));
      c.wh += 110;
      const t = now();
      sentAt.set(c.identity, t);
      try {
        await c.call('MeterValues', meter(c.transaction, c.wh));
        rtts.push(now() - t);
      } catch (e) {
        errors.push(`${c.identity}: ${e.message}`);
      }
      c.sent = (c.sent ?? 0) + 1;
    }
  }));
  return errors;
}

async function stopAll(clients) {
  await pool(clients, 50, async c => {
    await c.call('StopTransaction', { transactionId: c.transaction, meterStop: c.wh, timestamp: new Date().toISOString(), reason: 'EVDisconnected' });
    await c.close({ force: true });
  });
}

(async () => {
  const http = await server.listen(0, '127.0.0.1');
  const upstreamUrl = `ws://127.0.0.1:${http.address().port}`;
  out(`READY ${http.address().port}`);
  const edgeUrl = await new Promise(resolve => readline.createInterface({ input: process.stdin }).once('line', l => resolve(l.trim())));

  // Baseline: straight to the central system, two rounds.
  const directRtts = [];
  const direct = Array.from({ length: count }, (_, i) => charger(upstreamUrl, `DIRECT-${String(i).padStart(4, '0')}`));
  const directErrors = await drive(direct, 2 * intervalS * 1000, directRtts);
  await stopAll(direct);
  arrivals.length = 0;

  // Through the edge; the first round (JIT, first writes to the store) is reported on its own.
  const relayedRtts = [];
  const relayed = Array.from({ length: count }, (_, i) => charger(edgeUrl, identity(i)));
  let soakStart = 0;
  let firstRound = [];
  const errors = await drive(relayed, (durationS + intervalS) * 1000, relayedRtts, () => {
    setTimeout(() => { soakStart = now(); firstRound = relayedRtts.splice(0); arrivals.length = 0; out('STEADY'); }, intervalS * 1000);
  });
  out('SOAKED');
  const soakSeconds = (now() - soakStart) / 1000;
  const sent = relayed.reduce((n, c) => n + c.sent, 0);
  // Every meter value must reach the central system, once: wait (bounded) for the last ones.
  const deadline = now() + 60000;
  const got = () => relayed.reduce((n, c) => n + (arrived.get(c.identity) ?? 0), 0);
  while (got() < sent && now() < deadline) await sleep(100);
  await stopAll(relayed);

  [directRtts, relayedRtts, firstRound, arrivals].forEach(a => a.sort((x, y) => x - y));
  const p = (a, q) => percentile(a, q);
  out(JSON.stringify({
    chargePoints: count,
    intervalS,
    soakS: +soakSeconds.toFixed(1),
    meterValuesSent: sent,
    meterValuesUpstream: got(),
    relayedPerSecond: +(relayedRtts.length / soakSeconds).toFixed(1),
    errors: errors.length + directErrors.length,
    firstError: errors[0] ?? directErrors[0] ?? null,
    directRttP50Ms: p(directRtts, 0.5), directRttP99Ms: p(directRtts, 0.99),
    firstRoundRelayedP50Ms: p(firstRound, 0.5), firstRoundRelayedP99Ms: p(firstRound, 0.99),
    relayedRttP50Ms: p(relayedRtts, 0.5), relayedRttP99Ms: p(relayedRtts, 0.99), relayedRttMaxMs: p(relayedRtts, 1),
    upstreamArrivalP50Ms: p(arrivals, 0.5), upstreamArrivalP99Ms: p(arrivals, 0.99),
    addedP50Ms: +(p(relayedRtts, 0.5) - p(directRtts, 0.5)).toFixed(2), addedP99Ms: +(p(relayedRtts, 0.99) - p(directRtts, 0.99)).toFixed(2),
  }));
  process.exit(0);
})().catch(e => { console.error(e); process.exit(1); });
