using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>
/// What the site decided about an idTag, with the terms of the session it admits: the cloud's
/// answer may carry a tariff and a budget (<c>maxCost</c> in the site's currency, <c>maxEnergyWh</c>)
/// that the session started with this idTag must keep to (docs/mqtt.md, authorize-result).
/// </summary>
/// <param name="Info">The OCPP answer.</param>
/// <param name="Source"><c>free</c>, <c>list</c>, <c>cache</c>, <c>cloud</c>, <c>offline</c> (the cloud did not answer in time) or <c>policy</c>.</param>
public sealed record EdgeAuthorization(IdTagInfo Info, string Source, string? Tariff = null, decimal? MaxCost = null, double? MaxEnergyWh = null);
