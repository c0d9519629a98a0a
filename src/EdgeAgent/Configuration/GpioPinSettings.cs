namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>One GPIO pin and its active level.</summary>
public sealed record GpioPinSettings
{
    /// <summary>The BCM (logical) pin number.</summary>
    public int Pin { get; init; }

    public bool ActiveLow { get; init; }
}
