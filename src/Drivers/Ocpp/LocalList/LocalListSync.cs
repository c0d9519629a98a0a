using System.Collections.Concurrent;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.LocalList;

/// <summary>
/// Keeps each OCPP charger's local authorization list (OCPP 1.6 section 3.5, Local Auth List
/// Management; OCPP 2.0.1 D01–D02, whatever version the charger speaks) equal to the edge's: when a charger becomes ready, for every connected charger when
/// the list changes, and when the cloud asks. It asks GetLocalListVersion and, when the version
/// differs from the edge's (or the cloud forces it), sends the list as <see cref="LocalListPlan"/>
/// cuts it for the charger's limits, read once per connection. A charger that answers -1 has no
/// local list and is left alone; so is every charger while the edge has never had a list (version
/// 0), so a list managed elsewhere is not wiped. One sync at a time per charger: two interleaved
/// chunk sequences would mix two lists.
/// </summary>
public sealed partial class LocalListSync : IOcppChargePointObserver
{
    private readonly ILocalListSource _list;
    private readonly IServiceProvider _services;
    private readonly IOcppEventSink _events;
    private readonly TimeProvider _time;
    private readonly ILogger<LocalListSync> _logger;
    private readonly ConcurrentDictionary<string, LocalListLimits> _limits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    public LocalListSync(ILocalListSource list, IServiceProvider services, IOcppEventSink events, TimeProvider time, ILogger<LocalListSync> logger)
    {
        _list = list;
        _services = services; // the OCPP server is asked for lazily: it is built with this observer
        _events = events;
        _time = time;
        _logger = logger;
    }

    /// <summary>A new connection or an accepted boot: the limits are read again (the firmware may have changed).</summary>
    public Task ReadyAsync(IChargePointControl chargePoint, CancellationToken cancellationToken)
    {
        _limits.TryRemove(chargePoint.Id, out _);
        return SyncAsync(chargePoint, force: false, cancellationToken);
    }

    /// <summary>Brings every connected, accepted charger up to date, each on its own (a slow one delays nobody).</summary>
    public Task PushToConnectedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_services.GetRequiredService<OcppServer>().ChargePoints
            .Where(c => c.IsConnected && c.BootState == OcppBootState.Accepted && c.Registration is not null && c.Control is not null)
            .Select(c => SyncAsync(c.Control!, force: false, cancellationToken)));

    /// <summary>Sends the edge's list to <paramref name="chargePoint"/> when its version differs, or always when <paramref name="force"/>.</summary>
    public async Task<LocalListSyncOutcome> SyncAsync(IChargePointControl chargePoint, bool force, CancellationToken cancellationToken)
    {
        var turn = _turns.GetOrAdd(chargePoint.Id, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var outcome = await SyncInTurnAsync(chargePoint, force, cancellationToken).ConfigureAwait(false);
            await ReportAsync(chargePoint.Id, outcome, cancellationToken).ConfigureAwait(false);
            return outcome;
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<LocalListSyncOutcome> SyncInTurnAsync(IChargePointControl chargePoint, bool force, CancellationToken cancellationToken)
    {
        var version = await _list.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        if (version == 0)
        {
            return new(LocalListSyncResult.NoEdgeList, 0, null, 0, 0, null);
        }

        int? theirs = null;
        var accepted = 0;
        var entries = 0;
        try
        {
            theirs = await chargePoint.GetLocalListVersionAsync(cancellationToken).ConfigureAwait(false) ?? -1;
            if (theirs == -1 || (theirs == version && !force))
            {
                return new(theirs == -1 ? LocalListSyncResult.NotSupported : LocalListSyncResult.UpToDate, version, theirs, 0, 0, null);
            }

            var limits = await LimitsAsync(chargePoint, cancellationToken).ConfigureAwait(false);
            var list = await _list.ListAsync(cancellationToken).ConfigureAwait(false);
            var plan = LocalListPlan.For(version, list, limits);
            entries = plan.Entries;
            switch (plan.Refusal)
            {
                case LocalListPlanRefusal.ListTooLong:
                    return new(LocalListSyncResult.ListTooLong, version, theirs, entries, 0, null, limits);
                case LocalListPlanRefusal.VersionTooLow:
                    return new(LocalListSyncResult.VersionTooLow, version, theirs, entries, 0, null, limits);
            }

            foreach (var message in plan.Messages)
            {
                var answer = await chargePoint.SendLocalListAsync(message, cancellationToken).ConfigureAwait(false);
                if (!answer.Succeeded)
                {
                    return new(LocalListSyncResult.Refused, version, theirs, entries, accepted, $"{answer.Answer} to {message.UpdateType} version {message.ListVersion}", limits);
                }

                accepted++;
            }

            return new(LocalListSyncResult.Sent, version, theirs, entries, accepted, null, limits);
        }
        catch (OcppRpcException ex)
        {
            return new(LocalListSyncResult.Failed, version, theirs, entries, accepted, ex.ErrorCode ?? ex.Message);
        }
    }

    /// <summary>The charger's two length keys, asked once per connection; a CALLERROR means it reports none.</summary>
    private async Task<LocalListLimits> LimitsAsync(IChargePointControl chargePoint, CancellationToken cancellationToken)
    {
        if (_limits.TryGetValue(chargePoint.Id, out var known))
        {
            return known;
        }

        LocalListLimits limits;
        try
        {
            limits = await chargePoint.ReadLocalListLimitsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OcppRpcException ex) when (ex.ErrorCode is not null)
        {
            limits = LocalListLimits.Unknown;
        }

        _limits[chargePoint.Id] = limits;
        return limits;
    }
}
