using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// Answers the upstream central system's CALLs for one charger (docs/upstream.md, "What goes
/// where"): its limits are kept and combined at the edge, a change of a key the edge depends on
/// is refused honestly, every other call reaches the charger (its transaction ids made the edge's)
/// and the charger's answer, or CALLERROR, goes back under the upstream's message id.
/// </summary>
internal sealed class OcppUpstreamCalls(OcppChargePoint chargePoint, OcppUpstreamLink link, OcppUpstreamRelay relay) : IOcppCallHandler
{
    public async ValueTask<OcppFrame> HandleAsync(OcppCall incoming, OcppAfterReply afterReply, CancellationToken cancellationToken)
    {
        var rules = link.Rules;
        if (rules.KeptAtTheEdge.Contains(incoming.Action))
        {
            return await relay.LimitsOf(chargePoint).HandleAsync(incoming, afterReply, link, cancellationToken).ConfigureAwait(false);
        }

        if (rules.ProtectedKeyChangedBy(incoming.Action, incoming.Payload) is { } key)
        {
            await relay.PublishAsync("info", chargePoint.Id, "upstream.key-protected", $"the upstream's change of {key} was refused: the edge depends on it").ConfigureAwait(false);
            return new OcppCallResult(incoming.MessageId, rules.RefusedChange(incoming.Action, incoming.Payload));
        }

        var payload = incoming.Payload;
        if (rules.StartWithoutProfile(incoming.Action, payload) is { } withoutProfile)
        {
            payload = withoutProfile;
            await relay.PublishAsync("info", chargePoint.Id, "upstream.start-profile-dropped",
                $"the upstream's {incoming.Action} carried a charging profile; the charger is sent the start without it: the edge sets its limits").ConfigureAwait(false);
        }

        if (rules.UpstreamTransactionNamedBy(incoming.Action, payload) is { } upstreamTransaction)
        {
            var edge = await relay.Outbox.EdgeTransactionIdAsync(chargePoint.Id, upstreamTransaction, cancellationToken).ConfigureAwait(false);
            payload = rules.ToCharger(incoming.Action, payload, _ => edge);
        }

        try
        {
            return new OcppCallResult(incoming.MessageId, await chargePoint.CallAsync(incoming.Action, payload, cancellationToken).ConfigureAwait(false));
        }
        catch (OcppRpcException e)
        {
            // The charger's own CALLERROR as it gave it; otherwise (not connected, no answer) the edge's.
            return new OcppCallError(incoming.MessageId, e.ErrorCode ?? OcppErrorCode.GenericError, e.Message);
        }
    }
}
