"use strict";
// A small parking site for the control loop's end-to-end test, over real protocols:
//   - a Modbus TCP server (npm modbus-serial) with a grid meter at unit 1 (eastron-sdm630 input
//     registers, float32 high word first) and a wallbox at unit 2 (generic-charger holding registers);
//   - OCPP 1.6J charge points (npm ocpp-rpc, strict mode) that connect to the edge on command.
// Physics every 50 ms: the grid current per phase = base load + what every charger draws. A car
// answers its charger's offer after a dead time (deadTimeS, default 2 s), as a pure delay: it draws
// min(its maximum, the offer of deadTimeS ago), and nothing under 6 A. The wallbox offers its
// written currentLimit register, an OCPP charger the limit of its latest SetChargingProfile. By default
// OCPP chargers report Current.Import per phase in MeterValues every 500 ms and answer at once; each
// may instead be given the timing of a real one (ocpp-charger.js: MeterValues every 10 or 60 s,
// refusing MeterValueSampleInterval, one current without phase, no Current.Offered, slow, rejected or
// unanswered profiles) and its own car (car.js: 1- or 3-phase, 16 or 32 A, tapering, stopping full).
// Currents are per grid phase: a 1-phase car loads the phase its charger's rotation puts its L1 on.
// The physics also scores the run on its own ground truth (issue 13, properties 1, 2 and 4):
// the car-caused overload (above max(limitA, base load), outside deadTimeS + 1 s after a base-load
// rise), the cars' share of the room (limitA − marginA − base load) while a window is open, and,
// after the grid meter fails, how long the cars drew more than fallbackA together.
// With "circuit" ({"chargers":["CP2","wb1"],"limitA":20,"loadA":4}) those chargers hang on a sub-circuit with its
// own meter at unit 3 (eastron-sdm630 registers): it reads the circuit's own load (a lift, a fan: loadA, which
// the grid meter sees too) plus what its chargers draw; the car-caused overload of the circuit is scored
// like the grid's (above max(its limit, its own load), outside the grace after a rise of that load).
//   node site/physics-site.js '{"baseA":10,"carMaxA":16,"ocpp":["CP1","CP2"],"deadTimeS":2,"limitA":63,"marginA":3,"fallbackA":20}'
// Prints READY {"port":N}. Commands on standard input, one JSON per line with an "id"; each gets
// "RESULT <id> <json>":
//   {"op":"connect","url":"ws://127.0.0.1:P/ocpp"}   connect the OCPP chargers, boot, start charging
//   {"op":"base","a":40,"limitA":63}                  step the base load; time how long the grid
//                                                      stays above limitA from now
//   {"op":"meter","fault":"silent"}                  the grid meter fails: "silent" (no answer),
//                                                      "late" (answers after lateMs, default 1500:
//                                                      past the edge's timeout), "exception" (Modbus
//                                                      exception 4), "frozen" (the same values
//                                                      forever), or "none" again
//   {"op":"circuit","a":12}                          step the sub-circuit's own load
//   {"op":"circuitMeter","fault":"silent"}            the sub-circuit's meter fails (as "meter")
//   {"op":"wallbox","fault":"silent"}                the wallbox stops answering ("none" again: it answers)
//   {"op":"window"}                                   start measuring the cars' share of the room
//   {"op":"reset"}                                    the state, then forget the car-caused overload so far, the grid's
//                                                      and the circuit's (the start-up's)
//   {"op":"state"}                                    grid currents, draws, limits, the step's timing, the score
//   {"op":"history"}                                 per connector: the limits it was sent (requests: t ms
//                                                      since start, a, answer, validS), the current it offered
//                                                      its car (offers: t, a), the ChangeConfiguration calls it
//                                                      got, the TriggerMessages (triggers: t, message, status),
//                                                      when its car stopped on its own (fullAtMs, or null);
//                                                      and one sample a second (trace: t, base, grid, per
//                                                      connector [offered, drawn])
const { out, onCommands, serveTcp } = require("../modbus/peer-io");
const { createCar, onGrid, parseRotation } = require("./car");
const { createOcppCharger } = require("./ocpp-charger");

const config = JSON.parse(process.argv[2] || "{}");
const carMaxA = config.carMaxA ?? 16;
const deadTimeMs = (config.deadTimeS ?? 2) * 1000;
const limitA = config.limitA ?? 63;
const marginA = config.marginA ?? 3;
const fallbackA = config.fallbackA ?? 20;
const lateMs = config.lateMs ?? 1500;
const voltageV = 230;
let baseA = config.baseA ?? 10;
const started = Date.now();

const tickS = 0.05;
const site = { carMaxA, deadTimeMs, started, voltageV, tickS, out };

// The wallbox: a 3-phase car at carMaxA on grid L1–L3 (config.wallbox: { "car": {...}, "rotation": "L1L2L3" }).
const wallbox = { fault: "none", limitDa: 0, failsafeDa: 0, timeoutS: 0, lifeBit: 0, energyWh: 0, requests: [], offers: [],
  car: createCar(config.wallbox?.car ?? {}, carMaxA, deadTimeMs, started), rotation: parseRotation(config.wallbox?.rotation),
  get drawA() { return this.car.drawA; } };
const ocpp = new Map(); // id -> ocpp-charger.js
for (const entry of config.ocpp ?? []) { const cp = createOcppCharger(entry, site); ocpp.set(cp.id, cp); }
const everyCharger = () => [["wb1", wallbox], ...ocpp];
// What a charger's car draws on each grid phase, and what it could take there now.
const loads = (c) => onGrid(c.car.chargerPhases(c.drawA), c.rotation);
const wants = (c, now) => onGrid(c.car.chargerPhases(c.car.wantA(now)), c.rotation);
const sumPhases = (list) => [0, 1, 2].map((p) => list.reduce((sum, a) => sum + a[p], 0));
const circuit = config.circuit ? { chargers: new Set(config.circuit.chargers), limitA: config.circuit.limitA, loadA: config.circuit.loadA ?? 0, a: [0, 0, 0], fault: "none", frozen: null } : null;
let grid = [0, 0, 0];
let importWh = 0;
let step = null; // { at, limitA, overAt, backAt }
let meterFault = "none";
let frozenGrid = null;
const score = { overloadMaxA: 0, overloadAt: null, riseAt: null, window: null, fault: null, circuitOverloadMaxA: 0, circuitOverloadAt: null, circuitRiseAt: null };
const trace = []; // one sample a second
let chargersNow = [0, 0, 0];

function tick() {
  const now = Date.now();
  const offered = wallbox.limitDa / 10;
  if (wallbox.offers.length === 0 || wallbox.offers[wallbox.offers.length - 1].a !== offered) wallbox.offers.push({ t: now - started, a: offered });
  wallbox.car.follow(offered, now);
  wallbox.energyWh += wallbox.car.chargerPhases(wallbox.drawA).reduce((a, b) => a + b, 0) * voltageV * tickS / 3600;
  // Before its first profile an OCPP charger offers the car its maximum, as a real one does.
  for (const cp of ocpp.values()) cp.tick(now);
  const chargersA = sumPhases(everyCharger().map(([, c]) => loads(c)));
  chargersNow = chargersA;
  // A building's load is never perfectly still: a small wobble keeps the meter from looking frozen.
  const wobble = 0.05 * Math.sin((now - started) / 700);
  const circuitLoadA = circuit ? circuit.loadA : 0;
  grid = [0, 1, 2].map((p) => baseA + circuitLoadA + wobble * (p + 1) + chargersA[p]);
  if (circuit) {
    const onCircuitA = sumPhases(everyCharger().filter(([id]) => circuit.chargers.has(id)).map(([, c]) => loads(c)));
    circuit.a = [0, 1, 2].map((p) => circuit.loadA + wobble * (p + 1) + onCircuitA[p]);
  }
  importWh += grid.reduce((a, b) => a + b, 0) * voltageV * tickS / 3600;
  if (step && step.backAt === null) {
    const over = Math.max(...(step.circuit ? circuit.a : grid)) > step.limitA;
    if (over && step.overAt === null) step.overAt = now;
    if (!over && step.overAt !== null) step.backAt = now;
  }
  scoreTick(now, chargersA);
}

// Issue 13's properties 1, 2 and 4 on the ground truth, per grid phase (the base load is the same on each).
function scoreTick(now, chargersA) {
  const inGrace = score.riseAt !== null && now - score.riseAt <= deadTimeMs + 1000;
  const overloadA = Math.max(...grid) - Math.max(limitA, baseA);
  if (!inGrace && overloadA > score.overloadMaxA) { score.overloadMaxA = overloadA; score.overloadAt = now - started; }
  if (score.window) {
    // Σ over phases of min(room, what the plugged-in cars could take there) — the words.
    const could = sumPhases(everyCharger().map(([, c]) => wants(c, now)));
    score.window.drawnAs += chargersA.reduce((a, b) => a + b, 0) * tickS;
    score.window.couldAs += could.reduce((sum, a) => sum + Math.max(0, Math.min(limitA - marginA - baseA, a)), 0) * tickS;
  }
  if (score.fault && Math.max(...chargersA) > fallbackA + 0.01) score.fault.lastOverAt = now;
  if (trace.length === 0 || now - started - trace[trace.length - 1].t >= 1000) {
    trace.push({ t: now - started, base: baseA, grid: grid.map(round), c: Object.fromEntries(everyCharger().map(([id, c]) => [id, [round(c.offers[c.offers.length - 1]?.a ?? 0), round(c.drawA)]])) });
  }
  if (circuit) {
    const circuitInGrace = score.circuitRiseAt !== null && now - score.circuitRiseAt <= deadTimeMs + 1000;
    const circuitOverA = Math.max(...circuit.a) - Math.max(circuit.limitA, circuit.loadA);
    if (!circuitInGrace && circuitOverA > score.circuitOverloadMaxA) { score.circuitOverloadMaxA = circuitOverA; score.circuitOverloadAt = now - started; }
  }
}
setInterval(tick, 50);
tick();

function round(x) { return Math.round(x * 100) / 100; }

function float32Words(value) {
  const buffer = Buffer.alloc(4);
  buffer.writeFloatBE(value);
  return [buffer.readUInt16BE(0), buffer.readUInt16BE(2)];
}

function meterRegister(addr) {
  return sdm630Register(addr, meterFault, meterFault === "frozen" ? frozenGrid : grid);
}

function circuitMeterRegister(addr) {
  return sdm630Register(addr, circuit.fault, circuit.fault === "frozen" ? circuit.frozen : circuit.a);
}

// An eastron-sdm630's input registers over the given phase currents, or its fault.
function sdm630Register(addr, fault, currents) {
  if (fault === "silent") return new Promise(() => {});
  if (fault === "exception") throw { modbusErrorCode: 4, msg: "server device failure" };
  const values = { 0: voltageV, 2: voltageV, 4: voltageV, 6: currents[0], 8: currents[1], 10: currents[2],
    12: currents[0] * voltageV, 14: currents[1] * voltageV, 16: currents[2] * voltageV,
    52: currents.reduce((a, b) => a + b, 0) * voltageV, 72: importWh / 1000 };
  const even = addr - (addr % 2);
  const word = float32Words(values[even] ?? 0)[addr % 2];
  return fault === "late" ? new Promise((resolve) => setTimeout(() => resolve(word), lateMs)) : word;
}

function wallboxRegister(addr) {
  if (wallbox.fault === "silent") return new Promise(() => {});
  const phases = wallbox.car.chargerPhases(wallbox.drawA).map((a) => Math.round(a * 10));
  const energy = Math.round(wallbox.energyWh);
  switch (addr) {
    case 0: return 2; // charging
    case 1: case 2: case 3: return phases[addr - 1];
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
  getInputRegister(addr, unitID) { return unitID === 1 ? meterRegister(addr) : unitID === 3 && circuit ? circuitMeterRegister(addr) : 0; },
  getHoldingRegister(addr, unitID) { return unitID === 2 ? wallboxRegister(addr) : 0; },
  getCoil() { return false; },
  getDiscreteInput() { return false; },
  setRegister(addr, value, unitID) {
    if (unitID !== 2) throw { modbusErrorCode: 2, msg: "read-only" };
    if (wallbox.fault === "silent") return new Promise(() => {});
    if (addr === 10) { wallbox.limitDa = value; wallbox.requests.push({ t: Date.now() - started, a: value / 10, answer: "Accepted", validS: null }); }
    else if (addr === 11) wallbox.failsafeDa = value;
    else if (addr === 12) wallbox.timeoutS = value;
    else if (addr === 13) wallbox.lifeBit = value;
  },
  setCoil() {},
};


async function connect(url) {
  for (const cp of ocpp.values()) await cp.connect(url);
  return {};
}

function state() {
  return {
    atMs: Date.now() - started,
    grid: grid.map(round),
    baseA,
    wallbox: { drawA: round(wallbox.drawA), limitA: wallbox.limitDa / 10 },
    ocpp: Object.fromEntries([...ocpp].map(([id, cp]) => [id, { drawA: round(cp.drawA), limitA: cp.limitA, connected: !!cp.client, status: cp.status, full: cp.car.full, lapses: cp.lapses }])),
    circuit: circuit && { a: circuit.a.map(round), loadA: circuit.loadA, limitA: circuit.limitA },
    step: step && { overMs: step.overAt === null ? null : step.overAt - step.at, backMs: step.backAt === null ? null : step.backAt - step.at },
    score: {
      overloadMaxA: round(score.overloadMaxA),
      overloadAtMs: score.overloadAt,
      capacityUse: score.window && score.window.couldAs > 0 ? Math.round(score.window.drawnAs / score.window.couldAs * 1000) / 1000 : null,
      fallbackMs: score.fault && (score.fault.lastOverAt === null ? 0 : score.fault.lastOverAt + 50 - score.fault.at),
      circuitOverloadMaxA: round(score.circuitOverloadMaxA),
      circuitOverloadAtMs: score.circuitOverloadAt,
      chargersA: round(Math.max(...chargersNow)),
      chargersPhasesA: chargersNow.map(round),
    },
  };
}

async function run(cmd) {
  switch (cmd.op) {
    case "connect": return connect(cmd.url);
    case "base":
      if (cmd.a > baseA) score.riseAt = Date.now();
      baseA = cmd.a;
      step = { at: Date.now(), limitA: cmd.limitA, overAt: null, backAt: null };
      tick();
      return state();
    case "meter":
      meterFault = cmd.fault;
      frozenGrid = [...grid];
      score.fault = cmd.fault === "none" ? null : { at: Date.now(), lastOverAt: null };
      return state();
    case "circuit":
      if (cmd.a > circuit.loadA) score.circuitRiseAt = Date.now();
      circuit.loadA = cmd.a;
      step = { at: Date.now(), limitA: circuit.limitA, overAt: null, backAt: null, circuit: true };
      tick();
      return state();
    case "circuitMeter":
      circuit.fault = cmd.fault;
      circuit.frozen = [...circuit.a];
      return state();
    case "wallbox":
      wallbox.fault = cmd.fault;
      return state();
    case "reset": {
      const before = state();
      score.overloadMaxA = 0;
      score.overloadAt = null;
      score.circuitOverloadMaxA = 0;
      score.circuitOverloadAt = null;
      return before;
    }
    case "window":
      score.window = { drawnAs: 0, couldAs: 0 };
      return state();
    case "state": return state();
    case "history": return {
      connectors: Object.fromEntries(everyCharger().map(([id, c]) => [id, { requests: c.requests, offers: c.offers, configuration: c.configuration ?? [], triggers: c.triggers ?? [], fullAtMs: c.car.fullAtMs }])),
      trace,
    };
    default: throw new Error("unknown op " + cmd.op);
  }
}

onCommands(run);
serveTcp(vector);
