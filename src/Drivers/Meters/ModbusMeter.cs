using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Meters;

/// <summary>
/// A Modbus meter described by a template. <see cref="ReadAsync"/> reads the device once (in as few
/// block reads as the register map allows) and stamps the reading with the time it was taken; frozen
/// registers and failures are reported as <see cref="DeviceException"/>s and in <see cref="Health"/>.
/// Values a template does not give are derived where that is sound (phase power from V×I, total
/// power from the phases) and otherwise 0.
/// </summary>
/// <example>
/// <code>
/// var catalog = DeviceTemplateCatalog.LoadBuiltIn(logger);
/// await using var meter = ModbusMeter.Create("grid", catalog.Get("eastron-sdm630"), "10.0.0.50", 502, 1, TimeProvider.System, logger);
/// var reading = await meter.ReadAsync(ct);
/// </code>
/// </example>
public sealed partial class ModbusMeter : IMeter, IHasDeviceHealth, IAsyncDisposable
{
    private readonly ModbusClient _client;
    private readonly bool _ownsClient;
    private readonly byte _unitId;
    private readonly RegisterReadPlan _plan;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DeviceHealthTracker _health;
    private FrozenMeterRule _frozen = FrozenMeterRule.Start;
    private readonly SemaphoreSlim _readGate = new(1, 1);

    /// <summary>A meter on a shared client (several devices behind one gateway or on one bus).</summary>
    public ModbusMeter(
        string id, DeviceTemplate template, ModbusClient client, byte unitId, TimeProvider timeProvider, ILogger logger, ModbusDeviceOptions? options = null)
        : this(id, template, client, ownsClient: false, unitId, timeProvider, logger, options ?? ModbusDeviceOptions.ForMeter)
    {
    }

    private ModbusMeter(
        string id, DeviceTemplate template, ModbusClient client, bool ownsClient, byte unitId, TimeProvider timeProvider, ILogger logger, ModbusDeviceOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(template);
        if (template.Kind != DeviceKind.Meter)
        {
            throw new ArgumentException($"Template '{template.Id}' describes a {template.Kind}, not a meter.", nameof(template));
        }

        Id = id;
        Template = template;
        Options = options;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _ownsClient = ownsClient;
        _unitId = unitId;
        _plan = RegisterReadPlan.ForAll(template);
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _health = new DeviceHealthTracker(options.LostAfterFailures);
    }

    public string Id { get; }

    public DeviceTemplate Template { get; }

    public ModbusDeviceOptions Options { get; }

    public DeviceHealth Health => _health.Current;

    /// <summary>A meter with its own Modbus TCP connection to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static ModbusMeter Create(
        string id, DeviceTemplate template, string host, int port, byte unitId, TimeProvider timeProvider, ILogger logger, ModbusDeviceOptions? options = null)
    {
        options ??= ModbusDeviceOptions.ForMeter;
        var client = ModbusClient.Tcp(host, port, timeProvider, logger, options.Client);
        return new ModbusMeter(id, template, client, ownsClient: true, unitId, timeProvider, logger, options);
    }

    /// <summary>A poller that reads this meter every <see cref="ModbusDeviceOptions.PollPeriod"/>.</summary>
    public DevicePoller<MeterReading> CreatePoller() =>
        new(Id, ReadAsync, Options.PollPeriod, Options.EffectiveStaleAfter, _time, _logger);

    public async Task<MeterReading> ReadAsync(CancellationToken cancellationToken)
    {
        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = _time.GetTimestamp();
            var result = await _plan.ReadEachAsync(_client, _unitId, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            if (result.FailedEntirely)
            {
                var error = result.Failures[^1];
                _health.RecordFailure(now, error.Message);
                throw new DeviceException($"Meter {Id} ({Template.Id}) could not be read: {error.Message}", error);
            }

            var degraded = result.DegradedReason ?? Options.SlowReason(_time.GetElapsedTime(started));
            var snapshot = result.Snapshot;
            if (RegisterMeanings.Currents.Any(name => Template.Registers.ContainsKey(name) && snapshot.Value(name) is null))
            {
                // A current the template has but this read did not give (its block failed, or the device says "not
                // implemented") is unknown, never 0 A.
                _health.RecordAnswered(now, degraded);
                throw new DeviceException($"Meter {Id} ({Template.Id}) answered only in part, without its currents: {degraded}");
            }

            if (RegisterBounds.FirstProblem(snapshot) is { } impossible)
            {
                // One bad value makes the whole reading unknown: the others of the same read are suspect too.
                var reason = $"Meter {Id} ({Template.Id}): {impossible}";
                _health.RecordDegraded(now, reason);
                throw new DeviceException(reason + "; the reading is unknown.");
            }

            var reading = Decode(snapshot, now);
            _frozen = result.IsPartial ? _frozen : _frozen.Observe(reading);
            if (!result.IsPartial && _frozen.FrozenSince(now, Options.FrozenAfter) is { } since)
            {
                var reason = $"Meter {Id} values frozen since {since:O}";
                _health.RecordDegraded(now, reason);
                LogFrozen(_logger, Id, since);
                throw new DeviceException(reason + ": treated as unknown.");
            }

            _health.RecordAnswered(now, degraded);
            return reading;
        }
        finally
        {
            _readGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsClient)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }

        _readGate.Dispose();
    }

    private static MeterReading Decode(RegisterSnapshot snapshot, DateTimeOffset now)
    {
        var current = Phases(snapshot, RegisterMeanings.Currents) ?? PhaseValues.Zero;
        var voltage = Phases(snapshot, RegisterMeanings.Voltages) ?? PhaseValues.Zero;
        var power = Phases(snapshot, RegisterMeanings.Powers)
            ?? new PhaseValues(current.L1 * voltage.L1, current.L2 * voltage.L2, current.L3 * voltage.L3);
        var total = snapshot.Value(RegisterMeanings.TotalPower) ?? power.Sum;
        var energy = snapshot.Value(RegisterMeanings.ImportEnergy) ?? 0;
        return new MeterReading(now, current, voltage, power, total, energy);
    }

    private static PhaseValues? Phases(RegisterSnapshot snapshot, IReadOnlyList<string> names) =>
        snapshot.Value(names[0]) is { } l1 ? new PhaseValues(l1, snapshot.Value(names[1]) ?? 0, snapshot.Value(names[2]) ?? 0) : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meter {MeterId} values frozen since {Since}")]
    private static partial void LogFrozen(ILogger logger, string meterId, DateTimeOffset since);
}
