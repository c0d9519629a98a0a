namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>What happens to an idTag that neither the local list nor the cache knows.</summary>
public enum OcppUnknownTagPolicy
{
    /// <summary>Any tag may charge (a private garage, free charging).</summary>
    AcceptAll,

    /// <summary>Only tags on the local list (or in the cache) may charge.</summary>
    AcceptKnownOnly,
}
