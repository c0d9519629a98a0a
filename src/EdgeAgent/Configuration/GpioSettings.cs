namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The GPIO inputs and outputs of the controller.</summary>
public sealed record GpioSettings
{
    /// <summary>The grid operator's curtailment relay (ripple control, §14a EnWG).</summary>
    public CurtailmentInputSettings? DsoCurtailment { get; init; }

    /// <summary>The emergency stop: every charger to 0 while active.</summary>
    public GpioPinSettings? EmergencyStop { get; init; }

    public GpioPinSettings? StatusLed { get; init; }

    public GpioPinSettings? FaultRelay { get; init; }
}
