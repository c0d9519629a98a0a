using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Devices;

/// <summary>
/// Keeps one driver per configured meter and charger, rebuilt when the configuration changes. A
/// device whose settings did not change keeps its driver (and its connection).
/// </summary>
public sealed partial class DeviceRegistry : IAsyncDisposable
{
    private readonly IReadOnlyList<IDeviceFactory> _factories;
    private readonly ILogger<DeviceRegistry> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (MeterSettings Settings, IMeter Driver)> _meters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ChargerSettings Settings, ICharger Driver)> _chargers = new(StringComparer.Ordinal);
    private DeviceSet _current = DeviceSet.Empty;

    public DeviceRegistry(IEnumerable<IDeviceFactory> factories, ILogger<DeviceRegistry> logger)
    {
        _factories = factories.ToList();
        _logger = logger;
    }

    public DeviceSet Current => Volatile.Read(ref _current);

    /// <summary>Builds the drivers for <paramref name="site"/>, reusing those whose settings are the same.</summary>
    public async Task ApplyAsync(SiteConfiguration site)
    {
        var retired = new List<object>();
        lock (_lock)
        {
            Reconcile(_meters, site.Meters, m => m.Id, m => Factory(f => f.CanCreate(m))?.Create(m, site), retired);
            Reconcile(_chargers, site.Chargers, c => c.Id, c => Factory(f => f.CanCreate(c))?.Create(c, site), retired);
            Volatile.Write(ref _current, new DeviceSet(
                _meters.ToDictionary(p => p.Key, p => p.Value.Driver, StringComparer.Ordinal),
                _chargers.ToDictionary(p => p.Key, p => p.Value.Driver, StringComparer.Ordinal)));
        }

        foreach (var driver in retired)
        {
            await DisposeDriverAsync(driver).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<object> all;
        lock (_lock)
        {
            all = [.. _meters.Values.Select(m => (object)m.Driver), .. _chargers.Values.Select(c => (object)c.Driver)];
            _meters.Clear();
            _chargers.Clear();
            _current = DeviceSet.Empty;
        }

        foreach (var driver in all)
        {
            await DisposeDriverAsync(driver).ConfigureAwait(false);
        }
    }

    private void Reconcile<TSettings, TDriver>(
        Dictionary<string, (TSettings Settings, TDriver Driver)> live,
        IReadOnlyList<TSettings> wanted,
        Func<TSettings, string> id,
        Func<TSettings, TDriver?> create,
        List<object> retired)
        where TSettings : notnull
        where TDriver : class
    {
        var wantedIds = wanted.Select(id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in live.Keys.Where(k => !wantedIds.Contains(k)).ToList())
        {
            retired.Add(live[gone].Driver);
            live.Remove(gone);
        }

        foreach (var settings in wanted)
        {
            var key = id(settings);
            if (live.TryGetValue(key, out var existing) && existing.Settings.Equals(settings))
            {
                continue;
            }

            if (existing.Driver is not null)
            {
                retired.Add(existing.Driver);
                live.Remove(key);
            }

            if (create(settings) is { } driver)
            {
                live[key] = (settings, driver);
            }
            else
            {
                LogNoDriver(key);
            }
        }
    }

    private IDeviceFactory? Factory(Func<IDeviceFactory, bool> canCreate) => _factories.FirstOrDefault(canCreate);

    private static async Task DisposeDriverAsync(object driver)
    {
        switch (driver)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No driver in this build can reach device {DeviceId}; it is left out until one can")]
    private partial void LogNoDriver(string deviceId);
}
