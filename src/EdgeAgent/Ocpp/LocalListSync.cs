using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Messages;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>
/// Keeps each OCPP charger's local authorization list (OCPP 1.6 section 3.5, Local Auth List
/// Management) equal to the edge's: when a charger becomes ready, and for every connected charger
/// when the list changes, it asks GetLocalListVersion and, when the version differs from the
/// edge's, sends the whole list (SendLocalList Full, with the edge's version). A charger that
/// answers -1 or NotSupported has no local list and is left alone; so is every charger while the
/// edge has never had a list (version 0), so a list managed elsewhere is not wiped.
/// </summary>
public sealed partial class LocalListSync : IOcppChargePointObserver
{
    private readonly IEdgeStore _store;
    private readonly IServiceProvider _services;
    private readonly ILogger<LocalListSync> _logger;

    public LocalListSync(IEdgeStore store, IServiceProvider services, ILogger<LocalListSync> logger)
    {
        _store = store;
        _services = services; // the OCPP server is asked for lazily: it is built with this observer
        _logger = logger;
    }

    public Task ReadyAsync(OcppChargePoint chargePoint, CancellationToken cancellationToken) => SyncAsync(chargePoint, cancellationToken);

    /// <summary>Brings every connected, accepted charger up to date, each on its own (a slow one delays nobody).</summary>
    public Task PushToConnectedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_services.GetRequiredService<OcppServer>().ChargePoints
            .Where(c => c.IsConnected && c.BootState == OcppBootState.Accepted && c.Registration is not null)
            .Select(c => SyncAsync(c, cancellationToken)));

    /// <summary>Sends the edge's list to <paramref name="chargePoint"/> when its version differs; true when it was sent and accepted.</summary>
    public async Task<bool> SyncAsync(OcppChargePoint chargePoint, CancellationToken cancellationToken)
    {
        try
        {
            var version = await _store.AuthorizationList.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            if (version == 0)
            {
                return false;
            }

            var theirs = (await chargePoint.GetLocalListVersionAsync(cancellationToken).ConfigureAwait(false)).ListVersion;
            if (theirs == -1 || theirs == version)
            {
                return false;
            }

            var entries = await _store.AuthorizationList.ListAsync(cancellationToken).ConfigureAwait(false);
            var answer = await chargePoint.SendLocalListAsync(version, "Full", [.. entries.Select(ToOcpp)], cancellationToken).ConfigureAwait(false);
            LogSent(chargePoint.Id, version, theirs, entries.Count, answer.Status);
            return answer.Status == "Accepted";
        }
        catch (OcppRpcException ex)
        {
            LogNotSent(chargePoint.Id, ex.ErrorCode ?? ex.Message);
            return false;
        }
    }

    internal static AuthorizationData ToOcpp(AuthorizationEntry entry) => new(entry.IdTag, new IdTagInfo(
        Enum.TryParse<AuthorizationStatus>(entry.Status, ignoreCase: true, out var status) ? status : AuthorizationStatus.Invalid,
        entry.ExpiryDate,
        entry.ParentIdTag));

    [LoggerMessage(Level = LogLevel.Information, Message = "Local list version {Version} ({Count} entries) sent to {ChargePointId} (it had {TheirVersion}): {Status}")]
    private partial void LogSent(string chargePointId, int version, int theirVersion, int count, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local list not brought up to date on {ChargePointId}: {Reason}")]
    private partial void LogNotSent(string chargePointId, string reason);
}
