using System.Collections.Concurrent;
using System.Globalization;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>The configuration keys of a simulated charge point (OCPP 1.6, section 9.1), a thread-safe subset.</summary>
public sealed class SimulatedOcppConfiguration
{
    private static readonly HashSet<string> ReadOnlyKeys = ["NumberOfConnectors", "ChargeProfileMaxStackLevel", "SupportedFeatureProfiles"];

    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HeartbeatInterval"] = "300",
        ["MeterValueSampleInterval"] = "10",
        ["MeterValuesSampledData"] = "Energy.Active.Import.Register",
        ["ChargeProfileMaxStackLevel"] = "10",
        ["SupportedFeatureProfiles"] = "Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger",
    };

    public SimulatedOcppConfiguration(int connectors)
    {
        _values["NumberOfConnectors"] = connectors.ToString(CultureInfo.InvariantCulture);
    }

    public TimeSpan HeartbeatInterval => Seconds("HeartbeatInterval", 300);

    public TimeSpan MeterValueSampleInterval => Seconds("MeterValueSampleInterval", 10);

    public string MeterValuesSampledData => _values["MeterValuesSampledData"];

    public void SetHeartbeatInterval(int seconds) => _values["HeartbeatInterval"] = seconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>ChangeConfiguration: Accepted, Rejected (read-only or a bad number) or NotSupported (unknown key).</summary>
    public string Change(string key, string value)
    {
        if (!_values.ContainsKey(key))
        {
            return "NotSupported";
        }

        if (ReadOnlyKeys.Contains(key) || (key.EndsWith("Interval", StringComparison.Ordinal) && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return "Rejected";
        }

        _values[key] = value;
        return "Accepted";
    }

    public GetConfigurationResponse Get(IReadOnlyList<string>? keys)
    {
        var wanted = keys is { Count: > 0 } ? keys : [.. _values.Keys];
        return new GetConfigurationResponse(
            [.. wanted.Where(_values.ContainsKey).Select(k => new KeyValue(k, ReadOnlyKeys.Contains(k), _values[k]))],
            [.. wanted.Where(k => !_values.ContainsKey(k))]);
    }

    private TimeSpan Seconds(string key, int fallback) =>
        TimeSpan.FromSeconds(int.TryParse(_values[key], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : fallback);
}
