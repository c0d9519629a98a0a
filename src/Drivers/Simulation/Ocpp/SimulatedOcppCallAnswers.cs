using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.Drivers.Ocpp.V16.SmartCharging;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>
/// What a simulated charger answers the same way whatever OCPP version it speaks (its handler reads the
/// version's messages and writes its replies): charging profiles installed into one profile set and the
/// composite schedule from it, the triggered messages it sends after its answer, and its local list's version.
/// </summary>
internal abstract class SimulatedOcppCallAnswers(
    OcppChargingProfileSet profiles,
    Func<string, int?, CancellationToken, Task> sendTriggered,
    SimulatedOcppChargePointOptions options,
    TimeProvider time) : IOcppCallHandler
{
    // The messages a simulated charger sends when asked; 1.6 and 2.0.1 name them alike.
    private static readonly HashSet<string> Triggerable = new(["BootNotification", "Heartbeat", "StatusNotification", "MeterValues"], StringComparer.Ordinal);

    protected OcppChargingProfileSet Profiles => profiles;

    /// <summary>The version the central system's last SendLocalList gave (0 before any).</summary>
    protected int LocalListVersion { get; set; }

    public abstract ValueTask<OcppFrame> HandleAsync(OcppCall incoming, OcppAfterReply afterReply, CancellationToken cancellationToken);

    /// <summary>
    /// The status of a SetChargingProfile for <paramref name="outletId"/> (0: the whole charger): Rejected for an outlet
    /// it does not have (<paramref name="known"/> false) or a profile <paramref name="install"/> refuses (it returns why).
    /// </summary>
    protected static string InstallStatus(int outletId, bool known, Func<string?> install) =>
        (outletId != 0 && !known) || install() is not null ? "Rejected" : "Accepted";

    /// <summary>The composite schedule of an outlet from now (to the whole second) for <paramref name="durationS"/>, with its start.</summary>
    protected (DateTimeOffset Start, ChargingSchedule Schedule) Composite(int outletId, int durationS, int? transaction, DateTimeOffset? transactionStart)
    {
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        return (now, profiles.CompositeSchedule(outletId, now, TimeSpan.FromSeconds(durationS), transaction, transactionStart, options.MaxCurrentA));
    }

    /// <summary>The status of a TriggerMessage it may answer: NotImplemented for a message it does not send, else Accepted, sent after the answer.</summary>
    protected string Trigger(string requested, int? outletId, OcppAfterReply afterReply)
    {
        if (!Triggerable.Contains(requested))
        {
            return "NotImplemented";
        }

        afterReply.Add(ct => sendTriggered(requested, outletId, ct));
        return "Accepted";
    }
}
