using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>The hard constraints in force now (curtailment, emergency stop), read by the control loop every cycle.</summary>
public interface ISiteConstraintSource
{
    SiteConstraints Current { get; }

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
