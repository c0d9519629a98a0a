"use strict";
// A car behind a charger, as issue 13 describes real ones: it answers a new offered current after a
// dead time, as a pure delay (it draws what was offered deadTimeMs ago), never under 6 A (offered
// less, it stops), never over its own maximum. 1-phase (on its charger's L1) or 3-phase. It may
// taper (its maximum falls by taperAPerMin, down to taperToA) and stop on its own, full, stopAfterS
// after the site started while it stays plugged in.
//   spec: { "phases": 1|3, "maxA": 16, "taperAPerMin": 4, "taperToA": 8, "stopAfterS": 25 }

function createCar(spec, defaultMaxA, deadTimeMs, startedAt) {
  const phases = spec.phases ?? 3;
  if (phases !== 1 && phases !== 3) throw new Error(`a car has 1 or 3 phases, not ${phases}`);
  const maxA = spec.maxA ?? defaultMaxA;
  const taperAPerMin = spec.taperAPerMin ?? 0;
  const taperToA = spec.taperToA ?? 6;
  const stopAt = spec.stopAfterS === undefined ? null : startedAt + spec.stopAfterS * 1000;
  const offers = [];
  let seenA = 0;
  const car = {
    phases,
    drawA: 0,
    full: false,
    fullAtMs: null, // when it stopped on its own, ms after the site started
    // The most it takes now: its maximum, tapered; nothing once full.
    wantA(now) {
      if (car.full) return 0;
      return Math.max(Math.min(taperToA, maxA), maxA - taperAPerMin * (now - startedAt) / 60000);
    },
    follow(offeredA, now) {
      if (offers.length === 0 || offers[offers.length - 1].a !== offeredA) offers.push({ at: now, a: offeredA });
      while (offers.length > 0 && offers[0].at <= now - deadTimeMs) seenA = offers.shift().a;
      if (stopAt !== null && now >= stopAt && !car.full) {
        car.full = true;
        car.fullAtMs = now - startedAt;
      }
      car.drawA = seenA < 6 ? 0 : Math.min(car.wantA(now), seenA);
    },
    // The current on each of the charger's phases L1, L2, L3.
    chargerPhases(a) { return phases === 3 ? [a, a, a] : [a, 0, 0]; },
  };
  return car;
}

// "L2L3L1": the charger's L1 is on grid L2, its L2 on grid L3, its L3 on grid L1 (docs/configuration.md).
function parseRotation(text) {
  const rotation = text ?? "L1L2L3";
  const phases = rotation.match(/^L([123])L([123])L([123])$/);
  if (!phases || new Set(phases.slice(1)).size !== 3) throw new Error(`a phase rotation is a permutation of L1L2L3, not ${rotation}`);
  return phases.slice(1).map((p) => Number(p) - 1);
}

// The charger's per-phase currents on the grid's phases.
function onGrid(chargerPhases, rotation) {
  const grid = [0, 0, 0];
  chargerPhases.forEach((a, i) => { grid[rotation[i]] += a; });
  return grid;
}

module.exports = { createCar, parseRotation, onGrid };
