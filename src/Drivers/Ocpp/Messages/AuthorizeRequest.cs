namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>Authorize.req: may this idTag charge?</summary>
public sealed record AuthorizeRequest(
    string IdTag);
