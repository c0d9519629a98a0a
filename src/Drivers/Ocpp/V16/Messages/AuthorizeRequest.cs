namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>Authorize.req: may this idTag charge?</summary>
public sealed record AuthorizeRequest(
    string IdTag);
