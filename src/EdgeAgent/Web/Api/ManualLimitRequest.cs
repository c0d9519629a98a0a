namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// The body of <c>POST /api/v1/chargers/{id}/limit</c>: <c>maxCurrentA</c> (0 pauses, else between the
/// charger's minCurrentA and maxCurrentA), <c>connectorId</c> (omit for every connector) and
/// <c>expiresAt</c> (omit for no expiry).
/// </summary>
public sealed record ManualLimitRequest(double? MaxCurrentA, int? ConnectorId, DateTimeOffset? ExpiresAt);
