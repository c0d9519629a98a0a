// An independent OCPP central system (CSMS) for the integration tests of the edge as a local
// controller: npm ocpp-rpc RPCServer in strict mode (every message both ways checked against the
// schemas of the subprotocol agreed, ocpp1.6 or ocpp2.0.1, by ocpp-rpc itself).
// Usage: node ocpp/csms.js [port]  (0 or none: the OS picks one; given, a restarted peer takes it again)
// Prints "READY {"port":N}", then for every call a charge point makes "CALL <identity> <action> <messageId> <json>",
// "CONNECTED <identity> <json>" (protocol, the Basic password it gave) and "DISCONNECTED <identity>".
// Commands on standard input, one JSON object a line with an "id"; answers "RESULT <id> <json>":
//   {"op":"call","identity","action","payload"}  a call to a connected charge point
//   {"op":"respond","action","reply"}            the answer to that action from now on ("error": a CALLERROR,
//                                                "hang": none at all; null: the default again)
'use strict';
const readline = require('readline');
const { RPCServer, createRPCError } = require('ocpp-rpc');

const port = Number(process.argv[2] ?? 0);
const clients = new Map();
let nextTransactionId = 5000;
const replies = {};

function out(line) { process.stdout.write(line + '\n'); }

function answer(method, params, protocol) {
  const override = replies[method];
  if (override?.error) throw createRPCError(override.error, 'refused by the test');
  if (override?.hang) return new Promise(() => {}); // never answered: the caller's message stays in flight
  if (override) return override;
  const now = new Date().toISOString();
  switch (method) {
    case 'BootNotification': return { status: 'Accepted', currentTime: now, interval: 300 };
    case 'Heartbeat': return { currentTime: now };
    case 'StartTransaction': return { transactionId: nextTransactionId++, idTagInfo: { status: 'Accepted' } };
    case 'StopTransaction': return { idTagInfo: { status: 'Accepted' } };
    case 'Authorize': return protocol === 'ocpp2.0.1' ? { idTokenInfo: { status: 'Accepted' } } : { idTagInfo: { status: 'Accepted' } };
    case 'DataTransfer': return { status: 'Accepted', data: 'from-csms' };
    case 'TransactionEvent': return {};
    default: return {};
  }
}

const server = new RPCServer({ protocols: ['ocpp1.6', 'ocpp2.0.1'], strictMode: true });
server.auth((accept, reject, handshake) => {
  accept({ password: handshake.password ? handshake.password.toString('utf8') : null });
});
server.on('client', client => {
  clients.set(client.identity, client);
  out(`CONNECTED ${client.identity} ${JSON.stringify({ protocol: client.protocol, password: client.session.password })}`);
  client.on('message', ({ message, outbound }) => {
    if (outbound) return;
    const frame = JSON.parse(message);
    if (frame[0] === 2) out(`CALL ${client.identity} ${frame[2]} ${frame[1]} ${JSON.stringify(frame[3])}`);
  });
  client.on('close', () => {
    if (clients.get(client.identity) === client) clients.delete(client.identity);
    out(`DISCONNECTED ${client.identity}`);
  });
  client.handle(({ method, params }) => answer(method, params, client.protocol));
});

async function run(cmd) {
  switch (cmd.op) {
    case 'call': {
      const client = clients.get(cmd.identity);
      if (!client) throw new Error(`${cmd.identity} is not connected`);
      return { payload: await client.call(cmd.action, cmd.payload ?? {}) };
    }
    case 'respond':
      replies[cmd.action] = cmd.reply;
      return {};
    default:
      throw new Error('unknown op ' + cmd.op);
  }
}

function describeError(err) { return { code: err.rpcErrorCode ?? err.code ?? null, message: err.message }; }

(async () => {
  const http = await server.listen(port, '127.0.0.1');
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', line => {
    let cmd;
    try { cmd = JSON.parse(line); } catch { out(`RESULT -1 ${JSON.stringify({ ok: false, error: { message: 'bad command' } })}`); return; }
    run(cmd).then(
      value => out(`RESULT ${cmd.id} ${JSON.stringify({ ok: true, ...value })}`),
      err => out(`RESULT ${cmd.id} ${JSON.stringify({ ok: false, error: describeError(err) })}`));
  });
  rl.on('close', () => process.exit(0));
  out(`READY ${JSON.stringify({ port: http.address().port })}`);
})();
