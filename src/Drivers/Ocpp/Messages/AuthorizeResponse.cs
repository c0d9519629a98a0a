namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>Authorize.conf.</summary>
public sealed record AuthorizeResponse(
    IdTagInfo IdTagInfo);
