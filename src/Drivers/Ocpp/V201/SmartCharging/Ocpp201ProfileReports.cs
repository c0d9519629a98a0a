using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.SmartCharging;

/// <summary>
/// The GetChargingProfiles requests of one station waiting for their ReportChargingProfiles parts (K09): each request id
/// gathers parts until one without <c>tbc</c>, then the waiting caller gets every profile. A request is registered before
/// its call goes out, so a report that comes right after the answer is not lost. Thread-safe.
/// </summary>
public sealed class Ocpp201ProfileReports
{
    // A station reports what it holds: a few per EVSE. The bound keeps a station that never ends a report from growing it.
    private const int MaxProfiles = 1_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, Pending> _pending = [];

    /// <summary>Starts waiting for the report of <paramref name="requestId"/>; <see cref="Forget"/> it when the call fails.</summary>
    public Task<IReadOnlyList<ChargerProfile>> Expect(int requestId)
    {
        var pending = new Pending();
        lock (_lock)
        {
            _pending[requestId] = pending;
        }

        return pending.Done.Task;
    }

    public void Forget(int requestId)
    {
        lock (_lock)
        {
            _pending.Remove(requestId);
        }
    }

    /// <summary>Adds one part; false when no request is waiting for it (an unasked or late report, answered all the same).</summary>
    public bool Add(ReportChargingProfilesRequest part)
    {
        ArgumentNullException.ThrowIfNull(part);
        Pending? finished = null;
        lock (_lock)
        {
            if (!_pending.TryGetValue(part.RequestId, out var pending))
            {
                return false;
            }

            foreach (var profile in part.ChargingProfile.Take(MaxProfiles - pending.Profiles.Count))
            {
                pending.Profiles.Add(Ocpp201ProfileReading.Profile(part.EvseId, part.ChargingLimitSource, profile));
            }

            if (part.Tbc != true)
            {
                _pending.Remove(part.RequestId);
                finished = pending;
            }
        }

        finished?.Done.TrySetResult(finished.Profiles);
        return true;
    }

    private sealed class Pending
    {
        public List<ChargerProfile> Profiles { get; } = [];

        public TaskCompletionSource<IReadOnlyList<ChargerProfile>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
