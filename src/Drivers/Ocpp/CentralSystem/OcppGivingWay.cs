using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// An ask the edge makes of its own accord after a reconnect, sent so that it gives way to every other call — a limit above all
/// (<see cref="OcppCallTurns"/>; docs/ocpp.md, "After a restart of the edge") — and asked again once the call it gave way to is
/// through, <see cref="Tries"/> times in all; then it fails as unanswered (<see cref="OcppRpcException.GaveWay"/>).
/// </summary>
public static class OcppGivingWay
{
    /// <summary>How often one ask goes when it keeps giving way.</summary>
    public const int Tries = 3;

    /// <summary>Runs <paramref name="ask"/> (a call with <c>givesWay</c>) until it is not given up for another call, or <see cref="Tries"/> times.</summary>
    public static async Task<T> AskAsync<T>(OcppChargePoint chargePoint, Func<Task<T>> ask)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        ArgumentNullException.ThrowIfNull(ask);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ask().ConfigureAwait(false);
            }
            catch (OcppRpcException e) when (e.GaveWay && attempt < Tries && chargePoint.IsConnected)
            {
                // Given up for another call, nobody's refusal: it goes again behind that one.
            }
        }
    }
}
