using System.Text.Json.Serialization;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// The body of a charger action. <c>start</c>: idTag, connectorId (optional), maxCost and maxEnergyWh
/// (optional: a budget, docs/pricing.md "Budgets"), departureAt and energyWh (optional: the car's needs,
/// docs/load-balancing.md "Departure times"). <c>stop</c>:
/// connectorId or transactionId (a number or a string). <c>availability</c>: connectorId (0 = the whole
/// charger), operative. <c>reset</c>: type Soft or Hard, connectorId (optional: an OCPP 2.0.1 EVSE alone). <c>unlock</c>: connectorId.
/// <c>trigger</c>: message, connectorId (optional).
/// </summary>
public sealed record ChargerActionRequest(
    int? ConnectorId,
    string? IdTag,
    [property: JsonConverter(typeof(NumberOrStringJsonConverter))] string? TransactionId,
    bool? Operative,
    string? Type,
    decimal? MaxCost = null,
    decimal? MaxEnergyWh = null,
    string? Message = null,
    string? DepartureAt = null,
    decimal? EnergyWh = null);
