using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// A Modbus client (master) over any transport: one method per function code, each with a unit id, so
/// several devices behind one gateway or on one bus share a client. Transient failures (timeouts,
/// garbled replies, busy, gateway errors, a broken connection) are retried with a doubling delay; an
/// exception response that will not change (illegal address, …) is thrown at once.
/// </summary>
/// <example>
/// <code>
/// await using var client = ModbusClient.Tcp("10.0.0.50", 502, TimeProvider.System, logger);
/// var registers = await client.ReadInputRegistersAsync(1, 0, 12, ct);
/// </code>
/// </example>
public sealed partial class ModbusClient : IAsyncDisposable
{
    private readonly IModbusTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ModbusClient(IModbusTransport transport, ModbusClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public ModbusClientOptions Options { get; }

    public string Description => _transport.Description;

    /// <summary>A Modbus TCP client with default options.</summary>
    public static ModbusClient Tcp(string host, int port, TimeProvider timeProvider, ILogger logger, ModbusClientOptions? options = null)
    {
        options ??= ModbusClientOptions.Default;
        return new(ModbusStreamTransport.Tcp(host, port, timeProvider, logger, options), options, timeProvider, logger);
    }

    public async Task<bool[]> ReadCoilsAsync(byte unitId, ushort address, int quantity, CancellationToken cancellationToken) =>
        [.. (await SendAsync(unitId, ModbusRequest.ReadCoils(address, quantity), cancellationToken).ConfigureAwait(false)).Bits];

    public async Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort address, int quantity, CancellationToken cancellationToken) =>
        [.. (await SendAsync(unitId, ModbusRequest.ReadDiscreteInputs(address, quantity), cancellationToken).ConfigureAwait(false)).Bits];

    public async Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, int quantity, CancellationToken cancellationToken) =>
        [.. (await SendAsync(unitId, ModbusRequest.ReadHoldingRegisters(address, quantity), cancellationToken).ConfigureAwait(false)).Registers];

    public async Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort address, int quantity, CancellationToken cancellationToken) =>
        [.. (await SendAsync(unitId, ModbusRequest.ReadInputRegisters(address, quantity), cancellationToken).ConfigureAwait(false)).Registers];

    public Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken) =>
        SendAsync(unitId, ModbusRequest.WriteSingleCoil(address, value), cancellationToken);

    public Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken) =>
        SendAsync(unitId, ModbusRequest.WriteSingleRegister(address, value), cancellationToken);

    public Task WriteMultipleCoilsAsync(byte unitId, ushort address, IReadOnlyList<bool> values, CancellationToken cancellationToken) =>
        SendAsync(unitId, ModbusRequest.WriteMultipleCoils(address, values), cancellationToken);

    public Task WriteMultipleRegistersAsync(byte unitId, ushort address, IReadOnlyList<ushort> values, CancellationToken cancellationToken) =>
        SendAsync(unitId, ModbusRequest.WriteMultipleRegisters(address, values), cancellationToken);

    public async Task<ushort[]> ReadWriteMultipleRegistersAsync(
        byte unitId, ushort readAddress, int readQuantity, ushort writeAddress, IReadOnlyList<ushort> values, CancellationToken cancellationToken) =>
        [.. (await SendAsync(unitId, ModbusRequest.ReadWriteMultipleRegisters(readAddress, readQuantity, writeAddress, values), cancellationToken)
            .ConfigureAwait(false)).Registers];

    /// <summary>Sends any request, with the retries of <see cref="Options"/>.</summary>
    public Task<ModbusResponse> SendAsync(byte unitId, ModbusRequest request, CancellationToken cancellationToken) =>
        SendAsync(unitId, request, tally: null, cancellationToken);

    /// <summary>Sends any request, with the retries of <see cref="Options"/>, each counted in <paramref name="tally"/>.</summary>
    public async Task<ModbusResponse> SendAsync(byte unitId, ModbusRequest request, ModbusRetryTally? tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var delay = Options.RetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _transport.SendAsync(unitId, request, Options.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (ModbusException ex) when (ex.IsTransient && attempt < Options.Retries)
            {
                LogRetry(_logger, _transport.Description, unitId, request, attempt + 1, ex.Message);
                tally?.Add(ex.Message);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay += delay;
            }
        }
    }

    public ValueTask DisposeAsync() => _transport.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Modbus {Link} unit {UnitId}: {Request} failed, retry {Attempt}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string link, byte unitId, ModbusRequest request, int attempt, string reason);
}
