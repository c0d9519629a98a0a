namespace ChargeNet.EdgeAgent.Ocpp.CostDisplay;

/// <summary>One California Pricing message for one charger.</summary>
/// <param name="MessageId">SetUserPrice, RunningCost or FinalCost.</param>
/// <param name="Data">The message's JSON text (DataTransfer <c>data</c>).</param>
public sealed record CostDisplayMessage(string ChargerId, string MessageId, string Data);
