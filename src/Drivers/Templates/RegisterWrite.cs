namespace ChargeNet.Drivers.Templates;

/// <summary>A value to write to a named register: a fixed value, or a setting of the charger in site.json.</summary>
public sealed record RegisterWrite
{
    /// <summary>The name of the register in the template's <c>registers</c>.</summary>
    public required string Register { get; init; }

    /// <summary>The value in the register's base unit (A, s, or a plain number).</summary>
    public double? Value { get; init; }

    /// <summary>Take the value from the charger's configuration instead of <see cref="Value"/>.</summary>
    public ChargerSetting? ValueFrom { get; init; }
}
