namespace ChargeNet.Drivers.Templates;

/// <summary>How to set a connector's current limit.</summary>
public sealed record CurrentLimitDefinition
{
    /// <summary>The name of the writable register that takes the limit.</summary>
    public required string Register { get; init; }

    /// <summary>The smallest non-zero limit the device takes (IEC 61851: 6 A).</summary>
    public double MinA { get; init; } = 6;

    /// <summary>The largest limit the device takes.</summary>
    public double MaxA { get; init; } = 32;

    /// <summary>Whether writing 0 to the limit pauses charging; when false, <c>pause</c>/<c>resume</c> are used.</summary>
    public bool ZeroPauses { get; init; } = true;
}
