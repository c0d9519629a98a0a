using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// Authorize (OCPP 2.0.1, C01): the same list, cache and unknown-tag rules as 1.6 (the authorizer port); an accepted
/// token gets the driver's price where the station shows tariffs (I01, <see cref="Ocpp201CostDisplay"/>).
/// </summary>
public sealed class AuthorizeHandler(Ocpp201Stations stations)
    : OcppActionHandler<AuthorizeRequest, AuthorizeResponse>(Ocpp201Action.Authorize, Ocpp201JsonContext.Default.AuthorizeRequest, Ocpp201JsonContext.Default.AuthorizeResponse)
{
    protected override async Task<AuthorizeResponse> HandleAsync(OcppCallContext context, AuthorizeRequest request, CancellationToken cancellationToken)
    {
        var info = await Ocpp201Authorization.InfoAsync(context, request.IdToken, cancellationToken).ConfigureAwait(false);
        return new(await Ocpp201CostDisplay.WithPriceAsync(context, stations.Get(context.ChargePoint.Id), info, request.IdToken, null, cancellationToken).ConfigureAwait(false));
    }
}
