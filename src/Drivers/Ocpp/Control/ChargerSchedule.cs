namespace ChargeNet.Drivers.Ocpp.Control;

/// <summary>
/// The limit a charger says is in force on a connector over a time ahead: its composite schedule
/// (1.6 and 2.0.1 GetCompositeSchedule), every profile it holds combined — the edge's, its own and
/// any other central system's. The answer to "why is it limited?" from the charger's side.
/// </summary>
/// <param name="ConnectorId">The connector (2.0.1: the EVSE; 0 the whole charger).</param>
/// <param name="Start">When the schedule starts.</param>
/// <param name="DurationS">How far it reaches, in seconds.</param>
/// <param name="Unit">A or W, as the charger gave it.</param>
/// <param name="Periods">The limit from each period's start (seconds after <paramref name="Start"/>).</param>
public sealed record ChargerSchedule(int ConnectorId, DateTimeOffset Start, int DurationS, string Unit, IReadOnlyList<ChargerSchedulePeriod> Periods);

/// <summary>One period of a <see cref="ChargerSchedule"/>.</summary>
public sealed record ChargerSchedulePeriod(int StartS, double Limit, int? Phases = null);
