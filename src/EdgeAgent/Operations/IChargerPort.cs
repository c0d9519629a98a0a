namespace ChargeNet.EdgeAgent.Operations;

/// <summary>Where the operations reach the chargers that take commands (today: OCPP chargers through <see cref="OcppChargerPort"/>).</summary>
public interface IChargerPort
{
    /// <summary>Whether chargers of this protocol (a <c>chargers[].protocol</c> value) take commands through this port.</summary>
    bool Serves(string protocol);

    /// <summary>The charger if it is connected now; null when not.</summary>
    IChargerLink? Connected(string chargerId);
}
