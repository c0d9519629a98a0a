namespace ChargeNet.Drivers.Devices;

/// <summary>
/// What a car said it needs (OCPP 2.0.1 NotifyEVChargingNeeds, from ISO 15118; docs/ocpp.md,
/// "EV charging needs"): when it leaves and how much energy it still wants, and the current range
/// it takes. Each part null when the car did not say.
/// </summary>
/// <param name="DepartureAt">When the driver plans to leave.</param>
/// <param name="EnergyWantedWh">The energy the car asked for when it said so, in Wh.</param>
/// <param name="MinCurrentA">The least current per phase the car takes (AC).</param>
/// <param name="MaxCurrentA">The most current per phase (AC) or in all (DC) the car takes.</param>
/// <param name="ReportedAt">When the car said so (the edge's clock).</param>
public sealed record EvChargingNeeds(DateTimeOffset? DepartureAt, double? EnergyWantedWh, double? MinCurrentA, double? MaxCurrentA, DateTimeOffset ReportedAt);
