namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>An OCPI Connector: plug, power and the tariffs that apply.</summary>
public sealed record OcpiConnector(
    string Id,
    string Standard,
    string Format,
    string PowerType,
    int MaxVoltage,
    int MaxAmperage,
    IReadOnlyList<string> TariffIds,
    DateTimeOffset LastUpdated);
