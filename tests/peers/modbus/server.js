"use strict";
// A Modbus server from the independent npm package modbus-serial, for the transport tests.
//   node modbus/server.js tcp [port]            Modbus TCP on 127.0.0.1 (port 0: any free port)
//   node modbus/server.js rtu <path> <baud>     Modbus RTU on a serial device (a socat pty in tests)
// Prints `READY {"port":N}` (tcp) or `READY {"path":"…"}` (rtu) once it serves.
//
// Data model, per unit id u (every unit id is served):
//   holding register a  = (u * 100 + a) & 0xFFFF until written
//   input register a    = (u * 1000 + a) & 0xFFFF
//   coil a              = (a % 3 == 0) until written
//   discrete input a    = (a % 2 == 0)
// Reading holding register 9000 + c answers exception code c (1..11).
// Reading holding register 8000 is answered only when the server's next holding-register read comes,
// just before that read's own answer: a reply later than any timeout, arriving while the next request
// waits (however slow the machine running the test is).
// Reading holding register 8002 answers after 10 s: a device that stays silent for the whole test
// (on RTU, a reply that late could not be told from the next one's, so tests must not wait for it).
// Reading holding register 8001 answers after 30 ms and counts it (for the timeout-then-late-reply case).
const ModbusRTU = require("modbus-serial");

const holding = new Map();
const coils = new Map();
const key = (u, a) => u * 65536 + a;

function exceptionFor(addr) {
  if (addr >= 9001 && addr <= 9011) {
    return { modbusErrorCode: addr - 9000, msg: "exception on purpose" };
  }
  return null;
}

// The answers to register 8000 held back until the next read.
let heldBack = [];

// Answers what is held back; true when there was something.
function releaseHeldBack() {
  const waiting = heldBack;
  heldBack = [];
  waiting.forEach((answer) => answer());
  return waiting.length > 0;
}

const vector = {
  getHoldingRegister(addr, unitID) {
    const ex = exceptionFor(addr);
    if (ex) throw ex;
    if (addr === 8000) return new Promise((resolve) => heldBack.push(() => resolve(8000)));
    if (addr === 8002) return new Promise((resolve) => setTimeout(() => resolve(8002), 10000));
    const k = key(unitID, addr);
    const value = holding.has(k) ? holding.get(k) : (unitID * 100 + addr) & 0xffff;
    // The held answers go out in promise callbacks; this one after them (setImmediate runs later).
    return releaseHeldBack() ? new Promise((resolve) => setImmediate(() => resolve(value))) : value;
  },
  getInputRegister(addr, unitID) {
    return (unitID * 1000 + addr) & 0xffff;
  },
  getCoil(addr, unitID) {
    const k = key(unitID, addr);
    return coils.has(k) ? coils.get(k) : addr % 3 === 0;
  },
  getDiscreteInput(addr) {
    return addr % 2 === 0;
  },
  setRegister(addr, value, unitID) {
    if (addr >= 60000) throw { modbusErrorCode: 2, msg: "read-only area" };
    holding.set(key(unitID, addr), value);
  },
  setCoil(addr, value, unitID) {
    coils.set(key(unitID, addr), value);
  },
};

function freePort(wanted) {
  if (wanted) return Promise.resolve(wanted);
  return new Promise((resolve) => {
    const probe = require("net").createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const [transport, a1, a2] = process.argv.slice(2);
if (transport === "tcp") {
  // modbus-serial treats port 0 as "default 502", so a free port is found first.
  freePort(Number(a1 || 0)).then((port) => {
    const server = new ModbusRTU.ServerTCP(vector, { host: "127.0.0.1", port, debug: false, unitID: 255 });
    server.on("initialized", () => console.log("READY " + JSON.stringify({ port })));
    server.on("serverError", (e) => { console.error("server error " + e.message); process.exit(1); });
  });
} else if (transport === "rtu") {
  const server = new ModbusRTU.ServerSerial(vector, { path: a1, baudRate: Number(a2 || 19200), parity: "none", unitID: 255 });
  server.on("initialized", () => console.log("READY " + JSON.stringify({ path: a1 })));
} else {
  console.error("usage: server.js tcp [port] | rtu <path> <baud>");
  process.exit(2);
}
