using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>The local authorization list: its version and its entries (OCPP 1.6 idTags).</summary>
public sealed record AuthorizationListDocument(int Version, IReadOnlyList<AuthorizationEntry>? Entries);
