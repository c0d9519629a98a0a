namespace ChargeNet.EdgeAgent.Domain;

/// <summary>One idTag in the local authorization list (OCPP 1.6 section 3.5).</summary>
/// <param name="IdTag">The token, at most 20 characters.</param>
/// <param name="Status">Accepted, Blocked, Expired or Invalid.</param>
/// <param name="ExpiryDate">When it stops being valid; null for never.</param>
/// <param name="ParentIdTag">A group token, when it has one.</param>
public sealed record AuthorizationEntry(string IdTag, string Status, DateTimeOffset? ExpiryDate, string? ParentIdTag);
