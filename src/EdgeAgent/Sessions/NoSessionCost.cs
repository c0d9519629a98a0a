using SessionCost = ChargeNet.EdgeAgent.Pricing.SessionCost;
namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>A site without pricing: sessions carry no tariff and no cost.</summary>
public sealed class NoSessionCost : ISessionCostSource
{
    public static readonly NoSessionCost Instance = new();

    public Task<string?> TariffForAsync(string chargerId, int connectorId, string? idTag, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public SessionCost? CostOf(ChargingSession session, DateTimeOffset asOf) => null;
}
