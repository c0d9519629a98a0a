namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>One entry of a local authorization list (OCPP 1.6, section 7).</summary>
public sealed record AuthorizationData(
    string IdTag,
    IdTagInfo? IdTagInfo = null);
