using System.Collections.Concurrent;
using System.Globalization;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>The variables of a simulated 2.0.1 station's device model that it lets be set (OCPP 2.0.1 Part 2 appendix), a thread-safe subset.</summary>
public sealed class SimulatedOcpp201Variables
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal)
    {
        ["OCPPCommCtrlr.HeartbeatInterval"] = "300",
        ["SampledDataCtrlr.TxUpdatedInterval"] = "10",
        ["SampledDataCtrlr.TxUpdatedMeasurands"] = "Energy.Active.Import.Register",
    };

    public TimeSpan HeartbeatInterval => Seconds("OCPPCommCtrlr.HeartbeatInterval", 300);

    public TimeSpan TxUpdatedInterval => Seconds("SampledDataCtrlr.TxUpdatedInterval", 10);

    public string TxUpdatedMeasurands => _values["SampledDataCtrlr.TxUpdatedMeasurands"];

    public void SetHeartbeatInterval(int seconds) => _values["OCPPCommCtrlr.HeartbeatInterval"] = seconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>SetVariables (B05): Accepted, Rejected (an interval that is no whole number) or UnknownVariable.</summary>
    public string Set(SetVariableData item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = $"{item.Component.Name}.{item.Variable.Name}";
        if (!_values.ContainsKey(key))
        {
            return "UnknownVariable";
        }

        if (key.EndsWith("Interval", StringComparison.Ordinal) && !int.TryParse(item.AttributeValue, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return "Rejected";
        }

        _values[key] = item.AttributeValue;
        return "Accepted";
    }

    /// <summary>GetVariables (B06): the value, or UnknownVariable.</summary>
    public GetVariableResult Get(GetVariableData item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _values.TryGetValue($"{item.Component.Name}.{item.Variable.Name}", out var value)
            ? new GetVariableResult("Accepted", item.Component, item.Variable, value)
            : new GetVariableResult("UnknownVariable", item.Component, item.Variable);
    }

    private TimeSpan Seconds(string key, int fallback) =>
        TimeSpan.FromSeconds(int.TryParse(_values[key], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : fallback);
}
