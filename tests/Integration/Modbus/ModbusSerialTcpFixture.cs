namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>The modbus-serial TCP server.</summary>
public sealed class ModbusSerialTcpFixture() : TcpPeerFixture("modbus/server.js");
