"use strict";
// One OCPP 1.6J charge point of the physics site (npm ocpp-rpc, strict mode: every frame both ways is
// checked against the OCPP schemas), with the timing of a real one, set per charger (issue 13):
//   "CP1"                                    the defaults: MeterValues every 0.5 s with per-phase
//                                             Current.Import, Current.Offered and energy; profiles
//                                             answered at once; status Charging throughout
//   { "id": "CP3",
//     "meterIntervalS": 60,                  MeterValues every so many seconds
//     "intervalKey": "reject",               ChangeConfiguration MeterValueSampleInterval: "ignore"
//                                             (Accepted, interval unchanged: the default), "accept"
//                                             (the interval becomes the value), "reject" (Rejected)
//     "currents": "total",                   Current.Import "phases" (L1–L3) or "total" (one value, no phase)
//     "offered": false, "energy": false,     Current.Offered, Energy.Active.Import.Register in MeterValues
//     "answerMs": 3000,                      SetChargingProfile answered after this delay
//     "answers": ["Accepted", "Rejected", "never"],  its answers in turn ("never": no answer, the
//                                             edge times out); an accepted limit holds from receipt
//     "applies": false,                      accepts profiles but never applies them: it goes on offering
//                                             its default (its Current.Offered shows it)
//     "rotation": "L2L3L1",                  the charger's L1 on grid L2 (as phaseRotation in site.json)
//     "triggers": "refuse",                  TriggerMessage answered Rejected; by default MeterValues and
//                                             StatusNotification are Accepted and sent after the answer
//                                             (section 5.17), anything else Accepted as before
//     "statusChanges": true,                 StatusNotification SuspendedEVSE under 6 A offered,
//                                             SuspendedEV once the car is full, Charging again
//     "car": { see car.js } }
// A profile holds until its validTo: after that the charger offers its own default (the car's
// maximum), as before its first profile — so a lapse shows in the car's draw and in "lapses".
const { RPCClient, createRPCError } = require("ocpp-rpc");
const { createCar, parseRotation } = require("./car");

const fixedReplies = {
  ClearChargingProfile: { status: "Accepted" },
  GetConfiguration: { configurationKey: [], unknownKey: [] },
  GetLocalListVersion: { listVersion: 0 },
  SendLocalList: { status: "Accepted" },
  ChangeAvailability: { status: "Accepted" },
  DataTransfer: { status: "Accepted" },
};
const answerKinds = new Set(["Accepted", "Rejected", "never"]);

function createOcppCharger(entry, site) {
  const spec = typeof entry === "string" ? { id: entry } : entry;
  const answers = spec.answers ?? ["Accepted"];
  if (answers.length === 0 || answers.some((a) => !answerKinds.has(a))) throw new Error(`${spec.id}: answers are Accepted, Rejected or never`);
  if (!["ignore", "accept", "reject"].includes(spec.intervalKey ?? "ignore")) throw new Error(`${spec.id}: intervalKey is ignore, accept or reject`);
  if (spec.applies !== undefined && typeof spec.applies !== "boolean") throw new Error(`${spec.id}: applies is true or false`);
  if (!["phases", "total"].includes(spec.currents ?? "phases")) throw new Error(`${spec.id}: currents is phases or total`);
  const car = createCar(spec.car ?? {}, site.carMaxA, site.deadTimeMs, site.started);
  const defaultA = spec.car?.maxA ?? site.carMaxA; // what it offers with no profile in force
  const cp = {
    id: spec.id,
    car,
    rotation: parseRotation(spec.rotation),
    client: null,
    limitA: null, // the limit of the profile in force (legacy name: the state reports it)
    profile: null, // { limitA, validTo (ms) }
    energyWh: 0,
    intervalMs: (spec.meterIntervalS ?? 0.5) * 1000,
    answered: 0,
    requests: [], // every SetChargingProfile: { t, a, answer, validS, purpose, unit }
    offers: [], // every change of the current offered to the car: { t, a }
    configuration: [], // every ChangeConfiguration: { key, value, status }
    triggers: [], // every TriggerMessage: { t, message, status }
    lapses: 0,
    status: null,
    get drawA() { return car.drawA; },
    // What the charger offers its car: the profile's limit while it is valid, else its own default.
    offeredA(now) {
      if (!cp.client) return 0;
      if (cp.profile && cp.profile.validTo !== null && now >= cp.profile.validTo) {
        cp.profile = null;
        cp.limitA = null;
        cp.lapses += 1;
      }
      return cp.profile ? cp.profile.limitA : defaultA;
    },
    tick(now) {
      const offered = cp.offeredA(now);
      if (cp.offers.length === 0 || cp.offers[cp.offers.length - 1].a !== offered) cp.offers.push({ t: now - site.started, a: offered });
      car.follow(offered, now);
      cp.energyWh += car.chargerPhases(car.drawA).reduce((a, b) => a + b, 0) * site.voltageV * site.tickS / 3600;
      if (spec.statusChanges && cp.client) report(car.full ? "SuspendedEV" : offered < 6 ? "SuspendedEVSE" : "Charging");
    },
    connect: (url) => connect(url),
  };

  function report(status) {
    if (cp.status === status) return;
    cp.status = status;
    cp.client.call("StatusNotification", { connectorId: 1, errorCode: "NoError", status, timestamp: new Date().toISOString() })
      .catch((e) => site.out(`stderr: ${cp.id} StatusNotification ${e.message}`));
  }

  function onProfile(params) {
    const profile = params.csChargingProfiles;
    const schedule = profile.chargingSchedule;
    const now = Date.now();
    const start = schedule.startSchedule ? Date.parse(schedule.startSchedule) : now;
    const inForce = schedule.chargingSchedulePeriod.filter((p) => p.startPeriod * 1000 <= now - start).pop() ?? schedule.chargingSchedulePeriod[0];
    const perPhaseA = schedule.chargingRateUnit === "W" ? inForce.limit / site.voltageV / (inForce.numberPhases ?? 3) : Number(inForce.limit);
    const validTo = profile.validTo ? Date.parse(profile.validTo) : null;
    const answer = answers[cp.answered++ % answers.length];
    cp.requests.push({ t: now - site.started, a: perPhaseA, answer, validS: validTo === null ? null : Math.round((validTo - now) / 1000), purpose: profile.chargingProfilePurpose, unit: schedule.chargingRateUnit });
    if (answer === "Accepted" && spec.applies !== false) {
      cp.profile = { limitA: perPhaseA, validTo };
      cp.limitA = perPhaseA;
    }
    if (answer === "never") return new Promise(() => {});
    const reply = { status: answer };
    return spec.answerMs ? new Promise((resolve) => setTimeout(() => resolve(reply), spec.answerMs)) : reply;
  }

  function onChangeConfiguration({ key, value }) {
    let status = "Accepted";
    if (key === "MeterValueSampleInterval") {
      if (spec.intervalKey === "reject") status = "Rejected";
      else if (spec.intervalKey === "accept" && Number(value) > 0) cp.intervalMs = Number(value) * 1000;
    } else if (key === "MeterValuesSampledData" && ((spec.currents ?? "phases") !== "phases" || spec.offered === false)) {
      status = "Rejected"; // it cannot measure all that was asked
    }
    cp.configuration.push({ key, value, status });
    return { status };
  }

  // TriggerMessage (1.6 section 5.17): the message asked for goes after the answer, as a real charge point sends it.
  function onTrigger({ requestedMessage }) {
    const status = spec.triggers === "refuse" ? "Rejected" : "Accepted";
    cp.triggers.push({ t: Date.now() - site.started, message: requestedMessage, status });
    if (status === "Accepted" && requestedMessage === "MeterValues") {
      setTimeout(() => cp.client.call("MeterValues", meterValues()).catch((e) => site.out(`stderr: ${cp.id} MeterValues ${e.message}`)), 10);
    } else if (status === "Accepted" && requestedMessage === "StatusNotification" && cp.status) {
      const status_ = cp.status;
      setTimeout(() => cp.client.call("StatusNotification", { connectorId: 1, errorCode: "NoError", status: status_, timestamp: new Date().toISOString() })
        .catch((e) => site.out(`stderr: ${cp.id} StatusNotification ${e.message}`)), 10);
    }
    return { status };
  }

  function meterValues() {
    const value = (v, measurand, phase, unit) => ({ value: v.toFixed(1), measurand, ...(phase ? { phase } : {}), unit });
    const phases = car.chargerPhases(car.drawA);
    const sampled = (spec.currents ?? "phases") === "phases"
      ? phases.map((a, i) => value(a, "Current.Import", `L${i + 1}`, "A"))
      : [value(car.drawA, "Current.Import", null, "A")];
    if (spec.offered !== false) sampled.push(value(cp.offeredA(Date.now()), "Current.Offered", null, "A"));
    if (spec.energy !== false) sampled.push(value(cp.energyWh, "Energy.Active.Import.Register", null, "Wh"));
    return { connectorId: 1, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: sampled }] };
  }

  function sendMeterValues() {
    cp.client.call("MeterValues", meterValues()).catch((e) => site.out(`stderr: ${cp.id} MeterValues ${e.message}`));
    setTimeout(sendMeterValues, cp.intervalMs);
  }

  async function connect(url) {
    const client = new RPCClient({ endpoint: url, identity: cp.id, protocols: ["ocpp1.6"], strictMode: true, reconnect: false });
    client.handle(({ method, params }) => {
      if (method === "SetChargingProfile") return onProfile(params);
      if (method === "ChangeConfiguration") return onChangeConfiguration(params);
      if (method === "TriggerMessage") return onTrigger(params);
      const reply = fixedReplies[method];
      if (reply === undefined) throw createRPCError("NotImplemented", `no reply for ${method}`);
      return reply;
    });
    await client.connect();
    await client.call("BootNotification", { chargePointVendor: "ChargeNet", chargePointModel: "physics-site" });
    cp.status = "Charging";
    await client.call("StatusNotification", { connectorId: 1, errorCode: "NoError", status: "Charging", timestamp: new Date().toISOString() });
    cp.client = client;
    setTimeout(sendMeterValues, Math.min(cp.intervalMs, 500));
  }

  return cp;
}

module.exports = { createOcppCharger };
