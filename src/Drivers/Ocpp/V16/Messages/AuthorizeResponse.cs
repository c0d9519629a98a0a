namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>Authorize.conf.</summary>
public sealed record AuthorizeResponse(
    IdTagInfo IdTagInfo);
