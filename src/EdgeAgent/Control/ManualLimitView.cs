using System.Text.Json.Serialization;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>A manual limit in force as the status shows it (the fields of <see cref="ManualLimit"/>).</summary>
/// <param name="SetBy">Who set it; null, and not in JSON, in the status read without a login (<c>web.publicStatus</c>): a user's name is not public.</param>
public sealed record ManualLimitView(
    string ChargerId,
    int? ConnectorId,
    double MaxCurrentA,
    DateTimeOffset SetAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SetBy,
    DateTimeOffset? ExpiresAt)
{
    public static IReadOnlyList<ManualLimitView> Of(IReadOnlyList<ManualLimit> limits) =>
        [.. limits.Select(l => new ManualLimitView(l.ChargerId, l.ConnectorId, l.MaxCurrentA, l.SetAt, l.SetBy, l.ExpiresAt))];
}
