using System.Globalization;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16;

/// <summary>
/// Reads the measurands the edge needs out of MeterValues (OCPP 1.6, section 7): per-phase Current.Import, Current.Offered,
/// Energy.Active.Import.Register (Wh or kWh) and Power.Active.Import (W or kW; a total, or all three phases' summed). A
/// Current.Import without a phase says nothing of how the current is split: it is put on all three phases and the
/// connector's phases are marked unknown (<see cref="ConnectorStatus.PhasesKnown"/>); the power sampled with it tells how
/// many carry it (docs/control-loop-sessions.md, Session 33, "Phases from the power a charger samples"), so it is kept with
/// the currents of its meter value. A neutral or phase-to-phase current is not a phase current and is ignored.
/// </summary>
public static class OcppSampleReader
{
    private const string Energy = "Energy.Active.Import.Register";
    private const string Offered = "Current.Offered";
    private const string Import = "Current.Import";
    private const string Power = "Power.Active.Import";

    /// <summary>A sampled time further than this before its receipt is taken for a charger clock that is not set.</summary>
    public static readonly TimeSpan MaxSampleAge = TimeSpan.FromDays(1);

    /// <summary>
    /// Why these meter values cannot be used, naming the measurand, phase and value — one that is not
    /// a number, not finite, or outside <see cref="PhysicalBounds"/> — or null when all can. A message
    /// with such a value is dropped whole: the connector's readings stay as old as they were.
    /// </summary>
    public static string? FindProblem(IEnumerable<MeterValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var sample in values.SelectMany(v => v.SampledValue))
        {
            if (QuantityOf(sample) is not { } quantity || sample.Format == "SignedData")
            {
                continue;
            }

            var what = $"{sample.Measurand ?? Energy}{(sample.Phase is null ? "" : " " + sample.Phase)}";
            if (!double.TryParse(sample.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return $"{what} = \"{sample.Value}\" is not a number";
            }

            var unit = sample.Unit ?? quantity switch { PhysicalQuantity.Energy => "Wh", PhysicalQuantity.Power => "W", _ => "A" };
            if (PhysicalBounds.Problem(quantity, $"{what} ({sample.Value} {unit})", InBaseUnit(sample, number)) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Applies the newest sample of each measurand in <paramref name="values"/> to <paramref name="live"/>; check <see cref="FindProblem"/> first.</summary>
    public static OcppConnectorLive Apply(OcppConnectorLive live, IEnumerable<MeterValue> values, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(values);
        var current = live.CurrentA;
        var phasesKnown = live.PhasesKnown;
        var offered = live.OfferedA;
        var offeredAt = live.OfferedAt;
        var energy = live.EnergyWh;
        var currentsAt = live.CurrentsMeasuredAt;
        var power = live.PowerW;
        foreach (var value in values.OrderBy(v => v.Timestamp))
        {
            double?[] phases = [null, null, null];
            double? phaseless = null;
            double? offeredHere = null;
            double? totalPower = null;
            double phasePowers = 0;
            var powerPhases = 0;
            foreach (var sample in value.SampledValue)
            {
                if (!double.TryParse(sample.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    continue;
                }

                switch (sample.Measurand ?? Energy)
                {
                    case Energy:
                        energy = InBaseUnit(sample, number);
                        break;
                    case Offered:
                        // Per phase, the most offered on any (a one-phase car's idle phases offer nothing).
                        offeredHere = Math.Max(offeredHere ?? number, number);
                        break;
                    case Import when sample.Phase is null:
                        phaseless = number;
                        break;
                    case Import when PhaseIndex(sample.Phase) is { } index:
                        phases[index] = number;
                        break;
                    case Power when sample.Phase is null:
                        totalPower = InBaseUnit(sample, number);
                        break;
                    case Power when PhaseIndex(sample.Phase) is { } index && (powerPhases & (1 << index)) == 0:
                        phasePowers += InBaseUnit(sample, number);
                        powerPhases |= 1 << index;
                        break;
                }
            }

            if (offeredHere is { } offeredA)
            {
                offered = offeredA;
                offeredAt = MeasuredAt(value.Timestamp, now);
            }

            // Measured with the currents of this meter value, or not at all: an older power beside newer currents tells nothing.
            // Per phase only all three make the total: a phase left out would read a three-phase car as fewer.
            var powerWithCurrents = totalPower ?? (powerPhases == 0b111 ? phasePowers : null);

            if (phases.Any(p => p is not null))
            {
                current = new PhaseValues(phases[0] ?? current.L1, phases[1] ?? current.L2, phases[2] ?? current.L3);
                phasesKnown = true;
                currentsAt = MeasuredAt(value.Timestamp, now);
                power = powerWithCurrents;
            }
            else if (phaseless is { } all)
            {
                current = new PhaseValues(all, all, all);
                phasesKnown = false;
                currentsAt = MeasuredAt(value.Timestamp, now);
                power = powerWithCurrents;
            }
        }

        return live with
        {
            CurrentA = current, PhasesKnown = phasesKnown, OfferedA = offered, EnergyWh = energy, UpdatedAt = now, CurrentsMeasuredAt = currentsAt, PowerW = power,
            OfferedAt = offeredAt,
        };
    }

    /// <summary>
    /// When a meter value's samples were measured: its timestamp, but never later than <paramref name="receivedAt"/> (a charger
    /// clock ahead of the edge's) nor more than <see cref="MaxSampleAge"/> before it (a clock never set): those are taken as
    /// measured on receipt (docs/ocpp.md, "Meter values").
    /// </summary>
    public static DateTimeOffset MeasuredAt(DateTimeOffset sampledAt, DateTimeOffset receivedAt) =>
        sampledAt > receivedAt || sampledAt < receivedAt - MaxSampleAge ? receivedAt : sampledAt;

    /// <summary>The connector state the control loop understands.</summary>
    public static ConnectorState ToConnectorState(ChargePointStatus? status) => status switch
    {
        ChargePointStatus.Available or ChargePointStatus.Reserved => ConnectorState.Available,
        ChargePointStatus.Preparing or ChargePointStatus.Finishing => ConnectorState.CarConnected,
        ChargePointStatus.Charging => ConnectorState.Charging,
        ChargePointStatus.SuspendedEV => ConnectorState.SuspendedByCar,
        ChargePointStatus.SuspendedEVSE => ConnectorState.SuspendedByController,
        ChargePointStatus.Faulted => ConnectorState.Faulted,
        _ => ConnectorState.Unavailable,
    };

    private static PhysicalQuantity? QuantityOf(SampledValue sample) => (sample.Measurand ?? Energy) switch
    {
        Energy => PhysicalQuantity.Energy,
        Offered => PhysicalQuantity.Limit,
        Import => PhysicalQuantity.ChargerCurrent,
        Power => PhysicalQuantity.Power,
        _ => null,
    };

    private static double InBaseUnit(SampledValue sample, double number) => sample.Unit is "kWh" or "kW" ? number * 1000 : number;

    private static int? PhaseIndex(string phase) => phase switch
    {
        "L1" or "L1-N" => 0,
        "L2" or "L2-N" => 1,
        "L3" or "L3-N" => 2,
        _ => null,
    };
}
