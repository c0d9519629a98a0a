namespace ChargeNet.Drivers.Ocpp.Rpc;

/// <summary>
/// A CALL we sent did not succeed: the peer answered with a CALLERROR (<see cref="ErrorCode"/> set),
/// its answer broke the schema, the call timed out, or the connection went away.
/// </summary>
public sealed class OcppRpcException : Exception
{
    public OcppRpcException()
    {
    }

    public OcppRpcException(string message)
        : base(message)
    {
    }

    public OcppRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OcppRpcException(string errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The CALLERROR code, when the peer sent one or its answer broke the schema.</summary>
    public string? ErrorCode { get; }

    /// <summary>A call that gives way was given up (or not sent) for another call (<see cref="OcppCallTurns"/>): nobody refused it.</summary>
    public bool GaveWay { get; init; }
}
