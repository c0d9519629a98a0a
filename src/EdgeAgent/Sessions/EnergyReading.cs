namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// One reading of a connector's energy register during a session: energy between two readings was
/// delivered linearly in time between them (docs/sessions.md, "Energy readings").
/// </summary>
/// <param name="At">When the register read this (the charger's time for OCPP, the edge's for Modbus).</param>
/// <param name="RegisterWh">The register's value in Wh (not a delta).</param>
public readonly record struct EnergyReading(DateTimeOffset At, double RegisterWh);
