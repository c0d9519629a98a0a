"use strict";
// A small parking site for the control loop's end-to-end test, over real protocols:
//   - a Modbus TCP server (npm modbus-serial) with a grid meter at unit 1 (eastron-sdm630 input
//     registers, float32 high word first) and a wallbox at unit 2 (generic-charger holding registers);
//   - OCPP 1.6J charge points (npm ocpp-rpc, strict mode) that connect to the edge on command.
// Physics every 50 ms: the grid current per phase = base load + what every charger draws. A car
// draws min(its maximum, the charger's limit): the wallbox's limit is its written currentLimit
// register, an OCPP charger's is the limit of its latest SetChargingProfile. OCPP chargers report
// Current.Import per phase in MeterValues every 500 ms.
//   node site/physics-site.js '{"baseA":10,"carMaxA":16,"ocpp":["CP1","CP2"]}'
// Prints READY {"port":N}. Commands on standard input, one JSON per line with an "id"; each gets
// "RESULT <id> <json>":
//   {"op":"connect","url":"ws://127.0.0.1:P/ocpp"}   connect the OCPP chargers, boot, start charging
//   {"op":"base","a":40,"limitA":63}                  step the base load; time how long the grid
//                                                      stays above limitA from now
//   {"op":"state"}                                    grid currents, draws, limits, the step's timing
const net = require("net");
const ModbusRTU = require("modbus-serial");
const { RPCClient } = require("ocpp-rpc");

const config = JSON.parse(process.argv[2] || "{}");
const carMaxA = config.carMaxA ?? 16;
const voltageV = 230;
let baseA = config.baseA ?? 10;
const started = Date.now();

const wallbox = { limitDa: 0, failsafeDa: 0, timeoutS: 0, lifeBit: 0, energyWh: 0, drawA: 0 };
const ocpp = new Map(); // id -> { client, limitA, drawA, energyWh }
for (const id of config.ocpp ?? []) ocpp.set(id, { client: null, limitA: null, drawA: 0, energyWh: 0 });
let grid = [0, 0, 0];
let importWh = 0;
let step = null; // { at, limitA, overAt, backAt }

function tick() {
  const now = Date.now();
  wallbox.drawA = Math.min(carMaxA, wallbox.limitDa / 10);
  wallbox.energyWh += wallbox.drawA * 3 * voltageV * 0.05 / 3600;
  for (const cp of ocpp.values()) {
    // Before its first profile a charger offers the car its maximum, as a real one does.
    cp.drawA = cp.client ? Math.min(carMaxA, cp.limitA ?? carMaxA) : 0;
    cp.energyWh += cp.drawA * 3 * voltageV * 0.05 / 3600;
  }
  const chargersA = wallbox.drawA + [...ocpp.values()].reduce((sum, cp) => sum + cp.drawA, 0);
  // A building's load is never perfectly still: a small wobble keeps the meter from looking frozen.
  const wobble = 0.05 * Math.sin((now - started) / 700);
  grid = [0, 1, 2].map((p) => baseA + wobble * (p + 1) + chargersA);
  importWh += grid.reduce((a, b) => a + b, 0) * voltageV * 0.05 / 3600;
  if (step && step.backAt === null) {
    const over = Math.max(...grid) > step.limitA;
    if (over && step.overAt === null) step.overAt = now;
    if (!over && step.overAt !== null) step.backAt = now;
  }
}
setInterval(tick, 50);
tick();

function float32Words(value) {
  const buffer = Buffer.alloc(4);
  buffer.writeFloatBE(value);
  return [buffer.readUInt16BE(0), buffer.readUInt16BE(2)];
}

function meterRegister(addr) {
  const values = { 0: voltageV, 2: voltageV, 4: voltageV, 6: grid[0], 8: grid[1], 10: grid[2],
    12: grid[0] * voltageV, 14: grid[1] * voltageV, 16: grid[2] * voltageV,
    52: grid.reduce((a, b) => a + b, 0) * voltageV, 72: importWh / 1000 };
  const even = addr - (addr % 2);
  const words = float32Words(values[even] ?? 0);
  return words[addr % 2];
}

function wallboxRegister(addr) {
  const draw = Math.round(wallbox.drawA * 10);
  const energy = Math.round(wallbox.energyWh);
  switch (addr) {
    case 0: return 2; // charging
    case 1: case 2: case 3: return draw;
    case 4: return (energy >>> 16) & 0xffff;
    case 5: return energy & 0xffff;
    case 6: return wallbox.limitDa;
    case 10: return wallbox.limitDa;
    case 11: return wallbox.failsafeDa;
    case 12: return wallbox.timeoutS;
    case 13: return wallbox.lifeBit;
    default: return 0;
  }
}

const vector = {
  getInputRegister(addr, unitID) { return unitID === 1 ? meterRegister(addr) : 0; },
  getHoldingRegister(addr, unitID) { return unitID === 2 ? wallboxRegister(addr) : 0; },
  getCoil() { return false; },
  getDiscreteInput() { return false; },
  setRegister(addr, value, unitID) {
    if (unitID !== 2) throw { modbusErrorCode: 2, msg: "read-only" };
    if (addr === 10) wallbox.limitDa = value;
    else if (addr === 11) wallbox.failsafeDa = value;
    else if (addr === 12) wallbox.timeoutS = value;
    else if (addr === 13) wallbox.lifeBit = value;
  },
  setCoil() {},
};

function out(line) { process.stdout.write(line + "\n"); }

const replies = {
  ChangeConfiguration: { status: "Accepted" },
  ClearChargingProfile: { status: "Accepted" },
  TriggerMessage: { status: "Accepted" },
  GetConfiguration: { configurationKey: [], unknownKey: [] },
  GetLocalListVersion: { listVersion: 0 },
  SendLocalList: { status: "Accepted" },
  ChangeAvailability: { status: "Accepted" },
  DataTransfer: { status: "Accepted" },
};

function meterValues(cp) {
  const value = (v, measurand, phase, unit) => ({ value: v.toFixed(1), measurand, ...(phase ? { phase } : {}), unit });
  return {
    connectorId: 1,
    meterValue: [{
      timestamp: new Date().toISOString(),
      sampledValue: [
        value(cp.drawA, "Current.Import", "L1", "A"), value(cp.drawA, "Current.Import", "L2", "A"), value(cp.drawA, "Current.Import", "L3", "A"),
        value(cp.limitA ?? carMaxA, "Current.Offered", null, "A"), value(cp.energyWh, "Energy.Active.Import.Register", null, "Wh"),
      ],
    }],
  };
}

async function connect(url) {
  for (const [id, cp] of ocpp) {
    const client = new RPCClient({ endpoint: url, identity: id, protocols: ["ocpp1.6"], strictMode: true, reconnect: false });
    client.handle(({ method, params }) => {
      if (method === "SetChargingProfile") {
        const limit = params.csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit;
        cp.limitA = Number(limit);
        return { status: "Accepted" };
      }
      const reply = replies[method];
      if (reply === undefined) {
        const { createRPCError } = require("ocpp-rpc");
        throw createRPCError("NotImplemented", `no reply for ${method}`);
      }
      return reply;
    });
    await client.connect();
    await client.call("BootNotification", { chargePointVendor: "ChargeNet", chargePointModel: "physics-site" });
    await client.call("StatusNotification", { connectorId: 1, errorCode: "NoError", status: "Charging", timestamp: new Date().toISOString() });
    cp.client = client;
    setInterval(() => client.call("MeterValues", meterValues(cp)).catch((e) => out("stderr: MeterValues " + e.message)), 500);
  }
  return {};
}

function state() {
  const round = (x) => Math.round(x * 100) / 100;
  return {
    grid: grid.map(round),
    baseA,
    wallbox: { drawA: round(wallbox.drawA), limitA: wallbox.limitDa / 10 },
    ocpp: Object.fromEntries([...ocpp].map(([id, cp]) => [id, { drawA: round(cp.drawA), limitA: cp.limitA, connected: !!cp.client }])),
    step: step && { overMs: step.overAt === null ? null : step.overAt - step.at, backMs: step.backAt === null ? null : step.backAt - step.at },
  };
}

async function run(cmd) {
  switch (cmd.op) {
    case "connect": return connect(cmd.url);
    case "base":
      baseA = cmd.a;
      step = { at: Date.now(), limitA: cmd.limitA, overAt: null, backAt: null };
      tick();
      return state();
    case "state": return state();
    default: throw new Error("unknown op " + cmd.op);
  }
}

require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
  let cmd;
  try { cmd = JSON.parse(line); } catch { out("RESULT -1 " + JSON.stringify({ ok: false, error: "bad command" })); return; }
  run(cmd).then(
    (value) => out(`RESULT ${cmd.id} ${JSON.stringify({ ok: true, ...value })}`),
    (err) => out(`RESULT ${cmd.id} ${JSON.stringify({ ok: false, error: err.message })}`));
});
process.stdin.on("end", () => process.exit(0));

const probe = net.createServer();
probe.listen(0, "127.0.0.1", () => {
  const { port } = probe.address();
  probe.close(() => {
    const server = new ModbusRTU.ServerTCP(vector, { host: "127.0.0.1", port, debug: false, unitID: 255 });
    server.on("initialized", () => out("READY " + JSON.stringify({ port })));
    server.on("serverError", (e) => { console.error("server error " + e.message); process.exit(1); });
  });
});
