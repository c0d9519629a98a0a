using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Chargers;

/// <summary>
/// A Modbus charger described by a template. It reads each connector's state, currents, energy and
/// limit in force; writes current limits in the device's own unit and type (0 pauses); writes the
/// failsafe settings on every (re)connect; and keeps up the keep-alive the device expects (see
/// <see cref="ChargerKeepAlive"/>). It never decides a limit: the control loop does.
/// </summary>
/// <example>
/// <code>
/// await using var charger = ModbusCharger.Create("wb-02", catalog.Get("alfen-ng9xx"), "10.0.0.61", 502, 1, TimeProvider.System, logger);
/// var status = await charger.ReadStatusAsync(ct);
/// var result = await charger.SetCurrentLimitAsync(1, 10, ct);
/// </code>
/// </example>
public sealed partial class ModbusCharger : ICharger, IHasDeviceHealth, IAsyncDisposable
{
    private readonly ModbusClient _client;
    private readonly bool _ownsClient;
    private readonly ChargerDefinition _charger;
    private readonly IReadOnlyList<ChargerConnectorChannel> _connectors;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DeviceHealthTracker _health;
    private readonly ChargerKeepAlive? _keepAlive;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _failsafeWritten;
    private bool _failsafeFailing; // said once per run of failures, not with every limit

    /// <summary>A charger on a shared client (several devices behind one gateway or on one bus).</summary>
    public ModbusCharger(
        string id, DeviceTemplate template, ModbusClient client, byte unitId, TimeProvider timeProvider, ILogger logger,
        ModbusChargerSettings? settings = null, ModbusDeviceOptions? options = null)
        : this(id, template, client, ownsClient: false, unitId, timeProvider, logger, settings, options)
    {
    }

    private ModbusCharger(
        string id, DeviceTemplate template, ModbusClient client, bool ownsClient, byte unitId, TimeProvider timeProvider, ILogger logger,
        ModbusChargerSettings? settings, ModbusDeviceOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(template);
        Id = id;
        Template = template;
        _charger = template.Charger ?? throw new ArgumentException($"Template '{template.Id}' describes a {template.Kind}, not a charger.", nameof(template));
        Settings = settings ?? ModbusChargerSettings.Default;
        Options = options ?? ModbusDeviceOptions.ForCharger;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _ownsClient = ownsClient;
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _connectors = [.. _charger.Connectors.Select(c => new ChargerConnectorChannel(template, c, unitId))];
        _health = new DeviceHealthTracker(Options.LostAfterFailures);
        if (_charger.KeepAlive is { } keepAlive)
        {
            _keepAlive = new ChargerKeepAlive(this, keepAlive, timeProvider);
        }
    }

    public string Id { get; }

    public DeviceTemplate Template { get; }

    public ModbusChargerSettings Settings { get; }

    public ModbusDeviceOptions Options { get; }

    public DeviceHealth Health => _health.Current;

    /// <summary>A charger with its own Modbus TCP connection to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static ModbusCharger Create(
        string id, DeviceTemplate template, string host, int port, byte unitId, TimeProvider timeProvider, ILogger logger,
        ModbusChargerSettings? settings = null, ModbusDeviceOptions? options = null)
    {
        options ??= ModbusDeviceOptions.ForCharger;
        var client = ModbusClient.Tcp(host, port, timeProvider, logger, options.Client);
        return new ModbusCharger(id, template, client, ownsClient: true, unitId, timeProvider, logger, settings, options);
    }

    /// <summary>A poller that reads this charger every <see cref="ModbusDeviceOptions.PollPeriod"/>.</summary>
    public DevicePoller<ChargerStatus> CreatePoller() =>
        new(Id, ReadStatusAsync, Options.PollPeriod, Options.EffectiveStaleAfter, _time, _logger);

    public async Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = _time.GetTimestamp();
            await TryEnsureFailsafeAsync(cancellationToken).ConfigureAwait(false);
            var results = new List<RegisterReadResult>(_connectors.Count);
            foreach (var connector in _connectors)
            {
                results.Add(await connector.Plan.ReadEachAsync(_client, connector.UnitId, cancellationToken).ConfigureAwait(false));
            }

            var now = _time.GetUtcNow();
            if (results.All(r => r.FailedEntirely))
            {
                throw results[^1].Failures[^1];
            }

            var degraded = results.Select(r => r.DegradedReason).FirstOrDefault(r => r is not null) ?? Options.SlowReason(_time.GetElapsedTime(started));
            Succeeded(now, degraded);
            if (results.Any(r => r.Failures.Count > 0))
            {
                // A connector whose state is unknown cannot be reported: the whole status is unknown this time.
                throw new DeviceException($"Charger {Id} ({Template.Id}) answered only in part: {degraded}");
            }

            if (results.Select(r => RegisterBounds.FirstProblem(r.Snapshot)).FirstOrDefault(p => p is not null) is { } impossible)
            {
                var reason = $"Charger {Id} ({Template.Id}): {impossible}";
                _health.RecordDegraded(now, reason);
                throw new DeviceException(reason + "; its status is unknown this time.");
            }

            var connectors = _connectors.Zip(results, (connector, result) => connector.Decode(result.Snapshot, _charger, now)).ToList();
            return new ChargerStatus(Id, Online: true, connectors, now, LastContactAt: now);
        }
        catch (ModbusException ex)
        {
            Failed(ex);
            throw new DeviceException($"Charger {Id} ({Template.Id}) could not be read: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
    {
        var connector = _connectors.FirstOrDefault(c => c.ConnectorId == connectorId);
        if (connector is null)
        {
            return SetpointResult.Rejected($"Charger {Id} has no connector {connectorId}.");
        }

        if (!double.IsFinite(limitA) || limitA < 0)
        {
            return SetpointResult.Rejected($"{limitA} A is not a current limit.");
        }

        var limit = _charger.CurrentLimit;
        var pause = limitA < 0.05;
        if (!pause && limitA < limit.MinA)
        {
            return SetpointResult.Rejected($"{limitA:0.##} A is below the charger's minimum of {limit.MinA:0.##} A; send 0 to pause.");
        }

        var value = pause ? 0 : Math.Min(limitA, Math.Min(limit.MaxA, Settings.MaxCurrentA ?? double.MaxValue));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await TryEnsureFailsafeAsync(cancellationToken).ConfigureAwait(false);
            var written = await ApplyLimitAsync(connector, pause, value, cancellationToken).ConfigureAwait(false);
            Succeeded(_time.GetUtcNow());
            LogLimitSet(_logger, Id, connectorId, written);
            return SetpointResult.Accepted;
        }
        catch (ModbusExceptionResponseException ex) when (!ex.IsTransient)
        {
            // The device refuses the value itself (illegal address, value, function): not applied. A transient answer (busy,
            // acknowledge: "still applying it", a gateway that lost the device) may follow a timed-out attempt the device did
            // apply — a failed send below, whose limit may be in force (docs/devices.md, "How the drivers behave").
            return SetpointResult.Rejected($"Charger {Id} refused {value:0.##} A: {ex.Message}");
        }
        catch (ModbusException ex)
        {
            Failed(ex);
            return SetpointResult.Failed($"Charger {Id}: {ex.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsClient)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    /// <summary>Sends one round of keep-alive writes now (the timer calls this; tests may too).</summary>
    internal async Task SendKeepAliveAsync(KeepAliveDefinition keepAlive, bool toggleValue, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var connector in _connectors)
            {
                switch (keepAlive.Method)
                {
                    case KeepAliveMethod.RewriteLimit when connector.LastLimitA is { } last:
                        await WriteAsync(connector, _charger.CurrentLimit.Register, last, cancellationToken).ConfigureAwait(false);
                        break;
                    case KeepAliveMethod.ToggleBit:
                        await WriteAsync(connector, keepAlive.Register!, toggleValue ? 1 : 0, cancellationToken).ConfigureAwait(false);
                        break;
                    case KeepAliveMethod.Heartbeat:
                        await WriteAsync(connector, keepAlive.Register!, keepAlive.Value ?? 1, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (ModbusException ex)
        {
            Failed(ex);
            LogKeepAliveFailed(_logger, Id, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the limit, rounded down to the register's resolution (never up), and returns what was written.</summary>
    private async Task<double> ApplyLimitAsync(ChargerConnectorChannel connector, bool pause, double value, CancellationToken cancellationToken)
    {
        if (pause && !_charger.CurrentLimit.ZeroPauses)
        {
            await WriteAsync(connector, _charger.Pause!, cancellationToken).ConfigureAwait(false);
            connector.Paused = true;
        }
        else
        {
            // The new limit before the resume: resumed first, a charger whose limit write then fails would offer the limit it
            // held before the pause, which no limit of the loop's counts.
            value = await WriteAsync(connector, _charger.CurrentLimit.Register, value, cancellationToken, roundDown: true).ConfigureAwait(false);
            if (connector.Paused && _charger.Resume is { } resume)
            {
                await WriteAsync(connector, resume, cancellationToken).ConfigureAwait(false);
                connector.Paused = false;
            }
        }

        connector.LastLimitA = value;
        return value;
    }

    // The failsafe before the first read and limit, but never in their way: a failsafe write the device refuses (an exception
    // response: it answers, but not to that register or value) is logged and tried again with the next read or limit, which
    // goes out all the same — blocked, every read, cut and pause of this charger failed while its failsafe registers did. A
    // device that does not answer at all fails the read or limit as before.
    private async Task TryEnsureFailsafeAsync(CancellationToken cancellationToken)
    {
        if (_failsafeWritten)
        {
            return;
        }

        try
        {
            await EnsureFailsafeAsync(cancellationToken).ConfigureAwait(false);
            _failsafeFailing = false;
        }
        catch (ModbusExceptionResponseException ex)
        {
            if (!_failsafeFailing)
            {
                _failsafeFailing = true;
                LogFailsafeNotWritten(_logger, Id, ex.Message);
            }
        }
    }

    private async Task EnsureFailsafeAsync(CancellationToken cancellationToken)
    {
        if (_failsafeWritten)
        {
            return;
        }


        foreach (var connector in _connectors)
        {
            foreach (var write in _charger.Failsafe)
            {
                await WriteAsync(connector, write, cancellationToken).ConfigureAwait(false);
            }
        }

        _failsafeWritten = true;
        if (_charger.Failsafe.Count > 0)
        {
            LogFailsafeWritten(_logger, Id, FailsafeCurrentA, CommunicationTimeoutS);
        }
    }

    private double FailsafeCurrentA => Settings.FailsafeCurrentA ?? _charger.DefaultFailsafeCurrentA;

    private double CommunicationTimeoutS => Settings.CommunicationTimeoutS ?? _charger.KeepAlive?.TimeoutS ?? 60;

    private Task<double> WriteAsync(ChargerConnectorChannel connector, RegisterWrite write, CancellationToken cancellationToken)
    {
        var value = write.ValueFrom switch
        {
            ChargerSetting.FailsafeCurrentA => FailsafeCurrentA,
            ChargerSetting.CommunicationTimeoutS => CommunicationTimeoutS,
            _ => write.Value ?? 0,
        };

        // A failsafe current rounded down to the register's resolution, as every limit: never more than the loop counts it at.
        return WriteAsync(connector, write.Register, value, cancellationToken, roundDown: write.ValueFrom == ChargerSetting.FailsafeCurrentA);
    }

    private Task<double> WriteAsync(ChargerConnectorChannel connector, string register, double value, CancellationToken cancellationToken, bool roundDown = false) =>
        TemplateRegisterWriter.WriteAsync(_client, connector.UnitId, Template, register, value, connector.AddressOffset, cancellationToken, roundDown);

    private void Succeeded(DateTimeOffset now, string? degradedReason = null)
    {
        if (_health.RecordAnswered(now, degradedReason))
        {
            _keepAlive?.Start();
        }
    }

    private void Failed(ModbusException ex)
    {
        _health.RecordFailure(_time.GetUtcNow(), ex.Message);
        if (_health.Current.Connection == DeviceConnection.Lost)
        {
            // A device that comes back may have restarted with its defaults: configure it again.
            _failsafeWritten = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Charger {ChargerId} connector {ConnectorId} limit set to {LimitA} A")]
    private static partial void LogLimitSet(ILogger logger, string chargerId, int connectorId, double limitA);

    [LoggerMessage(Level = LogLevel.Information, Message = "Charger {ChargerId} failsafe written: {FailsafeCurrentA} A after {TimeoutS} s of silence")]
    private static partial void LogFailsafeWritten(ILogger logger, string chargerId, double failsafeCurrentA, double timeoutS);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charger {ChargerId} refused its failsafe settings (tried again with the next read or limit): {Reason}")]
    private static partial void LogFailsafeNotWritten(ILogger logger, string chargerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charger {ChargerId} keep-alive failed: {Reason}")]
    private static partial void LogKeepAliveFailed(ILogger logger, string chargerId, string reason);
}
