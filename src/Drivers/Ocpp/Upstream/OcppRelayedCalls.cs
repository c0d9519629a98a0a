using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// A relayed charger's CALLs (docs/upstream.md, "What goes where"): the edge handles each as it
/// would without an upstream (sessions, limits, its own ids), then the upstream gets it — queued
/// for the ones it must get even after an outage, asked live for the rest — and the charger gets
/// the edge's answer with the upstream's verdict when that came within the answer timeout.
/// A call the edge refuses does not go upstream.
/// </summary>
internal sealed class OcppRelayedCalls(OcppChargePoint chargePoint, IOcppCallHandler local, OcppUpstreamLink link) : IOcppCallHandler
{
    public OcppUpstreamLink Link => link;

    public async ValueTask<OcppFrame> HandleAsync(OcppCall incoming, OcppAfterReply afterReply, CancellationToken cancellationToken)
    {
        var answer = await local.HandleAsync(incoming, afterReply, cancellationToken).ConfigureAwait(false);
        if (answer is not OcppCallResult result)
        {
            return answer;
        }

        var rules = link.Rules;
        System.Text.Json.JsonElement? upstream = null;
        if (rules.Queued.Contains(incoming.Action))
        {
            var edgeTransaction = rules.EdgeTransactionOf(incoming.Action, incoming.Payload, result.Payload);
            var key = rules.SentAgainWhenUnanswered.Contains(incoming.Action) ? OcppCallContext.KeyOf(chargePoint.Id, incoming) : Guid.NewGuid().ToString("N");
            upstream = await link.QueueAsync(incoming.Action, incoming.Payload, edgeTransaction, key, cancellationToken).ConfigureAwait(false);
        }
        else if (rules.Live.Contains(incoming.Action))
        {
            upstream = await link.CallLiveAsync(incoming.Action, incoming.Payload, cancellationToken).ConfigureAwait(false);
        }

        return upstream is { } given ? result with { Payload = rules.Merge(incoming.Action, result.Payload, given) } : result;
    }
}
