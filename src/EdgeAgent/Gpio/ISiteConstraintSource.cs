using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>The hard constraints in force now (curtailment, emergency stop), read by the control loop every cycle.</summary>
public interface ISiteConstraintSource
{
    SiteConstraints Current { get; }
}
