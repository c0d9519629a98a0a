"use strict";
// What the scripted Modbus peers share: serving a register vector over Modbus TCP (npm modbus-serial)
// on a free loopback port, printing READY {"port":N}, and running the commands on standard input
// (one JSON per line with an "id"; each answered "RESULT <id> <json>").
const net = require("net");
const ModbusRTU = require("modbus-serial");

function out(line) { process.stdout.write(line + "\n"); }

function onCommands(run) {
  require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
    let cmd;
    try { cmd = JSON.parse(line); } catch { out("RESULT -1 " + JSON.stringify({ ok: false, error: "bad command" })); return; }
    run(cmd).then(
      (value) => out(`RESULT ${cmd.id} ${JSON.stringify({ ok: true, ...value })}`),
      (err) => out(`RESULT ${cmd.id} ${JSON.stringify({ ok: false, error: err.message })}`));
  });
  process.stdin.on("end", () => process.exit(0));
}

// modbus-serial treats port 0 as "default 502", so a free port is found first.
function serveTcp(vector) {
  const probe = net.createServer();
  probe.listen(0, "127.0.0.1", () => {
    const { port } = probe.address();
    probe.close(() => {
      const server = new ModbusRTU.ServerTCP(vector, { host: "127.0.0.1", port, debug: false, unitID: 255 });
      server.on("initialized", () => out("READY " + JSON.stringify({ port })));
      server.on("serverError", (e) => { console.error("server error " + e.message); process.exit(1); });
    });
  });
}

module.exports = { out, onCommands, serveTcp };
