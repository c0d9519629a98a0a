using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Demo;

/// <summary>
/// How much of the room the loop leaves the cars they use, by the loop's own estimate
/// (docs/control-loop.md, "Estimating the load nobody controls"): over the phases, the cars' draw (the
/// reading less the load nobody controls) against what the loop aims at — the limit less the safety margin,
/// less that load, and no more than the circuits below leave. Against the bare fuse a perfectly filled
/// site read some 92 %. Told to whoever watches the demo so that "the limit held and the cars sharing it"
/// is a figure, not an impression.
/// </summary>
public static class RoomUse
{
    /// <summary>The cars' draw and the room, in A summed over the phases; null while the grid meter is unknown.</summary>
    public static (double CarsA, double RoomA)? Of(GridView grid)
    {
        if (grid.Fallback || grid.CurrentA is not { Length: 3 } reading || grid.UncontrolledA is not { Length: 3 } uncontrolled || grid.TargetA is not { } targetA)
        {
            return null;
        }

        double cars = 0, room = 0;
        for (var p = 0; p < 3; p++)
        {
            cars += Math.Max(0, reading[p] - uncontrolled[p]);
            var gridRoom = Math.Max(0, targetA - uncontrolled[p]);
            room += grid.CircuitRoomA is { Length: 3 } circuits ? Math.Min(gridRoom, circuits[p]) : gridRoom;
        }

        return (cars, room);
    }
}
