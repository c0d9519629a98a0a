namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>
/// One charging session of a trace: when the car arrived and left (in periods of the trace), when it
/// said it would leave, the energy it asked for, and what the car can take.
/// </summary>
public sealed record ChargingSession(
    string SessionId,
    string StationId,
    int ArrivalPeriod,
    int DeparturePeriod,
    int EstimatedDeparturePeriod,
    double RequestedEnergyKwh,
    double MaxPowerKw);
