// Load for tests/Benchmarks/Ocpp/bench.sh: N charge points (ocpp-rpc, strict mode) connect and boot,
// then each sends `rounds` Heartbeats, spread over time. Prints one JSON line of figures. Charge point i
// speaks OCPP 2.0.1 when (i * v201Percent) % 100 < v201Percent (ocpp-bench-server.cs registers them by the same rule),
// else 1.6: a 2.0.1 station answers the edge's SetVariables and GetBaseReport and sends a small base report.
'use strict';
const { RPCClient } = require('ocpp-rpc');

const [url, countArg, roundsArg, v201Arg] = process.argv.slice(2);
const count = Number(countArg ?? 1000);
const rounds = Number(roundsArg ?? 10);
const v201Percent = Number(v201Arg ?? 0);
const speaks201 = i => (i * v201Percent) % 100 < v201Percent; // spread evenly: 50 is every other one

// A station's base report (B07): one EVSE with one three-phase connector and smart charging, as the edge reads it.
const report = [
  { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'SupplyPhases' }, variableAttribute: [{ value: '3' }] },
  { component: { name: 'Connector', evse: { id: 1, connectorId: 1 } }, variable: { name: 'ConnectorType' }, variableAttribute: [{ value: 'cType2' }] },
  { component: { name: 'SmartChargingCtrlr' }, variable: { name: 'Available' }, variableAttribute: [{ value: 'true' }] },
];

function handle201(client) {
  client.handle('SetVariables', ({ params }) => ({
    setVariableResult: params.setVariableData.map(d => ({ attributeStatus: 'Accepted', component: d.component, variable: d.variable })),
  }));
  client.handle('GetBaseReport', ({ params }) => {
    setImmediate(() => client.call('NotifyReport', { requestId: params.requestId, generatedAt: new Date().toISOString(), seqNo: 0, reportData: report })
      .catch(e => console.error('NotifyReport', e.message)));
    return { status: 'Accepted' };
  });
  client.handle(({ method }) => { throw require('ocpp-rpc').createRPCError('NotImplemented', `bench station has no reply for ${method}`); });
}
const concurrency = 200;

function percentile(sorted, p) { return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]; }

async function pool(items, size, work) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) { const i = next++; await work(items[i], i); }
  }));
}

(async () => {
  const clients = Array.from({ length: count }, (_, i) => {
    const identity = `BENCH-${String(i).padStart(4, '0')}`;
    // HTTP Basic (security profile 1), as ocpp-bench-server.cs registers each: every connect is checked against a salted hash.
    const v201 = speaks201(i);
    const client = new RPCClient({ endpoint: url, identity, password: `${identity}-bench-password`, protocols: [v201 ? 'ocpp2.0.1' : 'ocpp1.6'], strictMode: true, reconnect: false, callTimeoutMs: 30000 });
    if (v201) handle201(client);
    else client.handle(({ method }) => method === 'ChangeConfiguration' ? { status: 'Accepted' } : { status: 'Rejected' });
    client.v201 = v201;
    return client;
  });
  const t0 = process.hrtime.bigint();
  await pool(clients, concurrency, async c => {
    await c.connect();
    const boot = await c.call('BootNotification', c.v201
      ? { reason: 'PowerUp', chargingStation: { vendorName: 'Bench', model: 'Load' } }
      : { chargePointVendor: 'Bench', chargePointModel: 'Load' });
    if (boot.status !== 'Accepted') throw new Error('boot ' + boot.status);
  });
  const connectMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const rtts = [];
  const firstRound = [];
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    // Spread each round's heartbeats over one second, as 1,000 chargers on their own timers would.
    await Promise.all(clients.map(async (c, i) => {
      await new Promise(r => setTimeout(r, (i * 1000) / count));
      const t = process.hrtime.bigint();
      await c.call('Heartbeat', {});
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      (round === 0 ? firstRound : rtts).push(ms);
    }));
  }
  const heartbeatSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  // The first round warms up both sides (JIT); it is reported on its own.
  firstRound.sort((a, b) => a - b);
  rtts.sort((a, b) => a - b);
  console.log(JSON.stringify({
    chargePoints: count,
    ocpp201: clients.filter(c => c.v201).length,
    connectAndBootAllMs: Math.round(connectMs),
    heartbeats: rtts.length + firstRound.length,
    heartbeatPerSecond: Math.round((rtts.length + firstRound.length) / heartbeatSeconds),
    firstRoundP50Ms: +percentile(firstRound, 0.5).toFixed(2),
    firstRoundP99Ms: +percentile(firstRound, 0.99).toFixed(2),
    heartbeatP50Ms: +percentile(rtts, 0.5).toFixed(2),
    heartbeatP99Ms: +percentile(rtts, 0.99).toFixed(2),
    heartbeatMaxMs: +rtts[rtts.length - 1].toFixed(2),
  }));
  await Promise.all(clients.map(c => c.close({ force: true })));
  process.exit(0);
})().catch(e => { console.error(e); process.exit(1); });
