namespace ChargeNet.Drivers.Modbus;

/// <summary>Carries one request to a unit and brings back its reply, one request at a time per link.</summary>
public interface IModbusTransport : IAsyncDisposable
{
    /// <summary>Where it talks to, for logs and errors.</summary>
    string Description { get; }

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="unitId"/> and returns the decoded reply.
    /// Throws a <see cref="ModbusException"/> subtype for every failure; never returns a reply meant
    /// for another request.
    /// </summary>
    Task<ModbusResponse> SendAsync(byte unitId, ModbusRequest request, TimeSpan timeout, CancellationToken cancellationToken);
}
