namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// The body of a charger action. <c>start</c>: idTag, connectorId (optional). <c>stop</c>:
/// connectorId or transactionId. <c>availability</c>: connectorId (0 = the whole charger), operative.
/// <c>reset</c>: type Soft or Hard. <c>unlock</c>: connectorId.
/// </summary>
public sealed record ChargerActionRequest(int? ConnectorId, string? IdTag, int? TransactionId, bool? Operative, string? Type);
