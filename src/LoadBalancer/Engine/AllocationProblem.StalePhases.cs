namespace ChargeNet.LoadBalancer.Engine;

/// <summary>
/// A connector stale for a moment is counted on its car's phases (docs/control-loop-sessions.md, Session 25, "A stale one-phase car on
/// its own phase"). A stale connector is counted at the most it may hold; on every wired phase, a one-phase car on a three-phase
/// charger whose poll was missed once was counted on two phases it does not draw on, and the cuts that count made on a full
/// site went out to one-call chargers a cycle before a step, whose pauses then queued behind their answers. Between two fresh
/// readings (a second for Modbus, up to a minute for OCPP) a car is counted on the phases it was seen on; a connector stale
/// for no longer than <see cref="BalancerSettings.StaleCarPhasesFor"/> since its last fresh cycle, in the same session, is
/// no less known. A reading without phases never narrowed them (the estimate spreads it on every wired phase, so the
/// detector keeps them all: issue 13 property 6); a car that switches to more phases meanwhile is in the meters above it
/// as load nobody controls.
/// </summary>
internal sealed partial class AllocationProblem
{
    // The charger phases a stale connector is counted on: those the phase detector counted its car on (CarPhaseMask, never
    // narrower than what it was counted on), if its last fresh cycle was recent enough in this session (the memory starts
    // afresh with a new session), else every wired phase.
    private static int StalePhaseMask(in ConnectorMemory memory, int wiredMask, BalancerSettings settings, DateTimeOffset now) =>
        memory.CarPhaseMask != 0 && settings.StaleCarPhasesFor > TimeSpan.Zero && now - memory.FreshAt <= settings.StaleCarPhasesFor
            ? memory.CarPhaseMask & wiredMask
            : wiredMask;
}
