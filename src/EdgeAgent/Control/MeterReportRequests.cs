using System.Collections.Concurrent;
using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Asks a charger for a connector's meter values (<see cref="IHasReportRequest"/>) once the car has had time to answer a limit
/// the charger took, where no report has come since. A charger that reports once a minute otherwise leaves the loop estimating
/// the load nobody controls on a draw up to a minute old, and raises wait on that unsure estimate (docs/control-loop.md,
/// "Asking for a report"). One request per limit taken; a charger that refuses one is left alone for <see cref="AfterRefusal"/>.
/// </summary>
internal sealed class MeterReportRequests(TimeProvider time, ControlLoopOptions options)
{
    /// <summary>How long a charger that refused a request (or does not know the message) is not asked again.</summary>
    public static readonly TimeSpan AfterRefusal = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _refusedAt = new(StringComparer.Ordinal);

    // Per connector, the confirmation last asked about: read and written by the cycle alone.
    private readonly Dictionary<(string ChargerId, int ConnectorId), DateTimeOffset> _askedAbout = [];

    /// <summary>
    /// Called once a cycle, after the chargers' reports are in: asks where a report is due and none came — judged by when the
    /// currents were measured (<see cref="ConnectorStatus.CurrentsAt"/>), so a StatusNotification does not pass for a report.
    /// </summary>
    public void AskWhereDue(SiteModel model, DeviceSet devices, DateTimeOffset now)
    {
        // The car answers within its response time; a report read a cycle after that shows the answer.
        var answeredAfter = options.VehicleResponseTime + options.Period;
        foreach (var runtime in model.Connectors)
        {
            if (runtime.History.Confirmed is not { ConfirmedAt: { } confirmedAt }
                || now < confirmedAt + answeredAfter
                || (runtime.Status is { } status && (status.CurrentsAt >= confirmedAt + answeredAfter || !CarMayBeThere(status.State)))
                || runtime.Disconnected
                || !devices.Chargers.TryGetValue(runtime.ChargerId, out var charger)
                || charger is not IHasReportRequest asked)
            {
                continue;
            }

            var key = (runtime.ChargerId, runtime.ConnectorId);
            if ((_askedAbout.TryGetValue(key, out var askedAbout) && askedAbout == confirmedAt)
                || (_refusedAt.TryGetValue(runtime.ChargerId, out var refusedAt) && now - refusedAt < AfterRefusal))
            {
                continue;
            }

            _askedAbout[key] = confirmedAt;
            _ = AskAsync(asked, runtime.ChargerId, runtime.ConnectorId);
        }
    }

    // Where no car may be, its draw is known to be none: nothing to ask. A charger that has reported nothing yet is asked too.
    private static bool CarMayBeThere(ConnectorState state) =>
        state is ConnectorState.CarConnected or ConnectorState.Charging or ConnectorState.SuspendedByCar or ConnectorState.SuspendedByController;

    private async Task AskAsync(IHasReportRequest charger, string chargerId, int connectorId)
    {
        using var timeout = new CancellationTokenSource(options.WriteTimeout, time);
        try
        {
            if (!await charger.RequestMeterValuesAsync(connectorId, timeout.Token).ConfigureAwait(false))
            {
                _refusedAt[chargerId] = time.GetUtcNow();
            }
        }
#pragma warning disable CA1031 // A request lost or unanswered only leaves the next report to come on the charger's own interval.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
