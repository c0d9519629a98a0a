using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>The hard constraints in force now (curtailment, emergency stop), read by the control loop every cycle.</summary>
public interface ISiteConstraintSource
{
    SiteConstraints Current { get; }

    /// <summary>
    /// Whether an emergency stop has latched and waits for its acknowledgement, for the status to say why charging stays
    /// stopped after the button is released; null when the source has no latch (no emergency-stop input configured).
    /// </summary>
    bool? EmergencyStopLatched => null;

    /// <summary>
    /// Raised when <see cref="Current"/> may have changed (an input changed, a read failed, a stop was
    /// acknowledged), so the loop acts at once rather than at its next period. Handlers must not block.
    /// </summary>
    event Action? Changed
    {
        add { }
        remove { }
    }
}
