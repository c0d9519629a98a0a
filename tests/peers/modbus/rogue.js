"use strict";
// A Modbus server that answers wrong on purpose, to prove the client never crashes, never hands a
// reply to the wrong request, and names what is wrong.
//   node modbus/rogue.js tcp                  Modbus TCP on 127.0.0.1, any free port
//   node modbus/rogue.js rtu <path> <baud>    Modbus RTU on a serial device (a socat pty in tests)
// Prints READY {"port":N} or READY {"path":"…"}.
//
// A read of holding registers (FC 03) chooses the misbehaviour by its start address:
//   100 short frame (the PDU stops before its data; RTU: the frame is cut off)
//   101 wrong transaction id (TCP)       102 wrong unit id          103 wrong function code
//   104 byte count that does not match   105 trailing bytes after a good reply
//   106 a good reply 3000 ms late        107 a good reply after 750 ms
//   (TCP: 106's reply is held until the next request on the connection arrives and goes out just
//   before that request's reply, which then needs no delay: the late reply always lands while the
//   next request waits, however slow the machine, instead of by a race of 1500 against 1000 + 750 ms.
//   RTU: a timer, halfway through the client's 2 s drain after its 2 s timeout — a second either side)
//   108 wrong MBAP protocol id (TCP)     109 wrong CRC (RTU)
// Any other start address gets a good reply: register i holds (address + i).
// FC 23 is served properly (this server is also the FC 23 peer): the write is stored, the read
// returns stored values, or (address + i) where nothing was written.
const net = require("net");

const stored = new Map();
const regValue = (a) => (stored.has(a) ? stored.get(a) : a & 0xffff);

function crc16(buf) {
  let crc = 0xffff;
  for (const b of buf) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

function readReply(fc, start, count) {
  const pdu = Buffer.alloc(2 + 2 * count);
  pdu[0] = fc;
  pdu[1] = 2 * count;
  for (let i = 0; i < count; i++) pdu.writeUInt16BE(regValue(start + i), 2 + 2 * i);
  return pdu;
}

// Returns { pdu, unit, delay, txDelta, protocolId, badCrc, trailing, cut } for one request PDU.
function answer(unit, pdu) {
  const fc = pdu[0];
  const plan = { unit, delay: 0, late: false, txDelta: 0, protocolId: 0, badCrc: false, trailing: null, cut: false };
  if (fc === 0x17) {
    const readStart = pdu.readUInt16BE(1), readCount = pdu.readUInt16BE(3), writeStart = pdu.readUInt16BE(5), writeCount = pdu.readUInt16BE(7);
    for (let i = 0; i < writeCount; i++) stored.set(writeStart + i, pdu.readUInt16BE(10 + 2 * i));
    return { ...plan, pdu: readReply(0x17, readStart, readCount) };
  }
  if (fc !== 0x03) return { ...plan, pdu: Buffer.from([fc | 0x80, 0x01]) };
  const start = pdu.readUInt16BE(1), count = pdu.readUInt16BE(3);
  const good = readReply(0x03, start, count);
  switch (start) {
    case 100: return { ...plan, pdu: good.subarray(0, 3), cut: true };
    case 101: return { ...plan, pdu: good, txDelta: 1000 };
    case 102: return { ...plan, pdu: good, unit: (unit + 1) & 0xff };
    case 103: return { ...plan, pdu: Buffer.concat([Buffer.from([0x04]), good.subarray(1)]) };
    case 104: { const b = Buffer.from(good); b[1] = 2; return { ...plan, pdu: b }; }
    case 105: return { ...plan, pdu: good, trailing: Buffer.from([0xde, 0xad, 0xbe]) };
    case 106: return { ...plan, pdu: good, delay: 3000, late: true };
    case 107: return { ...plan, pdu: good, delay: 750 };
    case 108: return { ...plan, pdu: good, protocolId: 7 };
    case 109: return { ...plan, pdu: good, badCrc: true };
    default: return { ...plan, pdu: good };
  }
}

function requestLength(buf, offset) {
  const fc = buf[offset];
  if (fc === 0x0f || fc === 0x10) return buf.length >= offset + 6 ? 6 + buf[offset + 5] : 0;
  if (fc === 0x17) return buf.length >= offset + 10 ? 10 + buf[offset + 9] : 0;
  return 5;
}

function later(ms, fn) { if (ms > 0) setTimeout(fn, ms); else fn(); }

function serveTcp() {
  const server = net.createServer((sock) => {
    let buf = Buffer.alloc(0);
    let held = null; // 106's late reply, waiting for the next request
    sock.on("data", (data) => {
      buf = Buffer.concat([buf, data]);
      while (buf.length >= 7) {
        const len = buf.readUInt16BE(4);
        if (buf.length < 6 + len) break;
        const tx = buf.readUInt16BE(0), unit = buf[6], pdu = buf.subarray(7, 6 + len);
        buf = buf.subarray(6 + len);
        const a = answer(unit, pdu);
        const header = Buffer.alloc(7);
        header.writeUInt16BE((tx + a.txDelta) & 0xffff, 0);
        header.writeUInt16BE(a.protocolId, 2);
        header.writeUInt16BE(a.pdu.length + 1, 4);
        header[6] = a.unit;
        const out = Buffer.concat([header, a.pdu, a.trailing || Buffer.alloc(0)]);
        if (a.late) { held = out; continue; }
        if (held) { sock.write(held); held = null; sock.write(out); continue; }
        later(a.delay, () => { if (!sock.destroyed) sock.write(out); });
      }
    });
    sock.on("error", () => {});
  });
  server.listen(0, "127.0.0.1", () => console.log("READY " + JSON.stringify({ port: server.address().port })));
}

function serveRtu(path, baudRate) {
  const { SerialPort } = require("serialport");
  const port = new SerialPort({ path, baudRate, parity: "none" });
  let buf = Buffer.alloc(0);
  port.on("open", () => console.log("READY " + JSON.stringify({ path })));
  port.on("data", (data) => {
    buf = Buffer.concat([buf, data]);
    while (buf.length >= 4) {
      const len = requestLength(buf, 1);
      if (len === 0 || buf.length < len + 3) break;
      const frame = buf.subarray(0, len + 3);
      buf = buf.subarray(len + 3);
      if (crc16(frame.subarray(0, len + 1)) !== frame.readUInt16LE(len + 1)) continue;
      const a = answer(frame[0], frame.subarray(1, len + 1));
      const body = Buffer.concat([Buffer.from([a.unit]), a.pdu]);
      const crc = Buffer.alloc(2);
      crc.writeUInt16LE(crc16(body) ^ (a.badCrc ? 0x0101 : 0), 0);
      const out = a.cut ? body : Buffer.concat([body, crc, a.trailing || Buffer.alloc(0)]);
      later(a.delay, () => port.write(out));
    }
  });
}

const [transport, path, baud] = process.argv.slice(2);
if (transport === "tcp") serveTcp();
else if (transport === "rtu") serveRtu(path, Number(baud || 19200));
else { console.error("usage: rogue.js tcp | rtu <path> <baud>"); process.exit(2); }
