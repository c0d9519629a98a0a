namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>The charger's answer to an action (OCPP status, e.g. Accepted or Scheduled).</summary>
public sealed record ChargerActionResult(string ChargerId, string Action, string Status);
