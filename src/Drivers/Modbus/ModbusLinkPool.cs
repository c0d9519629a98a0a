using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// One <see cref="ModbusClient"/> per endpoint, shared by every device behind it: several unit ids
/// behind one TCP gateway use one connection, and devices on one RS-485 bus take turns on one port
/// (a serial port cannot be opened twice). The pool owns the clients and closes them when disposed.
/// </summary>
/// <example>
/// <code>
/// await using var links = new ModbusLinkPool(TimeProvider.System, logger);
/// var client = links.GetClient(ModbusEndpoint.Serial("/dev/ttyUSB0", 19200));
/// var meter = new ModbusMeter("grid", template, client, 1, TimeProvider.System, logger);
/// </code>
/// </example>
public sealed class ModbusLinkPool : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ModbusEndpoint, Lazy<ModbusClient>> _clients = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ModbusClientOptions _options;

    public ModbusLinkPool(TimeProvider timeProvider, ILogger logger, ModbusClientOptions? options = null)
    {
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _options = options ?? ModbusClientOptions.Default;
    }

    /// <summary>The shared client for <paramref name="endpoint"/>, made on first use; it connects lazily.</summary>
    public ModbusClient GetClient(ModbusEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _clients.GetOrAdd(endpoint, e => new Lazy<ModbusClient>(() => Create(e))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            await client.Value.DisposeAsync().ConfigureAwait(false);
        }

        _clients.Clear();
    }

    private ModbusClient Create(ModbusEndpoint endpoint)
    {
        IModbusTransport transport = endpoint.Kind switch
        {
            ModbusLinkKind.Tcp => ModbusStreamTransport.Tcp(endpoint.Address, endpoint.Port, _time, _logger, _options),
            ModbusLinkKind.RtuOverTcp => ModbusStreamTransport.RtuOverTcp(endpoint.Address, endpoint.Port, _time, _logger, _options),
            _ => ModbusStreamTransport.Serial(new SerialConnector(endpoint.Address, endpoint.BaudRate, endpoint.Parity, endpoint.StopBits), _time, _logger, _options),
        };
        return new ModbusClient(transport, _options, _time, _logger);
    }
}
