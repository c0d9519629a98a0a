using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The load nobody controls held still when decreases are sent (docs/control-loop.md, "Estimating the load
/// nobody controls"). A car sent a decrease may draw anything between its new limit and what it drew before
/// until it has surely answered; the low end of its band counts it at the new limit from the send on, while
/// the grid reading holds its old draw for the car's dead time: the load nobody controls grew by every
/// decrease sent, and the next cycle cut again (after a +60 A step, a cascade of pauses).
/// </summary>
internal sealed partial class SiteModel
{
    // Per grid phase, at the last cycle: the load nobody controls at the grid meter as estimated (null while
    // unknown), the cars' draw before their decreases beyond their low ends, and how much of it was credited.
    private double[]? _heldBaseA;
    private readonly double[] _lastCreditA = new double[3];
    private readonly double[] _lastCreditedA = new double[3];

    /// <summary>
    /// Per grid phase, the cars' draw before their decreases (<paramref name="beforeDecreaseA"/>, beyond the low
    /// ends in <paramref name="inputs"/>) is credited as far as the reading still holds it: as much of it as
    /// keeps the load nobody controls where it was at the last cycle, between none and all. A rise of the base
    /// is hidden by no more than the decreases still unanswered, and only until their band closes; the high
    /// end and the committed current, which judge whether the limits in force must come down, are untouched.
    /// </summary>
    private void CreditDecreases(ConnectorInput[] inputs, PhaseCurrents[] beforeDecreaseA, MeterReading? reading, bool stale)
    {
        if (reading is null || stale || !Plausible.MeterCurrents(reading.CurrentA))
        {
            _heldBaseA = null;
            Array.Clear(_lastCreditA);
            Array.Clear(_lastCreditedA);
            return;
        }

        Span<double> drawnA = stackalloc double[3];
        Span<double> creditA = stackalloc double[3];
        for (var i = 0; i < inputs.Length; i++)
        {
            for (var k = 0; k < inputs[i].WiredPhases; k++)
            {
                var g = inputs[i].Rotation.GridPhase(k);
                drawnA[g] += inputs[i].MeasuredCurrentA[k];
                creditA[g] += beforeDecreaseA[i][k];
            }
        }

        Span<double> share = stackalloc double[3];
        var held = new double[3];
        for (var g = 0; g < 3; g++)
        {
            var baseA = reading.CurrentA[g] - drawnA[g];
            // A car that has answered its decrease never draws its old current again: what was not credited at
            // the last cycle is not credited now, only what new decreases add. Without this, a rise of the base
            // just after cars had answered was taken for cars still drawing their old current.
            var mostA = Math.Min(creditA[g], _lastCreditedA[g] + Math.Max(0, creditA[g] - _lastCreditA[g]));
            var creditedA = _heldBaseA is null || mostA <= 0 ? 0 : Math.Clamp(baseA - _heldBaseA[g], 0, mostA);
            share[g] = creditA[g] > 0 ? creditedA / creditA[g] : 0;
            held[g] = baseA - creditedA;
            _lastCreditA[g] = creditA[g];
            _lastCreditedA[g] = creditedA;
        }

        _heldBaseA = held;
        for (var i = 0; i < inputs.Length; i++)
        {
            var before = beforeDecreaseA[i];
            if (before == PhaseCurrents.Zero)
            {
                continue;
            }

            var low = inputs[i].MeasuredCurrentA;
            for (var k = 0; k < inputs[i].WiredPhases; k++)
            {
                low = low.With(k, low[k] + (share[inputs[i].Rotation.GridPhase(k)] * before[k]));
            }

            inputs[i] = inputs[i] with { MeasuredCurrentA = low };
        }
    }
}
