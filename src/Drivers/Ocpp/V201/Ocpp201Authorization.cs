using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>An idToken's status for a 2.0.1 station, from the authorizer every version shares (its statuses keep their names in 2.0.1).</summary>
public static class Ocpp201Authorization
{
    public static async Task<IdTokenInfo> InfoAsync(OcppCallContext context, IdToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        if (token.Type == "NoAuthorization")
        {
            return new IdTokenInfo("Accepted"); // C01: a token of this type carries no identity to check
        }

        var info = await context.Services.Authorizer.AuthorizeAsync(context.ChargePoint.Id, token.Token, context.Now, cancellationToken).ConfigureAwait(false);
        return new IdTokenInfo(info.Status.ToString());
    }
}
