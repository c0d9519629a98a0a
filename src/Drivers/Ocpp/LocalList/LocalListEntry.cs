namespace ChargeNet.Drivers.Ocpp.LocalList;

/// <summary>One entry of the edge's local authorization list, as every OCPP version gets it.</summary>
/// <param name="IdTag">The card or token id.</param>
/// <param name="Status">Accepted, Blocked, Expired or Invalid (anything else reads as Invalid).</param>
/// <param name="ExpiryDate">After it the entry answers Expired.</param>
/// <param name="ParentIdTag">The group it belongs to.</param>
public sealed record LocalListEntry(string IdTag, string Status, DateTimeOffset? ExpiryDate, string? ParentIdTag);
