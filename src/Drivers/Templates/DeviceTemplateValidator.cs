using System.Text.RegularExpressions;

namespace ChargeNet.Drivers.Templates;

/// <summary>Checks a parsed template as a whole and lists every problem with its JSON path.</summary>
public static partial class DeviceTemplateValidator
{
    public static IReadOnlyList<string> Validate(DeviceTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var problems = new List<string>();
        if (!IdPattern().IsMatch(template.Id))
        {
            problems.Add($"$.id: '{template.Id}' is not lower-case letters, digits and dashes");
        }

        if (template.MaxRegistersPerRead is < 1 or > 125)
        {
            problems.Add("$.maxRegistersPerRead: must be 1 to 125");
        }

        if (template.DefaultUnitId is < 0 or > 255)
        {
            problems.Add("$.defaultUnitId: must be 0 to 255");
        }

        var meanings = template.Kind == DeviceKind.Meter ? RegisterMeanings.Meter : RegisterMeanings.Charger;
        var referenced = ReferencedNames(template);
        foreach (var (name, register) in template.Registers)
        {
            CheckRegister(template, name, register, meanings, referenced, problems);
        }

        foreach (var name in referenced.Where(n => !template.Registers.ContainsKey(n)))
        {
            problems.Add($"$.registers: '{name}' is referred to but not defined");
        }

        if (template.Kind == DeviceKind.Meter)
        {
            CheckMeter(template, problems);
        }
        else
        {
            ChargerTemplateValidator.Check(template, problems);
        }

        return problems;
    }

    private static void CheckMeter(DeviceTemplate template, List<string> problems)
    {
        if (template.Charger is not null)
        {
            problems.Add("$.charger: a meter template has no charger section");
        }

        if (!template.Registers.ContainsKey(RegisterMeanings.CurrentL1))
        {
            problems.Add("$.registers.currentL1: a meter must give at least the current of L1 (L2 and L3 read 0 when absent)");
        }
    }

    private static HashSet<string> ReferencedNames(DeviceTemplate template)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var register in template.Registers.Values)
        {
            if (register.ScaleExponentRegister is { } exponent)
            {
                names.Add(exponent);
            }
        }

        if (template.Charger is { } charger)
        {
            names.Add(charger.CurrentLimit.Register);
            foreach (var write in charger.Failsafe.Append(charger.Pause).Append(charger.Resume).OfType<RegisterWrite>())
            {
                names.Add(write.Register);
            }

            if (charger.KeepAlive?.Register is { } keepAlive)
            {
                names.Add(keepAlive);
            }
        }

        return names;
    }

    private static void CheckRegister(
        DeviceTemplate template, string name, RegisterDefinition register, IReadOnlyDictionary<string, string> meanings, HashSet<string> referenced, List<string> problems)
    {
        var path = $"$.registers.{name}";
        if (!meanings.ContainsKey(name) && !referenced.Contains(name))
        {
            problems.Add($"{path}: '{name}' is neither a meaning a {template.Kind.ToString().ToLowerInvariant()} has ({string.Join(", ", meanings.Keys)}) nor referred to by another entry");
        }

        if (register.Address < 0 || register.Address + register.Words > 0x10000)
        {
            problems.Add($"{path}.address: {register.Address} (+{register.Words} registers) is outside 0..65535");
        }

        if (register.Type == RegisterDataType.Text ? register.Length is null or < 1 or > 64 : register.Length is not null)
        {
            problems.Add($"{path}.length: a string gives its length in registers (1..64); other types have none");
        }

        if (register.Function is RegisterFunction.Coil or RegisterFunction.DiscreteInput && register.Type != RegisterDataType.U16)
        {
            problems.Add($"{path}.type: a coil or discrete input is a single bit, type u16");
        }

        if (register.Mask is not null && register.Type is not (RegisterDataType.U16 or RegisterDataType.S16 or RegisterDataType.U32 or RegisterDataType.S32))
        {
            problems.Add($"{path}.mask: only a 16- or 32-bit integer can be masked");
        }

        if (register.Shift is < 0 or > 31)
        {
            problems.Add($"{path}.shift: must be 0 to 31");
        }

        if (!double.IsFinite(register.Scale) || register.Scale == 0)
        {
            problems.Add($"{path}.scale: must be a finite number other than 0");
        }

        if (!Units.TryGet(register.Unit, out var baseUnit, out _))
        {
            problems.Add($"{path}.unit: '{register.Unit}' is not one of {string.Join(", ", Units.Names.Where(u => u.Length > 0))}");
        }
        else if (meanings.TryGetValue(name, out var expected) && baseUnit != expected)
        {
            problems.Add($"{path}.unit: {name} is in {(expected.Length == 0 ? "no unit" : expected)}, '{register.Unit}' is not");
        }

        if (register.ScaleExponentRegister is { } exponentName && template.Registers.TryGetValue(exponentName, out var exponent)
            && exponent.Type != RegisterDataType.S16)
        {
            problems.Add($"{path}.scaleExponentRegister: '{exponentName}' must be an s16 register");
        }

        if (register.WriteFunction is { } fc && !(register.Function == RegisterFunction.Holding ? fc is 6 or 16 : register.Function == RegisterFunction.Coil && fc is 5 or 15))
        {
            problems.Add($"{path}.writeFunction: {fc} cannot write a {register.Function} value");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();
}
