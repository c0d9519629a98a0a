using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.SmartCharging;

/// <summary>
/// The charging profiles installed on one charge point, as OCPP 1.6 section 3.13 stacks them:
/// a profile replaces one with the same id, or with the same stack level and purpose on the same
/// connector; per purpose the valid profile with the highest stack level is in force; the limit
/// on a connector is the lower of the ChargePointMaxProfile (connector 0) and the TxProfile, or the
/// TxDefaultProfile where no TxProfile is in force (a connector's own TxDefaultProfile before the
/// one on connector 0 at the same stack level). Thread-safe.
/// </summary>
public sealed class OcppChargingProfileSet(double voltageV = 230)
{
    private readonly Lock _lock = new();
    private readonly List<(int ConnectorId, ChargingProfile Profile)> _profiles = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _profiles.Count;
            }
        }
    }

    /// <summary>The profiles installed, each with its connector, in the order installed (to keep them, and install them again).</summary>
    public IReadOnlyList<(int ConnectorId, ChargingProfile Profile)> Installed()
    {
        lock (_lock)
        {
            return [.. _profiles];
        }
    }

    /// <summary>Installs a profile; returns why it was refused, or null when accepted.</summary>
    public string? Install(int connectorId, ChargingProfile profile, int? runningTransactionId)
    {
        var purpose = profile.ChargingProfilePurpose;
        if (purpose == ChargingProfilePurposeType.ChargePointMaxProfile && connectorId != 0)
        {
            return "a ChargePointMaxProfile belongs on connector 0";
        }

        if (purpose == ChargingProfilePurposeType.TxProfile && (connectorId == 0 || runningTransactionId is null))
        {
            return "a TxProfile needs a connector with a running transaction";
        }

        if (purpose == ChargingProfilePurposeType.TxProfile && profile.TransactionId is { } tx && tx != runningTransactionId)
        {
            return $"transaction {tx} is not running on connector {connectorId}";
        }

        lock (_lock)
        {
            _profiles.RemoveAll(p => p.Profile.ChargingProfileId == profile.ChargingProfileId
                || (p.ConnectorId == connectorId && p.Profile.StackLevel == profile.StackLevel && p.Profile.ChargingProfilePurpose == purpose));
            _profiles.Add((connectorId, purpose == ChargingProfilePurposeType.TxProfile && profile.TransactionId is null ? profile with { TransactionId = runningTransactionId } : profile));
        }

        return null;
    }

    /// <summary>ClearChargingProfile: removes what matches every given criterion; returns how many.</summary>
    public int Clear(int? id, int? connectorId, ChargingProfilePurposeType? purpose, int? stackLevel)
    {
        lock (_lock)
        {
            return _profiles.RemoveAll(p => (id is null || p.Profile.ChargingProfileId == id)
                && (connectorId is null || p.ConnectorId == connectorId)
                && (purpose is null || p.Profile.ChargingProfilePurpose == purpose)
                && (stackLevel is null || p.Profile.StackLevel == stackLevel));
        }
    }

    /// <summary>Removes the TxProfiles of a transaction that ended (they end with it).</summary>
    public void EndTransaction(int transactionId)
    {
        lock (_lock)
        {
            _profiles.RemoveAll(p => p.Profile.ChargingProfilePurpose == ChargingProfilePurposeType.TxProfile && p.Profile.TransactionId == transactionId);
        }
    }

    /// <summary>The limit in force on a connector at <paramref name="at"/> in amperes per phase; null when no profile limits it.</summary>
    public double? LimitAtA(int connectorId, DateTimeOffset at, int? transactionId, DateTimeOffset? transactionStart)
    {
        List<(int ConnectorId, ChargingProfile Profile)> profiles;
        lock (_lock)
        {
            profiles = [.. _profiles];
        }

        var max = InForce(profiles, ChargingProfilePurposeType.ChargePointMaxProfile, [0], at, null, transactionStart);
        var tx = transactionId is null ? null
            : InForce(profiles.Where(p => p.Profile.TransactionId == transactionId), ChargingProfilePurposeType.TxProfile, [connectorId], at, transactionId, transactionStart);
        var txDefault = InForce(profiles, ChargingProfilePurposeType.TxDefaultProfile, [connectorId, 0], at, transactionId, transactionStart);
        var connectorLimit = tx ?? txDefault;
        return max is null ? connectorLimit : connectorLimit is null ? max : Math.Min(max.Value, connectorLimit.Value);
    }

    /// <summary>The composite schedule of a connector over [start, start + duration), in amperes per phase; periods of "no limit" carry <paramref name="unlimitedA"/>.</summary>
    public ChargingSchedule CompositeSchedule(int connectorId, DateTimeOffset start, TimeSpan duration, int? transactionId, DateTimeOffset? transactionStart, double unlimitedA)
    {
        var end = start + duration;
        List<ChargingProfile> profiles;
        lock (_lock)
        {
            profiles = [.. _profiles.Select(p => p.Profile)];
        }

        var times = profiles.SelectMany(p => OcppScheduleMath.Boundaries(p, start, end, transactionStart))
            .Where(t => t > start && t < end)
            .Append(start)
            .Distinct()
            .Order();
        var periods = new List<ChargingSchedulePeriod>();
        foreach (var time in times)
        {
            var limit = Math.Round((decimal)(LimitAtA(connectorId, time, transactionId, transactionStart) ?? unlimitedA), 1);
            if (periods.Count == 0 || periods[^1].Limit != limit)
            {
                periods.Add(new ChargingSchedulePeriod((int)(time - start).TotalSeconds, limit));
            }
        }

        return new ChargingSchedule(ChargingRateUnitType.A, periods, (int)duration.TotalSeconds, start);
    }

    private double? InForce(
        IEnumerable<(int ConnectorId, ChargingProfile Profile)> profiles,
        ChargingProfilePurposeType purpose,
        int[] connectors,
        DateTimeOffset at,
        int? transactionId,
        DateTimeOffset? transactionStart)
    {
        // Highest stack level first; at equal level the connector's own profile before connector 0's.
        var candidates = profiles
            .Where(p => p.Profile.ChargingProfilePurpose == purpose && connectors.Contains(p.ConnectorId))
            .OrderByDescending(p => p.Profile.StackLevel)
            .ThenBy(p => Array.IndexOf(connectors, p.ConnectorId));
        foreach (var (_, profile) in candidates)
        {
            var relativeStart = profile.ChargingProfileKind == ChargingProfileKindType.Relative && transactionId is null ? (DateTimeOffset?)null : transactionStart;
            if (OcppScheduleMath.LimitAtA(profile, at, relativeStart, voltageV) is { } limit)
            {
                return limit;
            }
        }

        return null;
    }
}
