namespace ChargeNet.Drivers.Ocpp.Rpc;

/// <summary>Limits of one RPC connection.</summary>
public sealed record OcppRpcOptions
{
    /// <summary>How long a CALL waits for its reply.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many incoming CALLs may wait to be handled before the connection stops reading (back-pressure, not loss).</summary>
    public int IncomingQueueLength { get; init; } = 256;

    /// <summary>How many answered message ids are remembered to answer a repeated CALL again.</summary>
    public int RepliesRemembered { get; init; } = 256;
}
