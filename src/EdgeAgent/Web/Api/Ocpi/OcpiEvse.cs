namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>An OCPI EVSE: <c>uid</c> = <c>{chargerId}-{connectorId}</c>, its live status and its connector.</summary>
public sealed record OcpiEvse(string Uid, string Status, IReadOnlyList<OcpiConnector> Connectors, DateTimeOffset LastUpdated);
