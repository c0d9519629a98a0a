using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using Ocpp201 = ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// A 2.0.1 upstream's charging profiles in the terms of the profile stack the edge keeps for every
/// relayed charger (<see cref="OcppUpstreamLimits"/>, docs/upstream.md, "Limits"). [OCPP 2.0.1] K01
/// stacks as [OCPP 1.6] section 3.13 does (per purpose the valid profile of the highest stack level;
/// the ChargingStationMaxProfile caps the Tx(Default)Profile), so the profile is carried over as it
/// is: the EVSE is the connector, the station's transaction id a number (<see cref="TransactionKey"/>).
/// </summary>
internal static class OcppUpstream201Profiles
{
    /// <summary>The 1.6 purpose of a 2.0.1 one; null for ChargingStationExternalConstraints, which is not the central system's to set (K01.FR.22).</summary>
    public static ChargingProfilePurposeType? PurposeOf(string purpose) => purpose switch
    {
        "ChargingStationMaxProfile" => ChargingProfilePurposeType.ChargePointMaxProfile,
        "TxDefaultProfile" => ChargingProfilePurposeType.TxDefaultProfile,
        "TxProfile" => ChargingProfilePurposeType.TxProfile,
        _ => null,
    };

    /// <summary>The profile as the stack keeps it, or null when the edge refuses it (why in <paramref name="refusal"/>).</summary>
    public static ChargingProfile? ToStacked(Ocpp201.ChargingProfile profile, out string? refusal)
    {
        refusal = null;
        if (PurposeOf(profile.ChargingProfilePurpose) is not { } purpose)
        {
            refusal = $"a {profile.ChargingProfilePurpose} is not the central system's to set";
            return null;
        }

        // Up to three schedules only for ISO 15118 (K01.FR.70), the first for any other car: the edge cannot tell which the car takes.
        var schedule = profile.ChargingSchedule[0];
        if (!Enum.TryParse<ChargingProfileKindType>(profile.ChargingProfileKind, out var kind)
            || !Enum.TryParse<ChargingRateUnitType>(schedule.ChargingRateUnit, out var unit)
            || (profile.RecurrencyKind is { } given && !Enum.TryParse<RecurrencyKindType>(given, out _)))
        {
            refusal = $"profile {profile.Id}: unknown kind, unit or recurrency";
            return null;
        }

        return new ChargingProfile(
            profile.Id,
            profile.StackLevel,
            purpose,
            kind,
            new ChargingSchedule(unit, [.. schedule.ChargingSchedulePeriod.Select(p => new ChargingSchedulePeriod(p.StartPeriod, p.Limit, p.NumberPhases))], schedule.Duration, schedule.StartSchedule),
            TransactionKey(profile.TransactionId),
            profile.RecurrencyKind is { } recurrency ? Enum.Parse<RecurrencyKindType>(recurrency) : null,
            profile.ValidFrom,
            profile.ValidTo);
    }

    /// <summary>
    /// A profile the stack kept without the upstream's wording (kept by an edge of before 2026-12): as a
    /// 2.0.1 profile again, its schedule numbered as the profile, its transaction the one running on
    /// the EVSE when that is the one it names.
    /// </summary>
    public static JsonElement FromStacked(ChargingProfile stacked, string? runningTransactionId)
    {
        var schedule = stacked.ChargingSchedule;
        var profile = new Ocpp201.ChargingProfile(
            stacked.ChargingProfileId,
            stacked.StackLevel,
            stacked.ChargingProfilePurpose == ChargingProfilePurposeType.ChargePointMaxProfile ? "ChargingStationMaxProfile" : stacked.ChargingProfilePurpose.ToString(),
            stacked.ChargingProfileKind.ToString(),
            [new Ocpp201.ChargingSchedule(stacked.ChargingProfileId, schedule.ChargingRateUnit.ToString(), [.. schedule.ChargingSchedulePeriod.Select(p => new Ocpp201.ChargingSchedulePeriod(p.StartPeriod, p.Limit, p.NumberPhases))], schedule.StartSchedule, schedule.Duration)],
            stacked.ValidFrom,
            stacked.ValidTo,
            stacked.TransactionId is not { } key ? null : TransactionKey(runningTransactionId) == key ? runningTransactionId : key.ToString(CultureInfo.InvariantCulture),
            stacked.RecurrencyKind?.ToString());
        return JsonSerializer.SerializeToElement(new Ocpp201.SetChargingProfileRequest(0, profile), Ocpp201.Ocpp201JsonContext.Default.SetChargingProfileRequest).GetProperty("chargingProfile").Clone();
    }

    /// <summary>
    /// A transaction id as the stack's number: a 1.6 id as it is; a 2.0.1 station's own id (any string
    /// of up to 36 characters) hashed, the same for the same id across restarts, so a kept TxProfile
    /// still names its transaction.
    /// </summary>
    public static int? TransactionKey(string? transactionId) =>
        transactionId is null ? null
        : int.TryParse(transactionId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : (int)(BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(transactionId))) & int.MaxValue);
}
