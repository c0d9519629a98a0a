namespace ChargeNet.Drivers.Ocpp.Transport;

/// <summary>
/// One received message, or the end of the connection and why. An end may owe the peer a close
/// (<see cref="Reply"/>): the receiver sends it with <see cref="IOcppTransport.CloseAsync"/> once it
/// has let go of the connection, so a peer that reconnects as soon as it has its answer finds the
/// old connection gone.
/// </summary>
public readonly record struct OcppReceiveResult(ReadOnlyMemory<byte> Message, bool IsClosed, string? CloseReason, OcppCloseReply? Reply = null)
{
    public static OcppReceiveResult Closed(string reason, OcppCloseReply? reply = null) => new(ReadOnlyMemory<byte>.Empty, true, reason, reply);
}
