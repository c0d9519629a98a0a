using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.Handlers;

/// <summary>Authorize: local list, then cache, then the policy for unknown tags.</summary>
public sealed class AuthorizeHandler()
    : OcppActionHandler<AuthorizeRequest, AuthorizeResponse>(OcppAction.Authorize, OcppJsonContext.Default.AuthorizeRequest, OcppJsonContext.Default.AuthorizeResponse)
{
    protected override async Task<AuthorizeResponse> HandleAsync(OcppCallContext context, AuthorizeRequest request, CancellationToken cancellationToken) =>
        new(await context.Services.Authorizer.AuthorizeAsync(context.ChargePoint.Id, request.IdTag, context.Now, cancellationToken).ConfigureAwait(false));
}
