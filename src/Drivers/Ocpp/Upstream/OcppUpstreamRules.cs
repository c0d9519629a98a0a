using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>How one OCPP version's messages go through the relay (docs/upstream.md, "What goes where").</summary>
public abstract class OcppUpstreamRules
{
    /// <summary>The charger's calls the upstream must get even when it is down: queued, delivered in order.</summary>
    public abstract IReadOnlySet<string> Queued { get; }

    /// <summary>
    /// The queued calls a charger sends again, the same to the byte, when it missed the answer (its own
    /// offline queue): queued once. Others (a boot, a status) may repeat for real and are each queued.
    /// </summary>
    public abstract IReadOnlySet<string> SentAgainWhenUnanswered { get; }

    /// <summary>The charger's calls asked of the upstream only while it is up (an answer later would mean nothing).</summary>
    public abstract IReadOnlySet<string> Live { get; }

    /// <summary>The upstream's calls the relay answers itself, not the charger (its limits; <see cref="OcppUpstreamCalls"/>).</summary>
    public abstract IReadOnlySet<string> KeptAtTheEdge { get; }

    /// <summary>The configuration keys the edge depends on: the upstream may read them, not change them.</summary>
    public abstract IReadOnlySet<string> ProtectedKeys { get; }

    public static OcppUpstreamRules For(OcppVersion version) => version switch
    {
        OcppVersion.V16 => OcppUpstream16Rules.Instance,
        _ => OcppUpstream201Rules.Instance,
    };

    /// <summary>The edge's id of the transaction a charger's call belongs to (from its request or the edge's answer), or null.</summary>
    public abstract string? EdgeTransactionOf(string action, JsonElement request, JsonElement localAnswer);

    /// <summary>The upstream's transaction id in its answer to a queued call, or null.</summary>
    public abstract string? UpstreamTransactionOf(string action, JsonElement answer);

    /// <summary>
    /// The payload to send upstream: the charger's, with the edge's transaction id replaced by the
    /// upstream's (<paramref name="upstreamTransaction"/>). Null when it cannot go (the upstream knows no such transaction).
    /// </summary>
    public abstract JsonElement? ToUpstream(OcppUpstreamMessage message, string? upstreamTransaction);

    /// <summary>The upstream's call with its transaction id replaced by the edge's (<paramref name="edgeTransaction"/>).</summary>
    public abstract JsonElement ToCharger(string action, JsonElement payload, Func<string, string?> edgeTransaction);

    /// <summary>The id of the upstream transaction an upstream call names, or null.</summary>
    public abstract string? UpstreamTransactionNamedBy(string action, JsonElement payload);

    /// <summary>A key the upstream's configuration call would change that the edge protects, or null.</summary>
    public abstract string? ProtectedKeyChangedBy(string action, JsonElement payload);

    /// <summary>The answer that refuses a change of a protected key, honestly (the key stays as it is).</summary>
    public abstract JsonElement RefusedChange(string action, JsonElement payload);

    /// <summary>
    /// What the charger gets: the edge's answer, with the upstream's authorization verdict (and for
    /// Authorize and DataTransfer its whole answer). The charger keeps the edge's transaction ids and
    /// heartbeat interval.
    /// </summary>
    public abstract JsonElement Merge(string action, JsonElement localAnswer, JsonElement upstreamAnswer);

    /// <summary>Whether the upstream's answer to a StartTransaction (or its version's) refused the idTag.</summary>
    public abstract bool RefusedStart(string action, JsonElement answer);

    /// <summary>
    /// The upstream's answer to a relayed BootNotification (the same shape in 1.6 and 2.0.1): its
    /// status and the interval it gave, after which a Pending or Rejected boot is sent again; null for another action.
    /// </summary>
    public static (string Status, TimeSpan Interval)? BootAnswer(string action, JsonElement answer) =>
        action == "BootNotification" && answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("status", out var status) && status.GetString() is { } given
            ? (given, TimeSpan.FromSeconds(answer.TryGetProperty("interval", out var interval) && interval.TryGetInt32(out var seconds) ? Math.Max(0, seconds) : 0))
            : null;

    /// <summary>
    /// The upstream's remote start without the charging profile it carries, or null when it carries none. The charger would apply
    /// that profile as a TxProfile for the transaction — over the edge's default profile whatever its stack level — and its car
    /// draw what the upstream allowed while the edge counts what it sent (docs/upstream.md, "Limits": the edge's limits stay in force).
    /// </summary>
    public JsonElement? StartWithoutProfile(string action, JsonElement payload) =>
        action == RemoteStart && payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(ChargingProfile, out _)
            ? WithProperty(payload, ChargingProfile, null)
            : null;

    /// <summary>The upstream's call that starts a transaction, with an optional <c>chargingProfile</c>.</summary>
    protected abstract string RemoteStart { get; }

    private const string ChargingProfile = "chargingProfile";

    /// <summary><paramref name="localAnswer"/> with the property <paramref name="name"/> taken from <paramref name="upstreamAnswer"/> when it has one.</summary>
    protected static JsonElement WithPropertyOf(JsonElement localAnswer, JsonElement upstreamAnswer, string name)
    {
        if (!upstreamAnswer.TryGetProperty(name, out var value))
        {
            return localAnswer;
        }

        var merged = JsonNode.Parse(localAnswer.GetRawText())!.AsObject();
        merged[name] = JsonNode.Parse(value.GetRawText());
        return JsonSerializer.SerializeToElement(merged);
    }

    /// <summary><paramref name="payload"/> with its top-level <paramref name="name"/> set to <paramref name="value"/> (removed when null).</summary>
    protected static JsonElement WithProperty(JsonElement payload, string name, JsonNode? value)
    {
        var copy = JsonNode.Parse(payload.GetRawText())!.AsObject();
        if (value is null)
        {
            copy.Remove(name);
        }
        else
        {
            copy[name] = value;
        }

        return JsonSerializer.SerializeToElement(copy);
    }
}
