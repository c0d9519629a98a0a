// The configuration forms: built from the site.json document, read back into it, and the server's
// problems (by JSON path, e.g. $.chargers[1].minCurrentA) shown beside the field they name.
'use strict';

const Paths = {
  // "$.chargers[1].modbus.host" -> ["chargers", 1, "modbus", "host"]
  parse(path) {
    const keys = [];
    path.replace(/^\$/, '').replace(/\.([^.[\]]+)|\[(\d+)\]/g, (_, name, index) => { keys.push(name ?? Number(index)); return ''; });
    return keys;
  },
  get(doc, path) {
    return Paths.parse(path).reduce((node, key) => (node == null ? undefined : node[key]), doc);
  },
  set(doc, path, value) {
    const keys = Paths.parse(path);
    let node = doc;
    keys.slice(0, -1).forEach((key, i) => {
      if (node[key] == null || typeof node[key] !== 'object') node[key] = typeof keys[i + 1] === 'number' ? [] : {};
      node = node[key];
    });
    const last = keys[keys.length - 1];
    if (value === undefined) delete node[last]; else node[last] = value;
  },
};

const ConfigForm = (() => {
  let doc = null;

  const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    Object.entries(attrs).forEach(([k, v]) => { if (v !== undefined && v !== null) e.setAttribute(k, v); });
    children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return e;
  };

  // One input bound to a JSON path. kind: text, number, optional-number, bool, bool-on (true when left out), secret, list (a,b,c), select:<a|b>.
  function field(label, path, kind = 'text') {
    const value = Paths.get(doc, path);
    let input;
    if (kind.startsWith('select:')) {
      input = el('select', { 'data-path': path, 'data-kind': 'text' }, kind.slice(7).split('|').map(o => el('option', { value: o }, o)));
      input.value = value ?? '';
    } else if (kind === 'bool' || kind === 'bool-on') {
      input = el('input', { type: 'checkbox', 'data-path': path, 'data-kind': kind });
      input.checked = kind === 'bool-on' ? value !== false : !!value;
    } else if (kind === 'list') {
      input = el('input', { type: 'text', 'data-path': path, 'data-kind': kind });
      input.value = Array.isArray(value) ? value.join(',') : '';
    } else if (kind === 'secret') {
      input = el('input', { type: 'password', 'data-path': path, 'data-kind': kind, autocomplete: 'new-password', placeholder: 'unchanged (write-only)' });
    } else {
      input = el('input', { type: kind.includes('number') ? 'number' : 'text', step: 'any', 'data-path': path, 'data-kind': kind });
      input.value = value ?? '';
    }
    return el('label', {}, label, ' ', input);
  }

  const group = (legend, path, ...children) => el('fieldset', { 'data-path': path }, el('legend', {}, legend), el('div', { class: 'grid2' }, children));

  function removeButton(listPath, index) {
    const b = el('button', { type: 'button' }, 'Remove');
    b.onclick = () => { readInputs(); Paths.get(doc, listPath).splice(index, 1); render(); };
    return b;
  }

  function addButton(text, listPath, make) {
    const b = el('button', { type: 'button' }, text);
    b.onclick = () => { readInputs(); const list = Paths.get(doc, listPath) ?? []; list.push(make(list)); Paths.set(doc, listPath, list); render(); };
    return b;
  }

  // "Test connection": reads the saved device once through its driver.
  function testButton(kind, listPath, index) {
    const b = el('button', { type: 'button' }, 'Test connection');
    const out = el('span', { class: 'muted test-result' });
    b.onclick = async () => {
      const id = Paths.get(doc, `${listPath}[${index}].id`);
      out.textContent = 'reading…';
      try { const { data } = await api('POST', `/api/v1/${kind}/${encodeURIComponent(id)}/test`); out.textContent = 'answered: ' + JSON.stringify(data).slice(0, 200); }
      catch (e) { out.textContent = e.message; }
    };
    return [b, ' ', out];
  }

  function modbusFields(base) {
    return [field('Modbus host', `${base}.modbus.host`), field('Modbus port', `${base}.modbus.port`, 'optional-number'), field('Unit id', `${base}.modbus.unitId`, 'optional-number')];
  }

  // Circuits as a tree: each circuit under its parent, its children indented below it.
  function circuitTree() {
    const circuits = doc.circuits ?? [];
    const ids = new Set(circuits.map(c => c.id));
    const card = (circuit) => {
      const i = circuits.indexOf(circuit);
      const path = `$.circuits[${i}]`;
      const children = circuits.filter(c => c.parent === circuit.id && c !== circuit);
      return el('div', { class: 'card', 'data-path': path },
        el('div', { class: 'grid2' }, field('Circuit id', `${path}.id`), field('Parent', `${path}.parent`), field('Max current (A)', `${path}.maxCurrentA`, 'number')),
        removeButton('$.circuits', i),
        children.map(card));
    };
    const roots = circuits.filter(c => !c.parent || !ids.has(c.parent) || c.parent === c.id);
    return el('fieldset', { 'data-path': '$.circuits', class: 'tree' }, el('legend', {}, 'Circuits'), roots.map(card),
      addButton('Add circuit', '$.circuits', list => ({ id: `circuit-${list.length + 1}`, parent: list[0]?.id, maxCurrentA: 32 })));
  }

  // Prices (docs/pricing.md): the site's currency and VAT, its tariffs, each with its periods and spot link.
  function pricingSection() {
    const button = (text, id, onclick) => { const b = el('button', { type: 'button', id }, text); b.onclick = () => { readInputs(); onclick(); render(); }; return b; };
    if (!doc.pricing) {
      return el('fieldset', { 'data-path': '$.pricing', id: 'pricing' }, el('legend', {}, 'Prices'),
        el('p', { class: 'muted' }, 'No prices: sessions carry no cost and nothing is shown as a price.'),
        button('Add prices', 'pricing-add', () => { doc.pricing = { currency: 'EUR', vatPercent: 0, defaultTariff: 'standard', tariffs: [{ id: 'standard', name: 'Standard', energyPerKwh: 0 }] }; }));
    }
    const tariff = (t, i) => {
      const p = `$.pricing.tariffs[${i}]`;
      return el('div', { class: 'card', 'data-path': p },
        el('div', { class: 'grid2' },
          field('Tariff id', `${p}.id`), field('Name', `${p}.name`), field('Energy per kWh', `${p}.energyPerKwh`, 'optional-number'),
          field('Per hour', `${p}.perHour`, 'optional-number'), field('Session fee', `${p}.sessionFee`, 'optional-number'),
          field('Idle fee per hour', `${p}.idlePerHour`, 'optional-number'), field('Idle grace (min)', `${p}.idleGraceMinutes`, 'optional-number'),
          field('Minimum per session', `${p}.minCost`, 'optional-number'), field('Maximum per session', `${p}.maxCost`, 'optional-number'),
          field('Spot multiplier', `${p}.spot.multiplier`, 'optional-number'), field('Spot markup per kWh', `${p}.spot.markupPerKwh`, 'optional-number')),
        (t.periods ?? []).map((_, j) => el('div', { class: 'card', 'data-path': `${p}.periods[${j}]` },
          el('div', { class: 'grid2' },
            field('Days (mon,tue,…; empty: every day)', `${p}.periods[${j}].days`, 'list'), field('From (HH:MM)', `${p}.periods[${j}].from`),
            field('To (HH:MM, 24:00 allowed)', `${p}.periods[${j}].to`), field('Energy per kWh', `${p}.periods[${j}].energyPerKwh`, 'number')),
          removeButton(`${p}.periods`, j))),
        addButton('Add period', `${p}.periods`, () => ({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '07:00', to: '19:00', energyPerKwh: 0 })), ' ',
        removeButton('$.pricing.tariffs', i));
    };
    return el('fieldset', { 'data-path': '$.pricing', id: 'pricing' }, el('legend', {}, 'Prices (incl. VAT)'),
      el('div', { class: 'grid2' }, field('Currency (ISO 4217)', '$.pricing.currency'), field('VAT %', '$.pricing.vatPercent', 'number'), field('Default tariff', '$.pricing.defaultTariff')),
      (doc.pricing.tariffs ?? []).map(tariff),
      addButton('Add tariff', '$.pricing.tariffs', list => ({ id: `tariff-${list.length + 1}`, name: '', energyPerKwh: 0 })), ' ',
      button('Remove prices', 'pricing-remove', () => { delete doc.pricing; }));
  }

  function render() {
    const root = document.getElementById('config-fields');
    root.replaceChildren(
      group('Site', '$', field('Site id', '$.siteId'), field('Time zone (IANA, e.g. Europe/Stockholm)', '$.timeZone')),
      group('Grid connection', '$.grid',
        field('Phases', '$.grid.phases', 'number'), field('Voltage (V)', '$.grid.voltageV', 'number'),
        field('Max current per phase (A)', '$.grid.maxCurrentA', 'number'), field('Safety margin (A)', '$.grid.safetyMarginA', 'number'),
        field('Grid meter id', '$.grid.meter'), field('Fallback current (A)', '$.grid.fallbackCurrentA', 'optional-number'),
        field('Meter timeout (s)', '$.grid.meterTimeoutS', 'optional-number'), field('Max imbalance (A)', '$.grid.maxImbalanceA', 'optional-number')),
      circuitTree(),
      el('fieldset', { 'data-path': '$.meters' }, el('legend', {}, 'Meters'),
        (doc.meters ?? []).map((m, i) => el('div', { class: 'card', 'data-path': `$.meters[${i}]` },
          el('div', { class: 'grid2' }, field('Meter id', `$.meters[${i}].id`), field('Driver', `$.meters[${i}].driver`), modbusFields(`$.meters[${i}]`)),
          removeButton('$.meters', i), ' ', testButton('meters', '$.meters', i))),
        addButton('Add meter', '$.meters', list => ({ id: `meter-${list.length + 1}`, driver: 'eastron-sdm630', modbus: { host: '', port: 502, unitId: 1 } }))),
      el('fieldset', { 'data-path': '$.chargers' }, el('legend', {}, 'Chargers'),
        (doc.chargers ?? []).map((c, i) => {
          const p = `$.chargers[${i}]`;
          return el('div', { class: 'card', 'data-path': p },
            el('div', { class: 'grid2' },
              field('Charger id', `${p}.id`), field('Protocol', `${p}.protocol`, 'select:ocpp1.6|ocpp2.0.1|modbus|simulated'),
              field('Circuit', `${p}.circuit`), field('Phase rotation', `${p}.phaseRotation`, 'select:L1L2L3|L2L3L1|L3L1L2|L1L3L2|L2L1L3|L3L2L1'),
              field('Phases', `${p}.phases`, 'optional-number'), field('Min current (A)', `${p}.minCurrentA`, 'number'),
              field('Max current (A)', `${p}.maxCurrentA`, 'number'), field('Priority', `${p}.priority`, 'optional-number'),
              field('Failsafe current (A)', `${p}.failsafeCurrentA`, 'optional-number'), field('Tariff', `${p}.tariff`),
              field('Assumed stay (h), for cheap hours', `${p}.assumedStayHours`, 'optional-number'), field('Assumed energy (kWh)', `${p}.assumedEnergyKwh`, 'optional-number'),
              c.protocol === 'modbus' ? [field('Driver', `${p}.driver`), modbusFields(p)]
                : [field('OCPP password', `${p}.ocppPassword`, 'secret'), field('Current.Offered is its limit', `${p}.offeredCurrentIsLimit`, 'bool-on')]),
            removeButton('$.chargers', i), ' ', testButton('chargers', '$.chargers', i));
        }),
        addButton('Add charger', '$.chargers', list => ({ id: `CP${String(list.length + 1).padStart(3, '0')}`, protocol: 'ocpp1.6', circuit: doc.circuits?.[0]?.id ?? '', phaseRotation: 'L1L2L3', minCurrentA: 6, maxCurrentA: 16 }))),
      group('GPIO', '$.gpio',
        field('Curtailment pin', '$.gpio.dsoCurtailment.pin', 'optional-number'), field('Curtailment active low', '$.gpio.dsoCurtailment.activeLow', 'bool'),
        field('Curtailed limit per charger (kW)', '$.gpio.dsoCurtailment.limitPerChargerKw', 'optional-number'),
        field('Emergency stop pin', '$.gpio.emergencyStop.pin', 'optional-number'), field('Emergency stop active low', '$.gpio.emergencyStop.activeLow', 'bool')),
      group('OCPP', '$.ocpp', field('Accept new chargers', '$.ocpp.acceptNewChargers', 'bool')),
      group('Cloud', '$.cloud',
        field('Enabled', '$.cloud.enabled', 'bool'), field('Broker host', '$.cloud.host'), field('Port', '$.cloud.port', 'optional-number'),
        field('TLS', '$.cloud.tls', 'bool'), field('CA file', '$.cloud.caFile'), field('Username', '$.cloud.username'), field('Password', '$.cloud.password', 'secret')),
      pricingSection(),
      group('Web page', '$.web', field('Status readable without login', '$.web.publicStatus', 'bool'),
        field('Open station data (OCPI) without login', '$.web.publicStations', 'bool'), field("Driver's page /c/{charger} without login", '$.web.driverPage', 'bool-on')));
  }

  // Reads every input back into the document. Empty optional fields leave the key out.
  function readInputs() {
    document.querySelectorAll('#config-fields [data-path]').forEach(input => {
      if (!('value' in input) || input.tagName === 'FIELDSET') return;
      const path = input.dataset.path, kind = input.dataset.kind;
      let value;
      if (kind === 'bool') {
        const before = Paths.get(doc, path);
        value = input.checked ? true : (before === undefined ? undefined : false);
      } else if (kind === 'bool-on') {
        const before = Paths.get(doc, path);
        value = input.checked ? (before === undefined ? undefined : true) : false;
      } else if (kind === 'list') {
        const items = input.value.split(',').map(x => x.trim()).filter(Boolean);
        value = items.length ? items : undefined;
      } else if (kind === 'secret') {
        value = input.value === '' ? undefined : input.value;
      } else if (kind === 'number' || kind === 'optional-number') {
        value = input.value === '' ? (kind === 'number' ? null : undefined) : Number(input.value);
      } else {
        value = input.value === '' ? undefined : input.value;
      }
      Paths.set(doc, path, value);
    });
    // Sections whose fields were all left empty are not sent.
    ['gpio.dsoCurtailment', 'gpio.emergencyStop'].forEach(s => {
      const section = Paths.get(doc, '$.' + s);
      if (section && section.pin === undefined) Paths.set(doc, '$.' + s, undefined);
    });
    if (doc.gpio && Object.keys(doc.gpio).length === 0) delete doc.gpio;
    // A spot link with neither figure is none.
    (doc.pricing?.tariffs ?? []).forEach(t => { if (t.spot && t.spot.multiplier === undefined && t.spot.markupPerKwh === undefined) delete t.spot; });
    return doc;
  }

  // Puts each problem beside the field with its path, or the nearest section that contains it.
  function showProblems(errors) {
    clearProblems();
    const unplaced = [];
    Object.entries(errors).forEach(([path, messages]) => {
      // The field itself, else the nearest card or section whose path contains it.
      let target = null;
      for (let p = path; ; ) {
        target = document.querySelector(`#config-fields [data-path="${CSS.escape(p)}"]`);
        const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
        if (target || up === p) break;
        p = up;
      }
      const note = document.createElement('span');
      note.className = 'field-error';
      note.dataset.errorFor = path;
      note.textContent = `${path}: ${messages.join('; ')}`;
      if (target && target.tagName !== 'FIELDSET' && target.tagName !== 'DIV') {
        target.classList.add('invalid');
        note.textContent = messages.join('; ');
        target.closest('label').after(note);
      } else if (target) {
        target.prepend(note);
      } else {
        unplaced.push(note.textContent);
      }
    });
    return unplaced;
  }

  function clearProblems() {
    document.querySelectorAll('#config-fields .field-error').forEach(n => n.remove());
    document.querySelectorAll('#config-fields .invalid').forEach(n => n.classList.remove('invalid'));
  }

  return {
    load(document_) { doc = document_; render(); },
    read: readInputs,
    showProblems,
    clearProblems,
    addCharger(id, protocol) {
      readInputs();
      doc.chargers = doc.chargers ?? [];
      if (!doc.chargers.some(c => c.id === id)) doc.chargers.push({ id, protocol: protocol ?? 'ocpp1.6', circuit: doc.circuits?.[0]?.id ?? '', phaseRotation: 'L1L2L3', minCurrentA: 6, maxCurrentA: 16 });
      render();
    },
  };
})();
