// An independent OCPP 1.6J charge point for the integration tests: npm ocpp-rpc in strict mode
// (every message in both directions checked against the OCPP 1.6 schemas by ocpp-rpc itself).
// Driven by JSON commands on standard input, one per line, each with an "id"; answers
// "RESULT <id> <json>". Reports "INCALL <client> <action> <json>" for every call the central
// system makes, "MSG <client> <raw>" for every message it receives and "CLOSED <client> <json>".
'use strict';
const readline = require('readline');
const { RPCClient } = require('ocpp-rpc');

const clients = new Map();
// Canned answers to the central system's calls, per action; "error" makes it a CALLERROR.
const replies = {
  ChangeConfiguration: { status: 'Accepted' },
  SetChargingProfile: { status: 'Accepted' },
  ClearChargingProfile: { status: 'Accepted' },
  TriggerMessage: { status: 'Accepted' },
  GetCompositeSchedule: { status: 'Rejected' },
  RemoteStartTransaction: { status: 'Accepted' },
  RemoteStopTransaction: { status: 'Accepted' },
  Reset: { status: 'Accepted' },
  ChangeAvailability: { status: 'Scheduled' },
  UnlockConnector: { status: 'Unlocked' },
  ClearCache: { status: 'Accepted' },
  GetConfiguration: { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['Nope'] },
  DataTransfer: { status: 'Accepted', data: 'pong' },
  GetDiagnostics: { fileName: 'diagnostics.zip' },
  UpdateFirmware: {},
  GetLocalListVersion: { listVersion: 3 },
  SendLocalList: { status: 'Accepted' },
  ReserveNow: { status: 'Accepted' },
  CancelReservation: { status: 'Accepted' },
};

// An OCPP 2.0.1 station's device model, set by the 'station' command: variable values by
// "Component.Variable", the variables it refuses to set, and the base report it sends after a
// GetBaseReport (NotifyReport, in parts of `reportPart` items).
const station = { variables: {}, refuse: [], report: null, reportPart: 2 };

function deviceModelReply(method, params) {
  if (method === 'SetVariables' && replies.SetVariables === undefined) {
    return { setVariableResult: params.setVariableData.map(d => ({
      attributeStatus: station.refuse.includes(`${d.component.name}.${d.variable.name}`) ? 'Rejected' : 'Accepted',
      component: d.component, variable: d.variable })) };
  }
  if (method === 'GetVariables' && replies.GetVariables === undefined) {
    return { getVariableResult: params.getVariableData.map(d => {
      const value = station.variables[`${d.component.name}.${d.variable.name}`];
      return value === undefined
        ? { attributeStatus: 'UnknownVariable', component: d.component, variable: d.variable }
        : { attributeStatus: 'Accepted', attributeValue: value, component: d.component, variable: d.variable };
    }) };
  }
  return undefined;
}

// Sends the base report in parts (tbc true on all but the last), as B07 has a station do after its answer.
async function sendReport(client, name, requestId) {
  const items = station.report ?? [];
  const parts = [];
  for (let i = 0; i < items.length; i += station.reportPart) parts.push(items.slice(i, i + station.reportPart));
  if (parts.length === 0) parts.push([]);
  for (let i = 0; i < parts.length; i++) {
    const payload = { requestId, generatedAt: new Date().toISOString(), seqNo: i, tbc: i < parts.length - 1 };
    if (parts[i].length > 0) payload.reportData = parts[i];
    await client.call('NotifyReport', payload);
  }
  out(`REPORTED ${name} ${requestId}`);
}

function out(line) { process.stdout.write(line + '\n'); }

function describeError(err) {
  return {
    code: err.rpcErrorCode ?? err.code ?? null,
    message: err.message,
    status: err.response?.statusCode ?? null,
  };
}

async function connect(cmd) {
  const name = cmd.client ?? 'a';
  const client = new RPCClient({
    endpoint: cmd.url,
    identity: cmd.identity,
    password: cmd.password === undefined ? undefined : Buffer.from(cmd.password, 'utf8'),
    protocols: cmd.protocols ?? ['ocpp1.6'],
    strictMode: cmd.strict === false ? false : true,
    reconnect: false,
    callTimeoutMs: cmd.callTimeoutMs ?? 10000,
    callConcurrency: cmd.callConcurrency ?? 1,
    maxBadMessages: Infinity,
    // headers: extra upgrade headers (e.g. the Origin a browser page would send).
    wsOpts: { ...(cmd.caPem ? { ca: cmd.caPem } : {}), ...(cmd.headers ? { headers: cmd.headers } : {}) },
  });
  client.on('message', ({ message, outbound }) => { if (!outbound) out(`MSG ${name} ${message}`); });
  client.on('close', ({ code, reason }) => out(`CLOSED ${name} ${JSON.stringify({ code, reason: String(reason ?? '') })}`));
  client.handle(({ method, params }) => {
    out(`INCALL ${name} ${method} ${JSON.stringify(params)}`);
    const modelReply = deviceModelReply(method, params);
    if (modelReply !== undefined) return modelReply;
    if (method === 'GetBaseReport' && station.report !== null && replies.GetBaseReport === undefined) {
      setTimeout(() => sendReport(client, name, params.requestId).catch(e => out(`REPORTFAILED ${name} ${e.message}`)), 10);
      return { status: 'Accepted' };
    }
    const reply = replies[method];
    if (reply === undefined) {
      const { createRPCError } = require('ocpp-rpc');
      throw createRPCError('NotImplemented', `peer has no reply for ${method}`);
    }
    if (reply.error) {
      const { createRPCError } = require('ocpp-rpc');
      throw createRPCError(reply.error, 'refused by the test');
    }
    return reply;
  });
  const result = await client.connect();
  clients.set(name, client);
  return { protocol: client.protocol ?? result?.protocol ?? null };
}

// A charger's own HTTP client, as firmware download and diagnostics upload use: node's http/https,
// no credentials but what the URL carries. Returns the status and the body (base64).
function http(cmd) {
  const url = new URL(cmd.url);
  const transport = url.protocol === 'https:' ? require('https') : require('http');
  const body = cmd.bodyBase64 === undefined ? undefined : Buffer.from(cmd.bodyBase64, 'base64');
  return new Promise((resolve, reject) => {
    const request = transport.request(url, {
      method: cmd.method ?? 'GET',
      ca: cmd.caPem,
      headers: body === undefined ? {} : { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length },
    }, response => {
      const chunks = [];
      response.on('data', c => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode, bodyBase64: Buffer.concat(chunks).toString('base64') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

// Sends `count` raw CALLs at once (ids flood-0 …) without waiting, then waits for every answer.
function flood(client, cmd) {
  return new Promise((resolve, reject) => {
    const pending = new Set();
    let results = 0, errors = 0;
    const timer = setTimeout(() => reject(new Error(`flood: ${pending.size} of ${cmd.count} unanswered`)), cmd.timeoutMs ?? 15000);
    const onMessage = ({ message, outbound }) => {
      if (outbound) return;
      const frame = JSON.parse(message);
      if (!pending.delete(frame[1])) return;
      if (frame[0] === 3) results++; else errors++;
      if (pending.size === 0) { clearTimeout(timer); client.off('message', onMessage); resolve({ results, errors }); }
    };
    client.on('message', onMessage);
    for (let i = 0; i < cmd.count; i++) {
      const id = `flood-${i}`;
      pending.add(id);
      client.sendRaw(JSON.stringify([2, id, cmd.action, cmd.payload ?? {}]));
    }
  });
}

async function run(cmd) {
  const client = clients.get(cmd.client ?? 'a');
  switch (cmd.op) {
    case 'connect':
      return connect(cmd);
    case 'call':
      return { payload: await client.call(cmd.action, cmd.payload ?? {}, { callTimeoutMs: cmd.timeoutMs }) };
    case 'http':
      return http(cmd);
    case 'raw':
      client.sendRaw(cmd.data);
      return {};
    case 'flood':
      return flood(client, cmd);
    case 'respond':
      replies[cmd.action] = cmd.reply;
      return {};
    case 'station':
      Object.assign(station, cmd.station);
      return {};
    case 'close':
      await client.close({ code: cmd.code ?? 1000, reason: cmd.reason ?? 'test', awaitPending: false, force: !!cmd.force });
      clients.delete(cmd.client ?? 'a');
      return {};
    default:
      throw new Error('unknown op ' + cmd.op);
  }
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', line => {
  let cmd;
  try { cmd = JSON.parse(line); } catch (e) { out(`RESULT -1 ${JSON.stringify({ ok: false, error: { message: 'bad command' } })}`); return; }
  run(cmd).then(
    value => out(`RESULT ${cmd.id} ${JSON.stringify({ ok: true, ...value })}`),
    err => out(`RESULT ${cmd.id} ${JSON.stringify({ ok: false, error: describeError(err) })}`));
});
rl.on('close', () => process.exit(0));
out('READY {}');
