namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>AuthorizeRequest (OCPP 2.0.1, C01).</summary>
public sealed record AuthorizeRequest(IdToken IdToken);

/// <summary>AuthorizeResponse.</summary>
public sealed record AuthorizeResponse(IdTokenInfo IdTokenInfo);
