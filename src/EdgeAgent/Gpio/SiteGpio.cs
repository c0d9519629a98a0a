using System.Device.Gpio;
using ChargeNet.Drivers.Gpio;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>
/// The site's GPIO as the configuration describes it: the grid operator's curtailment input and the
/// emergency stop (debounced), the status LED and the fault relay. An input that is configured but
/// cannot be read counts as active: the safe reading of a contact we cannot see. The emergency stop
/// latches: once active, charging stays stopped after the button is released until someone
/// acknowledges it (page, REST, cloud command), also across restarts (the latch is kept in the store).
/// This is an operational stop, not a safety function:
/// the safety function is the contactor the button opens directly (docs/install.md).
/// </summary>
public sealed partial class SiteGpio : ISiteConstraintSource, IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the emergency stop's contact must read active to count: two samples.</summary>
    public static readonly TimeSpan StopAssertAfter = DebouncedGpioInput.SamplePeriod;

    /// <summary>How often GPIO that could not be opened is tried again.</summary>
    public static readonly TimeSpan ReopenAfter = TimeSpan.FromSeconds(10);

    private readonly GpioControllerProvider _provider;
    private readonly SiteEventLog _events;
    private readonly IEmergencyStopLatchStore _latch;
    private readonly TimeProvider _time;
    private readonly ILogger<SiteGpio> _logger;
    private readonly Lock _lock = new();
    private GpioController? _controller;
    private GpioSettings? _settings;
    private DebouncedGpioInput? _curtailment;
    private DebouncedGpioInput? _emergencyStop;
    private GpioOutput? _statusLed;
    private GpioOutput? _faultRelay;
    private string? _unavailable;
    private ITimer? _reopen;
    private bool _outageAnnounced;
    private bool _stopLatched;

    public SiteGpio(GpioControllerProvider provider, SiteConfigurationService configuration, SiteEventLog events, IEmergencyStopLatchStore latch, TimeProvider time, ILogger<SiteGpio> logger)
    {
        _provider = provider;
        _events = events;
        _latch = latch;
        _stopLatched = latch.IsLatched();
        _time = time;
        _logger = logger;
        configuration.Changed += applied => Apply(applied.Site);
        if (configuration.Current is { } current)
        {
            Apply(current.Site);
        }
    }

    /// <inheritdoc />
    public event Action? Changed;

    public SiteConstraints Current
    {
        get
        {
            lock (_lock)
            {
                if (_settings is null)
                {
                    return SiteConstraints.None;
                }

                var blind = _unavailable is not null;
                var curtailed = _settings.DsoCurtailment is not null && (blind || _curtailment?.IsActive == true);
                return new SiteConstraints
                {
                    EmergencyStop = _settings.EmergencyStop is not null && (blind || _stopLatched || _emergencyStop?.IsActive == true),
                    SiteCapKw = curtailed ? _settings.DsoCurtailment!.SiteLimitKw : null,
                    PerChargerCapKw = curtailed ? _settings.DsoCurtailment!.LimitPerChargerKw : null,
                };
            }
        }
    }

    /// <inheritdoc />
    public bool? EmergencyStopLatched => EmergencyStop is { Configured: true } stop ? stop.Latched : null;

    /// <summary>The emergency stop's input and latch.</summary>
    public EmergencyStopState EmergencyStop
    {
        get
        {
            lock (_lock)
            {
                var configured = _settings?.EmergencyStop is not null;
                return new EmergencyStopState(configured, configured && (_unavailable is not null || _emergencyStop?.IsActive == true), configured && _stopLatched);
            }
        }
    }

    /// <summary>Releases the emergency-stop latch, unless the input is still active; each release is a site event naming <paramref name="by"/>.</summary>
    public async Task<EmergencyStopAcknowledgement> AcknowledgeEmergencyStopAsync(string by, CancellationToken cancellationToken)
    {
        EmergencyStopAcknowledgement outcome;
        lock (_lock)
        {
            var state = new EmergencyStopState(_settings?.EmergencyStop is not null, _unavailable is not null || _emergencyStop?.IsActive == true, _stopLatched);
            outcome = !state.Latched ? EmergencyStopAcknowledgement.NotLatched
                : state.InputActive ? EmergencyStopAcknowledgement.StillActive
                : EmergencyStopAcknowledgement.Released;
            if (outcome == EmergencyStopAcknowledgement.Released)
            {
                SetLatched(false);
            }
        }

        if (outcome == EmergencyStopAcknowledgement.Released)
        {
            LogAcknowledged(by);
            await _events.RaiseAsync(EventSeverities.Warning, "gpio", "gpio.emergency-stop.acknowledged",
                $"{by} acknowledged the emergency stop; charging may resume", cancellationToken).ConfigureAwait(false);
            Changed?.Invoke();
        }

        return outcome;
    }

    /// <summary>Opens the pins <paramref name="site"/> names, closing those of the configuration before.</summary>
    public void Apply(SiteConfiguration site)
    {
        lock (_lock)
        {
            if (Equals(site.Gpio, _settings) && (_controller is not null || _unavailable is not null || site.Gpio is null))
            {
                return;
            }

            ClosePins();
            _reopen?.Dispose();
            _reopen = null;
            _settings = site.Gpio;
            if (_settings is null || !HasAnyPin(_settings))
            {
                if (_outageAnnounced)
                {
                    // No pin to read any more: the outage told of is over.
                    _outageAnnounced = false;
                    _ = _events.RaiseAsync(EventSeverities.Info, "gpio", "gpio.available", "no GPIO is configured any more", CancellationToken.None);
                }

                return;
            }

            Open(firstTry: true);
        }
    }

    /// <summary>Shows the loop's health: the LED toggles each healthy cycle; the relay closes on a fault.</summary>
    public void Indicate(bool healthyCycle, bool fault)
    {
        lock (_lock)
        {
            if (healthyCycle && _statusLed is { } led)
            {
                led.Set(!led.IsOn);
            }

            _faultRelay?.Set(fault);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _reopen?.Dispose();
            _reopen = null;
            ClosePins();
            _controller?.Dispose();
            _controller = null;
        }
    }

    // Under _lock. A controller or an input pin that cannot be opened (another process holds it; the chip is not there yet at
    // boot) leaves the inputs unread, so active, and is tried again every ReopenAfter: left for good, it held the site stopped or
    // curtailed until someone changed the configuration or restarted the daemon. Told once when lost and once when back.
    private bool Open(bool firstTry)
    {
        _controller ??= _provider.TryOpen(out _unavailable);
        if (_controller is null)
        {
            Unavailable(_unavailable ?? "unknown", firstTry);
            return false;
        }

        try
        {
            _curtailment = Input(_settings!.DsoCurtailment is { } c ? (c.Pin, c.ActiveLow) : null, "gpio.curtailment", "grid-operator curtailment");
            _emergencyStop = Input(_settings.EmergencyStop is { } e ? (e.Pin, e.ActiveLow) : null, "gpio.emergency-stop", "emergency stop", latches: true);
        }
#pragma warning disable CA1031 // A pin that cannot be opened (busy, beyond the chip, a driver that fails only here) is an input that cannot be read.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            // Unread, an input is active (the documented rule), never "not asserted": left null, a stop or a curtailment
            // that could not be opened counted as released, and at start the daemon failed to construct and restarted.
            ClosePins();
            Unavailable("an input pin cannot be opened: " + ex.Message, firstTry);
            return false;
        }

        _statusLed = Output(_settings.StatusLed, "status LED");
        _faultRelay = Output(_settings.FaultRelay, "fault relay");
        if (_outageAnnounced)
        {
            _outageAnnounced = false;
            LogAvailable();
            _ = _events.RaiseAsync(EventSeverities.Info, "gpio", "gpio.available", "the GPIO inputs can be read again", CancellationToken.None);
        }

        return true;
    }

    // Under _lock.
    private void Unavailable(string reason, bool firstTry)
    {
        _unavailable = reason;
        if (firstTry || !_outageAnnounced)
        {
            _outageAnnounced = true;
            LogUnavailable(reason);
            _ = _events.RaiseAsync(EventSeverities.Error, "gpio", "gpio.unavailable",
                $"the GPIO inputs cannot be read ({reason}); curtailment and emergency stop count as active", CancellationToken.None);
        }

        _reopen?.Dispose();
        _reopen = _time.CreateTimer(_ => Reopen(), null, ReopenAfter, Timeout.InfiniteTimeSpan);
    }

    private void Reopen()
    {
        lock (_lock)
        {
            if (_unavailable is null || _settings is null)
            {
                return; // configured anew meanwhile
            }

            ClosePins();
            if (!Open(firstTry: false))
            {
                return;
            }
        }

        Changed?.Invoke();
    }

    // Called under _lock (from Apply). The input's events come on its sampling thread, outside it.
    private DebouncedGpioInput? Input((int Pin, bool ActiveLow)? pin, string code, string what, bool latches = false)
    {
        if (pin is not { } p)
        {
            return null;
        }

        // The stop asserts on two samples in a row (a loose contact that opens for less than the debounce, again and again,
        // must still stop the site; a latched stop that noise set costs an acknowledgement, not a hazard); it is released, as
        // a curtailment both ways, only after the full debounce.
        var input = new DebouncedGpioInput(_controller!, p.Pin, p.ActiveLow, Debounce, _time, latches ? StopAssertAfter : null);
        input.Changed += active =>
        {
            if (active && latches)
            {
                Latch();
            }

            _ = _events.RaiseAsync(
                active ? EventSeverities.Warning : EventSeverities.Info,
                "gpio",
                active ? code + ".active" : code + ".cleared",
                active ? $"{what} is active (pin {p.Pin})" : $"{what} is released (pin {p.Pin}){(latches ? "; charging stays stopped until the stop is acknowledged" : "")}",
                CancellationToken.None);
            Changed?.Invoke();
        };
        input.ReadFailed += error =>
        {
            // The input turning active is told by Changed (raised next): a stop's alarm is the stop's.
            if (latches)
            {
                Latch();
            }

            RaiseReadFailed(code, what, p.Pin, error);
            Changed?.Invoke();
        };
        input.ReadRecovered += () =>
        {
            // Its state follows the debounce from here; a stop latched meanwhile stays latched until acknowledged.
            LogReadRecovered(p.Pin, what);
            _ = _events.RaiseAsync(EventSeverities.Info, "gpio", code + ".read-recovered", $"the {what} input (pin {p.Pin}) can be read again", CancellationToken.None);
        };
        if (input.InitialError is { } initial)
        {
            RaiseReadFailed(code, what, p.Pin, initial);
        }
        else if (input.IsActive)
        {
            _ = _events.RaiseAsync(EventSeverities.Warning, "gpio", code + ".active", $"{what} is active at start (pin {p.Pin})", CancellationToken.None);
        }

        if (latches && input.IsActive && SetLatched(true) && input.InitialError is not null)
        {
            RaiseStopLatchedUnread(code, what, p.Pin);
        }

        return input;
    }

    // The input is in the code, as in its other events: with one code for both, the fleet view closed a curtailment's failed read
    // when the stop's pin read again (the alarm key is source and code), and an operator had to read the text to know which wire.
    private void RaiseReadFailed(string code, string what, int pin, Exception error)
    {
        LogReadFailed(pin, what, error.Message);
        _ = _events.RaiseAsync(EventSeverities.Error, "gpio", code + ".read-failed",
            $"the {what} input (pin {pin}) cannot be read ({error.Message}); it counts as active", CancellationToken.None);
    }

    // A stop latched because its input cannot be read from the start (no Changed follows: it was never inactive) is a stop as any
    // other: its alarm is the stop's (closed by the acknowledgement), not only the read failure's, which closes when the pin reads
    // again while the site stays stopped.
    private void RaiseStopLatchedUnread(string code, string what, int pin) =>
        _ = _events.RaiseAsync(EventSeverities.Warning, "gpio", code + ".active",
            $"{what} counts as active: its input (pin {pin}) cannot be read; charging stays stopped until the stop is acknowledged", CancellationToken.None);

    // An output that cannot be opened is logged and left out: the LED and the relay show health, they never gate control.
    private GpioOutput? Output(GpioPinSettings? pin, string what)
    {
        if (pin is null)
        {
            return null;
        }

        try
        {
            return new GpioOutput(_controller!, pin.Pin, pin.ActiveLow);
        }
#pragma warning disable CA1031 // See Apply: a pin that cannot be opened.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            LogOutputUnavailable(pin.Pin, what, ex.Message);
            return null;
        }
    }

    private void Latch()
    {
        lock (_lock)
        {
            SetLatched(true);
        }
    }

    // Under _lock: memory first, then the stored flag, written only when it changes. A store that cannot take it (a full or
    // read-only card) is logged: saved first, its failure left the stop unlatched in memory — released with the button,
    // without the acknowledgement. Unsaved, a latch is lost at a restart only, a release is not (the stop comes back latched).
    // Whether it changed.
    private bool SetLatched(bool latched)
    {
        if (_stopLatched == latched)
        {
            return false;
        }

        _stopLatched = latched;
        try
        {
            _latch.Save(latched);
        }
#pragma warning disable CA1031 // The latch holds in memory whatever the store does.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            LogLatchNotSaved(latched, ex.Message);
        }

        return true;
    }

    private void ClosePins()
    {
        _curtailment?.Dispose();
        _emergencyStop?.Dispose();
        _statusLed?.Dispose();
        _faultRelay?.Dispose();
        _curtailment = _emergencyStop = null;
        _statusLed = _faultRelay = null;
        _unavailable = null;
    }

    private static bool HasAnyPin(GpioSettings gpio) =>
        gpio.DsoCurtailment is not null || gpio.EmergencyStop is not null || gpio.StatusLed is not null || gpio.FaultRelay is not null;

    [LoggerMessage(Level = LogLevel.Error, Message = "GPIO pin {Pin} ({What}) cannot be read: {Reason}; it counts as active")]
    private partial void LogReadFailed(int pin, string what, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The emergency stop's latch ({Latched}) could not be stored: {Reason}; it holds until the daemon restarts")]
    private partial void LogLatchNotSaved(bool latched, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Emergency stop acknowledged by {By}")]
    private partial void LogAcknowledged(string by);

    [LoggerMessage(Level = LogLevel.Error, Message = "GPIO output pin {Pin} ({What}) cannot be opened: {Reason}; it is left out")]
    private partial void LogOutputUnavailable(int pin, string what, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "GPIO pin {Pin} ({What}) can be read again")]
    private partial void LogReadRecovered(int pin, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "GPIO can be read again")]
    private partial void LogAvailable();

    [LoggerMessage(Level = LogLevel.Error, Message = "GPIO is unavailable ({Reason}); configured inputs count as active")]
    private partial void LogUnavailable(string reason);
}
