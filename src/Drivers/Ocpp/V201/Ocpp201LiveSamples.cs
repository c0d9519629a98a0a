using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V16;
using StoreForm = ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>Feeds meter values into an EVSE's live state with the reader every version shares, or drops them with the event 1.6 raises.</summary>
public static class Ocpp201LiveSamples
{
    public static async Task ApplyAsync(OcppCallContext context, int evseId, IReadOnlyList<StoreForm.MeterValue> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (values.Count == 0)
        {
            return;
        }

        if (OcppSampleReader.FindProblem(values) is { } problem)
        {
            await context.Services.PublishAsync("warning", context.ChargePoint.Id, "ocpp.meter-values-dropped", $"EVSE {evseId}: meter values dropped: {problem}", cancellationToken).ConfigureAwait(false);
            return;
        }

        var now = context.Now;
        context.ChargePoint.UpdateConnector(evseId, live => OcppSampleReader.Apply(live, values, now));
    }
}
