using V16 = ChargeNet.Drivers.Ocpp.V16.Messages;
using V201 = ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>
/// A 2.0.1 profile in the terms of the profile maths the simulated chargers share (<see cref="Drivers.Ocpp.V16.SmartCharging.OcppChargingProfileSet"/>,
/// written for 1.6): the stacking rules are the same (K01 and 1.6 section 3.13), only the names differ —
/// ChargingStationMaxProfile is 1.6's ChargePointMaxProfile, and a transaction is named by a number.
/// </summary>
internal static class SimulatedOcpp201Profiles
{
    /// <summary>The profile as 1.6 would carry it; null for what the maths does not know (external constraints, no schedule).</summary>
    public static V16.ChargingProfile? ToV16(V201.ChargingProfile profile, int? profileTransaction)
    {
        var purpose = profile.ChargingProfilePurpose switch
        {
            "ChargingStationMaxProfile" => V16.ChargingProfilePurposeType.ChargePointMaxProfile,
            "TxDefaultProfile" => V16.ChargingProfilePurposeType.TxDefaultProfile,
            "TxProfile" => V16.ChargingProfilePurposeType.TxProfile,
            _ => (V16.ChargingProfilePurposeType?)null,
        };
        if (purpose is null || profile.ChargingSchedule is not [var schedule, ..]
            || !Enum.TryParse<V16.ChargingProfileKindType>(profile.ChargingProfileKind, out var kind)
            || !Enum.TryParse<V16.ChargingRateUnitType>(schedule.ChargingRateUnit, out var unit))
        {
            return null;
        }

        V16.RecurrencyKindType? recurrency = Enum.TryParse<V16.RecurrencyKindType>(profile.RecurrencyKind, out var r) ? r : null;
        return new V16.ChargingProfile(
            profile.Id,
            profile.StackLevel,
            purpose.Value,
            kind,
            new V16.ChargingSchedule(unit, [.. schedule.ChargingSchedulePeriod.Select(p => new V16.ChargingSchedulePeriod(p.StartPeriod, p.Limit, p.NumberPhases))], schedule.Duration, schedule.StartSchedule),
            purpose == V16.ChargingProfilePurposeType.TxProfile ? profileTransaction : null,
            recurrency,
            profile.ValidFrom,
            profile.ValidTo);
    }
}
