using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.SmartCharging;

/// <summary>
/// The edge's limit for one EVSE as a 2.0.1 charging profile (docs/ocpp.md, "Limits"): Absolute with its startSchedule (K01), in A
/// from 0 — under an upstream central system's limits period by period the lower (docs/upstream.md, "Limits") —, valid from a minute
/// before now (a station's clock may run behind: <see cref="OcppLimitWindow"/>) until now + the limit validity, at the configured stack level, with the EVSE's fixed id (id base + EVSE), so whatever the edge
/// sends next for that EVSE replaces it (K01.FR.05).
/// </summary>
internal static class Ocpp201LimitProfile
{
    public static ChargingProfile Build(OcppChargePoint chargePoint, int evseId, double limitA, string purpose, string? transactionId)
    {
        var settings = chargePoint.Settings;
        var now = chargePoint.Context.Time.GetUtcNow();
        var window = OcppLimitWindow.From(now, settings.LimitValidity);
        var id = settings.ProfileIdBase + evseId;
        var periods = window.FromStart(OcppCappedLimit.Periods(limitA, chargePoint.Context.Relay?.UpstreamCapA(chargePoint.Id, evseId, window.Now, settings.LimitValidity)))
            .Select(p => new ChargingSchedulePeriod(p.StartPeriod, p.Limit)).ToList();
        return new ChargingProfile(
            id,
            settings.StackLevel,
            purpose,
            "Absolute",
            [new ChargingSchedule(id, "A", periods, window.Start, (int)window.Duration.TotalSeconds)],
            window.Start,
            window.ValidTo,
            transactionId);
    }
}
