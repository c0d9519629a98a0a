namespace ChargeNet.EdgeAgent.Control;

/// <summary>How often the control loop runs and how long it waits for devices.</summary>
public sealed class ControlLoopOptions
{
    /// <summary>The cycle period: 1 s by default, 250 ms at the fastest.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a device read may take before the cycle goes on without it.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>How long a setpoint may take before it counts as not delivered.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A limit that moves by less than this is not sent again.</summary>
    public double MinChangeA { get; set; } = 0.1;
}
