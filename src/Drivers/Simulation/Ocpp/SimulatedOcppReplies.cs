using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChargeNet.Drivers.Ocpp.Framing;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>Reading a central system's call and writing the answer, for the simulated chargers of every version.</summary>
internal static class SimulatedOcppReplies
{
    public static T Read<T>(OcppCall incoming, JsonTypeInfo<T> type) =>
        incoming.Payload.Deserialize(type) ?? throw new JsonException($"{incoming.Action} payload is empty.");

    public static OcppCallResult Reply<T>(OcppCall incoming, T response, JsonTypeInfo<T> type) =>
        new(incoming.MessageId, JsonSerializer.SerializeToElement(response, type));
}
