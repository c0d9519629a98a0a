namespace ChargeNet.Drivers.Ocpp.Transport;

/// <summary>The close a transport owes its peer once the receiver has let go of the connection (a WebSocket close code and reason).</summary>
public readonly record struct OcppCloseReply(int Code, string Reason);
