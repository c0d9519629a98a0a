using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Tests.Sessions;

/// <summary>A charger port that fails the test if anything reaches a charger: proves an operation refused or did its work before sending.</summary>
internal sealed class NoChargers : IChargerPort
{
    public bool Serves(string protocol) => throw new InvalidOperationException("nothing may be sent");

    public IChargerLink? Connected(string chargerId) => throw new InvalidOperationException("nothing may be sent");
}
