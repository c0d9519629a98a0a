using System.Globalization;

namespace ChargeNet.Drivers.Devices;

/// <summary>
/// What a device can physically report, per quantity (docs/devices.md, "Values that cannot be").
/// A value outside its range — or not a finite number — is a fault of the device, its gateway or
/// its template, never a measurement: the reading it came in becomes unknown (docs/security.md), so it
/// never reaches the balancer. The ranges are wide on purpose: they catch garbage (NaN registers,
/// 1e308, a sign bit read as a value), not merely unusual sites.
/// </summary>
public static class PhysicalBounds
{
    /// <summary>The smallest and largest possible value of <paramref name="quantity"/>.</summary>
    public static (double Min, double Max) Range(PhysicalQuantity quantity) => quantity switch
    {
        PhysicalQuantity.MeterCurrent => (-6_300, 6_300),
        PhysicalQuantity.ChargerCurrent => (-1, 1_000),
        PhysicalQuantity.Voltage => (0, 1_000),
        PhysicalQuantity.Power => (-20e6, 20e6),
        PhysicalQuantity.Energy => (0, 1e12),
        PhysicalQuantity.Limit => (0, 1_000),
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Not a quantity."),
    };

    /// <summary>Whether <paramref name="value"/> is a finite number inside the range of <paramref name="quantity"/>.</summary>
    public static bool IsPossible(PhysicalQuantity quantity, double value)
    {
        var (min, max) = Range(quantity);
        return double.IsFinite(value) && value >= min && value <= max;
    }

    /// <summary>Why <paramref name="value"/> of <paramref name="what"/> cannot be, or null when it can.</summary>
    /// <param name="quantity">What kind of value it is.</param>
    /// <param name="what">Where it came from, for the message: a register or a measurand.</param>
    /// <param name="value">The value in the base unit.</param>
    public static string? Problem(PhysicalQuantity quantity, string what, double value)
    {
        if (IsPossible(quantity, value))
        {
            return null;
        }

        var (min, max) = Range(quantity);
        return double.IsFinite(value)
            ? string.Create(CultureInfo.InvariantCulture, $"{what} = {value:G6} is outside what a device can report ({min:G6} to {max:G6})")
            : string.Create(CultureInfo.InvariantCulture, $"{what} = {value} is not a finite number");
    }
}
