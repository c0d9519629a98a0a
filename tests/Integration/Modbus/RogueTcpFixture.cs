namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>The rogue Modbus TCP server.</summary>
public sealed class RogueTcpFixture() : TcpPeerFixture("modbus/rogue.js");
