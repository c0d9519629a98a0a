using System.Globalization;
using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Templates;

/// <summary>Checks the measured registers of a read against <see cref="PhysicalBounds"/>, naming the first one that cannot be.</summary>
public static class RegisterBounds
{
    /// <summary>The quantity a register of this meaning holds, or null for a state or a setting.</summary>
    public static PhysicalQuantity? QuantityOf(string meaning, DeviceKind kind) => meaning switch
    {
        RegisterMeanings.CurrentL1 or RegisterMeanings.CurrentL2 or RegisterMeanings.CurrentL3 =>
            kind == DeviceKind.Charger ? PhysicalQuantity.ChargerCurrent : PhysicalQuantity.MeterCurrent,
        RegisterMeanings.VoltageL1 or RegisterMeanings.VoltageL2 or RegisterMeanings.VoltageL3 => PhysicalQuantity.Voltage,
        RegisterMeanings.PowerL1 or RegisterMeanings.PowerL2 or RegisterMeanings.PowerL3 or RegisterMeanings.TotalPower => PhysicalQuantity.Power,
        RegisterMeanings.ImportEnergy or RegisterMeanings.Energy => PhysicalQuantity.Energy,
        RegisterMeanings.LimitInForce => PhysicalQuantity.Limit,
        _ => null,
    };

    /// <summary>
    /// Why the first measured register of <paramref name="snapshot"/> that holds an impossible value
    /// (NaN, infinity, out of range) cannot be — its name, address, type and value — or null when all can.
    /// </summary>
    public static string? FirstProblem(RegisterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var template = snapshot.Template;
        foreach (var (name, register) in template.Registers.OrderBy(r => r.Value.Address))
        {
            if (QuantityOf(name, template.Kind) is { } quantity && snapshot.Value(name) is { } value)
            {
                var what = string.Create(CultureInfo.InvariantCulture, $"register {name} (address {register.Address + snapshot.AddressOffset}, {register.Type})");
                if (PhysicalBounds.Problem(quantity, what, value) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }
}
