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
        return Info(info.Status.ToString(), info.ExpiryDate, info.ParentIdTag);
    }

    /// <summary>
    /// The 2.0.1 form of what the edge knows of a token: 1.6's expiryDate is 2.0.1's cacheExpiryDateTime (both: after it the
    /// token is to be considered invalid), and 1.6's parentIdTag the groupIdToken (C09.FR.02: tokens of one group share it).
    /// The group is the edge's own identifier, not a card: type Central.
    /// </summary>
    public static IdTokenInfo Info(string status, DateTimeOffset? expiry, string? parentIdTag) =>
        new(status, expiry, parentIdTag is { Length: > 0 } group ? new IdToken(group, GroupTokenType) : null);

    /// <summary>The type of a groupIdToken the edge gives (IdTokenEnumType).</summary>
    public const string GroupTokenType = "Central";
}
