using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// A connector's draw at a cycle, as the balancer needs it: the band it lies in, per charger phase,
/// and the most it may draw until the limits sent lately have taken effect at the car.
/// </summary>
/// <param name="LowA">The low end: taken out of the meters to find the load nobody controls (for new limits).</param>
/// <param name="HighA">The high end: taken out to decide whether the limits in force must come down now.</param>
/// <param name="CommittedA">The highest limit that may still be in force now or within the car's response time.</param>
internal readonly record struct DrawEstimate(PhaseCurrents LowA, PhaseCurrents HighA, double CommittedA);
