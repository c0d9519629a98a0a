using System.Diagnostics.CodeAnalysis;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.Messages;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.SmartCharging;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// Keeps the control loop's limits in force on one charge point: sends a SetChargingProfile only
/// when a limit moves by at least the configured step (or to or from 0), records the charge
/// point's acceptance or rejection, and sends every limit again after a (re)connect.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The gate is a SemaphoreSlim whose wait handle is never asked for: nothing unmanaged to release.")]
public sealed class OcppLimitKeeper
{
    private readonly OcppChargePoint _chargePoint;
    private readonly OcppCentralSystemContext _context;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, OcppLimitRecord> _limits = [];
    private readonly SemaphoreSlim _sendGate = new(1, 1);

    internal OcppLimitKeeper(OcppChargePoint chargePoint, OcppCentralSystemContext context)
    {
        _chargePoint = chargePoint;
        _context = context;
    }

    /// <summary>The limit record of every connector the control loop has set.</summary>
    public IReadOnlyList<OcppLimitRecord> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _limits.Values.OrderBy(l => l.ConnectorId)];
            }
        }
    }

    public OcppLimitRecord? Get(int connectorId)
    {
        lock (_lock)
        {
            return _limits.GetValueOrDefault(connectorId);
        }
    }

    /// <summary>Sets the limit of a connector; sends it unless the last accepted one is within the step.</summary>
    public async Task<SetpointResult> SetAsync(int connectorId, double limitA, CancellationToken cancellationToken)
    {
        if (!double.IsFinite(limitA) || limitA < 0)
        {
            return SetpointResult.Rejected($"A limit must be a finite number of amperes ≥ 0, not {limitA}.");
        }

        OcppLimitRecord? previous;
        lock (_lock)
        {
            previous = _limits.GetValueOrDefault(connectorId);
            _limits[connectorId] = (previous ?? new OcppLimitRecord(connectorId, limitA, null, null, null, null)) with { RequestedA = limitA };
        }

        if (previous?.InForceA is { } inForce && WithinStep(inForce, limitA))
        {
            return SetpointResult.Accepted;
        }

        return await SendAsync(connectorId, limitA, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends every requested limit again (after a reconnect or an accepted boot).</summary>
    public async Task ResendAllAsync(CancellationToken cancellationToken)
    {
        foreach (var record in All)
        {
            await SendAsync(record.ConnectorId, record.RequestedA, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool WithinStep(double inForceA, double limitA) =>
        (inForceA == 0) == (limitA == 0) && Math.Abs(inForceA - limitA) < _chargePoint.Settings.LimitStepA;

    private async Task<SetpointResult> SendAsync(int connectorId, double limitA, CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _context.Time.GetUtcNow();
            var request = OcppLimitProfileBuilder.Build(_chargePoint.Settings, connectorId, limitA, _chargePoint.GetConnector(connectorId).TransactionId, now);
            var sentA = (double)request.CsChargingProfiles.ChargingSchedule.ChargingSchedulePeriod[0].Limit;
            SetpointResult result;
            try
            {
                var answer = await _chargePoint.CallAsync<SetChargingProfileRequest, StatusResponse>(OcppAction.SetChargingProfile, request, cancellationToken).ConfigureAwait(false);
                result = answer.Status == "Accepted"
                    ? SetpointResult.Accepted
                    : SetpointResult.Rejected($"{_chargePoint.Id} answered SetChargingProfile with {answer.Status}.");
            }
            catch (OcppRpcException e)
            {
                result = SetpointResult.Failed(e.Message);
            }

            lock (_lock)
            {
                _limits[connectorId] = new OcppLimitRecord(connectorId, _limits.GetValueOrDefault(connectorId)?.RequestedA ?? limitA, sentA, result.Outcome, result.Detail, _context.Time.GetUtcNow());
            }

            if (result.Outcome != SetpointOutcome.Accepted)
            {
                await _context.PublishAsync("warning", _chargePoint.Id, "ocpp.limit-not-applied", $"Connector {connectorId}: limit {sentA} A not applied: {result.Detail}", cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            _sendGate.Release();
        }
    }
}
