using System.Collections.Concurrent;
using System.IO.Ports;
using ChargeNet.Drivers.Modbus;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Simulation.Modbus;

/// <summary>
/// An in-process Modbus RTU server on a serial port (in tests and benchmarks, one side of a socat pty
/// pair): the simulated devices of one RS-485 bus. A frame with a bad CRC is dropped, as a real device
/// drops it; a frame for an address nobody serves gets no answer; address 0 (broadcast) is executed
/// without an answer. A pty has no baud rate, so <see cref="EmulateLineSpeed"/> makes each answer take
/// the time request and reply would take on a real line.
/// </summary>
public sealed partial class ModbusRtuServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<byte, IModbusServerUnit> _units = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _portName;
    private readonly int _baudRate;
    private readonly Parity _parity;
    private readonly ILogger _logger;
    private SerialPort? _port;
    private Task? _loop;

    public ModbusRtuServer(string portName, int baudRate, ILogger logger, Parity parity = Parity.None)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portName);
        _portName = portName;
        _baudRate = baudRate;
        _parity = parity;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Delay each answer by the transmission time of request and reply at the baud rate.</summary>
    public bool EmulateLineSpeed { get; init; }

    public void AddUnit(byte unitId, IModbusServerUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (unitId == 0 || !_units.TryAdd(unitId, unit))
        {
            throw new ArgumentException($"Unit id {unitId} is broadcast or already served.", nameof(unitId));
        }
    }

    public void Start()
    {
        if (_port is not null)
        {
            return;
        }

        _port = new SerialPort(_portName, _baudRate, _parity, 8, _parity == Parity.None ? StopBits.Two : StopBits.One);
        _port.Open();
        _loop = ServeAsync(_port.BaseStream, _stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _port?.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task ServeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[RtuFrame.MaxLength * 2];
        var reply = new byte[RtuFrame.MaxLength];
        var received = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var status = RtuFrame.TryDecodeRequest(buffer.AsSpan(0, received), out var frame, out var problem);
                if (status == FrameStatus.Invalid || received == buffer.Length)
                {
                    // Out of step with the line: drop what we have and wait for the next frame.
                    LogDropped(_logger, problem ?? "buffer full");
                    received = 0;
                    continue;
                }

                if (status == FrameStatus.Complete)
                {
                    var length = Answer(buffer.AsSpan(0, frame.Length), frame, reply);
                    var requestLength = frame.Length;
                    received = 0;
                    if (length > 0)
                    {
                        if (EmulateLineSpeed)
                        {
                            await Task.Delay(RtuTiming.TransmissionTime(requestLength + length, _baudRate) + RtuTiming.SilentInterval(_baudRate), cancellationToken)
                                .ConfigureAwait(false);
                        }

                        await stream.WriteAsync(reply.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(received), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                received += read;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopping, or the line went away.
        }
    }

    private int Answer(ReadOnlySpan<byte> adu, ModbusFrame frame, Span<byte> reply)
    {
        var broadcast = frame.UnitId == 0;
        if (!broadcast && !_units.ContainsKey(frame.UnitId))
        {
            return 0;
        }

        Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
        if (broadcast)
        {
            foreach (var unit in _units.Values)
            {
                ModbusServerDispatcher.Dispatch(unit, adu.Slice(frame.PduOffset, frame.PduLength), pdu, _logger);
            }

            return 0;
        }

        var pduLength = ModbusServerDispatcher.Dispatch(_units[frame.UnitId], adu.Slice(frame.PduOffset, frame.PduLength), pdu, _logger);
        return RtuFrame.Encode(reply, frame.UnitId, pdu[..pduLength]);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated RTU server dropped bytes: {Problem}")]
    private static partial void LogDropped(ILogger logger, string problem);
}
