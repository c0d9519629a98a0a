"use strict";
// A Modbus TCP wallbox (npm modbus-serial) with the holding registers of the generic-charger
// template (src/Drivers/Templates/BuiltIn/generic-charger.json), for the tests of virtual chargers:
// a car is plugged in and out on command; while plugged in it draws the written current limit (at
// most carMaxA, nothing under 6 A) on three phases, and the energy register counts what it drew.
// Register 14 (not in generic-charger) enables charging: 1 at start, 0 pauses whatever the limit,
// for templates that pause by a write rather than by a 0 A limit (currentLimit.zeroPauses false).
//   node modbus/wallbox.js '{"carMaxA":16,"energyWh":50000}'
// Prints READY {"port":N}. Commands on standard input, one JSON per line with an "id"; each gets
// "RESULT <id> <json>":
//   {"op":"plug"}     a car is plugged in (state 1 car connected; 2 charging while it draws)
//   {"op":"unplug"}   the car leaves (state 0 available)
//   {"op":"state"}    the registers' meaning: state, drawA, limitA, enabled, energyWh
const { onCommands, serveTcp } = require("./peer-io");

const config = JSON.parse(process.argv[2] || "{}");
const carMaxA = config.carMaxA ?? 16;
const voltageV = 230;
const box = { plugged: false, limitDa: 0, failsafeDa: 0, timeoutS: 0, lifeBit: 0, enabled: 1, energyWh: config.energyWh ?? 0 };

const drawA = () => (!box.plugged || !box.enabled || box.limitDa < 60 ? 0 : Math.min(carMaxA, box.limitDa / 10));
const state = () => (!box.plugged ? 0 : drawA() > 0 ? 2 : 1);

// Physics every 50 ms: the energy register counts three phases at the draw.
setInterval(() => { box.energyWh += drawA() * 3 * voltageV * 0.05 / 3600; }, 50);

function register(addr) {
  const draw = Math.round(drawA() * 10);
  const energy = Math.round(box.energyWh);
  switch (addr) {
    case 0: return state();
    case 1: case 2: case 3: return draw;
    case 4: return (energy >>> 16) & 0xffff;
    case 5: return energy & 0xffff;
    case 6: case 10: return box.limitDa;
    case 11: return box.failsafeDa;
    case 12: return box.timeoutS;
    case 13: return box.lifeBit;
    case 14: return box.enabled;
    default: return 0;
  }
}

const vector = {
  getInputRegister() { return 0; },
  getHoldingRegister(addr) { return register(addr); },
  getCoil() { return false; },
  getDiscreteInput() { return false; },
  setRegister(addr, value) {
    if (addr === 10) box.limitDa = value;
    else if (addr === 11) box.failsafeDa = value;
    else if (addr === 12) box.timeoutS = value;
    else if (addr === 13) box.lifeBit = value;
    else if (addr === 14) box.enabled = value;
    else throw { modbusErrorCode: 2, msg: "read-only" };
  },
  setCoil() {},
};

async function run(cmd) {
  switch (cmd.op) {
    case "plug": box.plugged = true; break;
    case "unplug": box.plugged = false; break;
    case "state": break;
    default: throw new Error("unknown op " + cmd.op);
  }
  return { state: state(), drawA: drawA(), limitA: box.limitDa / 10, enabled: box.enabled, energyWh: Math.round(box.energyWh) };
}

onCommands(run);
serveTcp(vector);
