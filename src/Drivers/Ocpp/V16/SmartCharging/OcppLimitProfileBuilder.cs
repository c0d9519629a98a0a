using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.SmartCharging;

/// <summary>
/// Builds the SetChargingProfile the edge sends for a current limit: one Absolute schedule in
/// amperes per phase (unit A, OCPP 1.6 section 7) with a single period, starting a minute before now (a charger's clock may
/// run behind: <see cref="OcppLimitWindow"/>), at the configured stack level, valid until now + <see cref="OcppChargerSettings.LimitValidity"/>
/// (validTo, OCPP 1.6 section 7.8), so a charger whose edge went silent falls back to its own
/// default. A TxDefaultProfile, or a TxProfile bound to the running transaction when the settings
/// ask for it. The profile id is fixed per connector, so each new limit replaces the previous one
/// on the charger (OCPP 1.6, section 3.13.2).
/// </summary>
public static class OcppLimitProfileBuilder
{
    public static SetChargingProfileRequest Build(OcppChargerSettings settings, int connectorId, double limitA, int? transactionId, DateTimeOffset now) =>
        Build(settings, connectorId, limitA, transactionId, now, _ => null);

    /// <summary>
    /// The same, with another party's limit over the profile's validity (an upstream central system's,
    /// docs/upstream.md): each period carries the lower of the edge's limit and theirs, so the charger
    /// gets the lower at every moment. <paramref name="capA"/> gets the schedule's start and validity.
    /// </summary>
    public static SetChargingProfileRequest Build(
        OcppChargerSettings settings,
        int connectorId,
        double limitA,
        int? transactionId,
        DateTimeOffset now,
        Func<(DateTimeOffset Start, TimeSpan Duration), IReadOnlyList<(TimeSpan Offset, double LimitA)>?> capA)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(capA);
        var useTxProfile = settings.LimitPurpose == OcppLimitPurpose.TxProfile && transactionId is not null;
        var window = OcppLimitWindow.From(now, settings.LimitValidity);
        var periods = window.FromStart(OcppCappedLimit.Periods(limitA, capA((window.Now, settings.LimitValidity))))
            .Select(p => new ChargingSchedulePeriod(p.StartPeriod, p.Limit)).ToList();
        var schedule = new ChargingSchedule(ChargingRateUnitType.A, periods, StartSchedule: window.Start);
        var profile = new ChargingProfile(
            settings.ProfileIdBase + connectorId,
            settings.StackLevel,
            useTxProfile ? ChargingProfilePurposeType.TxProfile : ChargingProfilePurposeType.TxDefaultProfile,
            ChargingProfileKindType.Absolute,
            schedule,
            TransactionId: useTxProfile ? transactionId : null,
            ValidTo: window.ValidTo);
        return new SetChargingProfileRequest(connectorId, profile);
    }
}
