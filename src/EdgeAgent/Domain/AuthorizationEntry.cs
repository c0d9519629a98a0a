namespace ChargeNet.EdgeAgent.Domain;

/// <summary>One idTag in the local authorization list (OCPP 1.6 section 3.5).</summary>
/// <param name="IdTag">The token, at most 20 characters.</param>
/// <param name="Status">Accepted, Blocked, Expired or Invalid.</param>
/// <param name="ExpiryDate">When it stops being valid; null for never.</param>
/// <param name="ParentIdTag">A group token, when it has one.</param>
/// <param name="Tariff">The tariff its sessions pay (docs/pricing.md, "Which tariff"); null: the charger's, else the default.</param>
public sealed record AuthorizationEntry(string IdTag, string Status, DateTimeOffset? ExpiryDate, string? ParentIdTag, string? Tariff = null);
