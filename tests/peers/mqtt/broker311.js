"use strict";
// An MQTT 3.1.1-only broker from the independent npm package aedes, for the cloud link's fallback tests
// (Debian's mosquitto 2.0.11 accepts MQTT 5 and cannot be told to refuse it).
//   node mqtt/broker311.js [port]     listens on 127.0.0.1 (port 0 or none: any free port)
// Prints `READY {"port":N}` once it listens. Every CONNECT is printed as
// `CONNECT {"clientId":…,"protocolVersion":N}` and every refused one as `REFUSED {"clientId":…,"error":…}`,
// so a test can see what its client tried. What aedes 1.2.0 answers to an MQTT 5 CONNECT:
// a 3.1.1-shaped CONNACK (20 02 00 01: return code 1, unacceptable protocol version), then it closes.
const { createServer } = require("node:net");

const port = Number(process.argv[2] ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`bad port '${process.argv[2]}': expected 0..65535`);
  process.exit(2);
}

async function main() {
  // aedes is an ES module; the other peers are CommonJS, so it is imported here.
  const { Aedes } = await import("aedes");
  const broker = await Aedes.createBroker();
  broker.preConnect = (client, packet, done) => {
    console.log("CONNECT " + JSON.stringify({ clientId: packet.clientId, protocolVersion: packet.protocolVersion }));
    done(null, true);
  };
  broker.on("connectionError", (client, error) => {
    console.log("REFUSED " + JSON.stringify({ clientId: client?.id ?? null, error: error.message }));
  });
  broker.on("clientError", (client, error) => {
    console.log("CLIENT-ERROR " + JSON.stringify({ clientId: client?.id ?? null, error: error.message }));
  });

  const server = createServer(broker.handle);
  server.listen(port, "127.0.0.1", () => {
    console.log("READY " + JSON.stringify({ port: server.address().port }));
  });

  const stop = () => server.close(() => broker.close(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
