namespace ChargeNet.Drivers.Ocpp.Transport;

/// <summary>One received message, or the end of the connection and why.</summary>
public readonly record struct OcppReceiveResult(ReadOnlyMemory<byte> Message, bool IsClosed, string? CloseReason)
{
    public static OcppReceiveResult Closed(string reason) => new(ReadOnlyMemory<byte>.Empty, true, reason);
}
