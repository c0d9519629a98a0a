using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// Decides whether a new unauthenticated connection (security profile 0, no password to prove who
/// it is) must leave a charge point's live connection alone (docs/security.md): it must when
/// that connection sent something within <see cref="OcppServerOptions.TakeoverGuard"/>, or answers
/// a probe (TriggerMessage Heartbeat) within <see cref="OcppServerOptions.TakeoverProbeTimeout"/>.
/// Only a connection that went silent (a charger whose old socket is half-open) is replaced, so
/// nobody on the network can take over a working charger's session by connecting under its id.
/// </summary>
public sealed class OcppTakeoverGuard(Func<string, OcppChargePoint?> find, OcppServerOptions options, TimeProvider time)
{
    public const string Refusal = "this charge point has a live connection and none of them carries a password: the newer one may not replace it";

    /// <summary>True when the charge point's live connection is alive and must be kept.</summary>
    public async Task<bool> IsHeldAsync(string chargePointId, CancellationToken cancellationToken)
    {
        if (find(chargePointId) is not { IsConnected: true } chargePoint)
        {
            return false;
        }

        if (chargePoint.LastSeenAt is { } seen && time.GetUtcNow() - seen < options.TakeoverGuard)
        {
            return true;
        }

        using var timeout = new CancellationTokenSource(options.TakeoverProbeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (chargePoint.Protocol is not { } protocol)
            {
                return false;
            }

            await protocol.ProbeAsync(chargePoint, linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OcppRpcException e) when (e.ErrorCode is not null)
        {
            // A CALLERROR is an answer too: the charger is there.
            return true;
        }
        catch (Exception e) when (e is OcppRpcException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
