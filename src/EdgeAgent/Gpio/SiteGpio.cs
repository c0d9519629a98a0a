using System.Device.Gpio;
using ChargeNet.Drivers.Gpio;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>
/// The site's GPIO as the configuration describes it: the grid operator's curtailment input and the
/// emergency stop (debounced), the status LED and the fault relay. An input that is configured but
/// cannot be read counts as active: the safe reading of a contact we cannot see.
/// </summary>
public sealed partial class SiteGpio : ISiteConstraintSource, IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(100);

    private readonly GpioControllerProvider _provider;
    private readonly SiteEventLog _events;
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

    public SiteGpio(GpioControllerProvider provider, SiteConfigurationService configuration, SiteEventLog events, TimeProvider time, ILogger<SiteGpio> logger)
    {
        _provider = provider;
        _events = events;
        _time = time;
        _logger = logger;
        configuration.Changed += applied => Apply(applied.Site);
        if (configuration.Current is { } current)
        {
            Apply(current.Site);
        }
    }

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
                    EmergencyStop = _settings.EmergencyStop is not null && (blind || _emergencyStop?.IsActive == true),
                    SiteCapKw = curtailed ? _settings.DsoCurtailment!.SiteLimitKw : null,
                    PerChargerCapKw = curtailed ? _settings.DsoCurtailment!.LimitPerChargerKw : null,
                };
            }
        }
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
            _settings = site.Gpio;
            if (_settings is null || !HasAnyPin(_settings))
            {
                return;
            }

            _controller ??= _provider.TryOpen(out _unavailable);
            if (_controller is null)
            {
                LogUnavailable(_unavailable ?? "unknown");
                _ = _events.RaiseAsync(EventSeverities.Error, "gpio", "gpio.unavailable",
                    $"the GPIO inputs cannot be read ({_unavailable}); curtailment and emergency stop count as active", CancellationToken.None);
                return;
            }

            _curtailment = Input(_settings.DsoCurtailment is { } c ? (c.Pin, c.ActiveLow) : null, "gpio.curtailment", "grid-operator curtailment");
            _emergencyStop = Input(_settings.EmergencyStop is { } e ? (e.Pin, e.ActiveLow) : null, "gpio.emergency-stop", "emergency stop");
            _statusLed = _settings.StatusLed is { } led ? new GpioOutput(_controller, led.Pin, led.ActiveLow) : null;
            _faultRelay = _settings.FaultRelay is { } relay ? new GpioOutput(_controller, relay.Pin, relay.ActiveLow) : null;
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
            ClosePins();
            _controller?.Dispose();
            _controller = null;
        }
    }

    private DebouncedGpioInput? Input((int Pin, bool ActiveLow)? pin, string code, string what)
    {
        if (pin is not { } p)
        {
            return null;
        }

        var input = new DebouncedGpioInput(_controller!, p.Pin, p.ActiveLow, Debounce, _time);
        input.Changed += active => _ = _events.RaiseAsync(
            active ? EventSeverities.Warning : EventSeverities.Info,
            "gpio",
            active ? code + ".active" : code + ".cleared",
            active ? $"{what} is active (pin {p.Pin})" : $"{what} is lifted (pin {p.Pin})",
            CancellationToken.None);
        if (input.IsActive)
        {
            _ = _events.RaiseAsync(EventSeverities.Warning, "gpio", code + ".active", $"{what} is active at start (pin {p.Pin})", CancellationToken.None);
        }

        return input;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "GPIO is unavailable ({Reason}); configured inputs count as active")]
    private partial void LogUnavailable(string reason);
}
