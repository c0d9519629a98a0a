namespace ChargeNet.Integration.Tests.ControlLoop;

/// <summary>
/// The end-to-end runs of the control loop score real-time behaviour (a grid back under its fuse within the
/// dead time + 1 s, a fallback within its bound) against a physics peer on the wall clock: they run one after
/// another, never beside each other on a shared 2-core machine, where they starved one another's daemon and peer.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealTimePhysicsRuns
{
    public const string Name = "control loop end to end, real time";
}
