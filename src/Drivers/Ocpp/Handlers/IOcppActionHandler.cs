using ChargeNet.Drivers.Ocpp.Framing;

namespace ChargeNet.Drivers.Ocpp.Handlers;

/// <summary>The central system's handler of one action a charge point sends.</summary>
public interface IOcppActionHandler
{
    string Action { get; }

    /// <summary>Answers a call whose payload has passed its schema.</summary>
    ValueTask<OcppFrame> HandleAsync(OcppCallContext context, CancellationToken cancellationToken);
}
