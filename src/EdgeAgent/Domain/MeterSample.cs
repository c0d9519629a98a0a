using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Domain;

/// <summary>A meter reading kept for the page's chart and for diagnosis.</summary>
public sealed record MeterSample(string MeterId, DateTimeOffset Ts, PhaseValues CurrentA, double TotalPowerW);
