using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>
/// Decides whether an idTag may charge (Authorize, StartTransaction, StopTransaction): the local
/// authorization list, the authorization cache and the policy for unknown tags. Works without
/// the cloud.
/// </summary>
public interface IOcppAuthorizer
{
    /// <summary>The idTag's status for this charge point, at <paramref name="now"/>.</summary>
    Task<IdTagInfo> AuthorizeAsync(string chargePointId, string idTag, DateTimeOffset now, CancellationToken cancellationToken);
}
