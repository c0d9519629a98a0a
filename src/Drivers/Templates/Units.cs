namespace ChargeNet.Drivers.Templates;

/// <summary>
/// The units a template may give, each as a factor to its base unit (A, V, W, Wh, s; "" for plain numbers).
/// </summary>
public static class Units
{
    private static readonly Dictionary<string, (string BaseUnit, double Factor)> Known = new(StringComparer.Ordinal)
    {
        [""] = ("", 1),
        ["A"] = ("A", 1),
        ["dA"] = ("A", 0.1),
        ["cA"] = ("A", 0.01),
        ["mA"] = ("A", 0.001),
        ["V"] = ("V", 1),
        ["dV"] = ("V", 0.1),
        ["cV"] = ("V", 0.01),
        ["mV"] = ("V", 0.001),
        ["W"] = ("W", 1),
        ["dW"] = ("W", 0.1),
        ["daW"] = ("W", 10),
        ["kW"] = ("W", 1000),
        ["Wh"] = ("Wh", 1),
        ["daWh"] = ("Wh", 10),
        ["hWh"] = ("Wh", 100),
        ["kWh"] = ("Wh", 1000),
        ["s"] = ("s", 1),
        ["ms"] = ("s", 0.001),
        ["min"] = ("s", 60),
    };

    public static IEnumerable<string> Names => Known.Keys;

    public static bool TryGet(string unit, out string baseUnit, out double factor)
    {
        if (Known.TryGetValue(unit, out var entry))
        {
            (baseUnit, factor) = entry;
            return true;
        }

        baseUnit = "";
        factor = 0;
        return false;
    }
}
