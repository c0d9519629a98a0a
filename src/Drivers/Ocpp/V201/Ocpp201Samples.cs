using System.Globalization;
using ChargeNet.Drivers.Devices;
using StoreForm = ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// 2.0.1 meter values in the form the transaction store and the meter-value reader keep for every
/// version (the 1.6 shape: a decimal string in a base unit): value × 10^multiplier, unit as given.
/// </summary>
public static class Ocpp201Samples
{
    public static IReadOnlyList<StoreForm.MeterValue> ToStoreForm(IReadOnlyList<Messages.MeterValue>? values) =>
        values is null ? [] : [.. values.Select(v => new StoreForm.MeterValue(v.Timestamp, [.. v.SampledValue.Select(ToStoreForm)]))];

    /// <summary>
    /// The newest Energy.Active.Import.Register among <paramref name="values"/> that a meter can give (<see cref="PhysicalBounds"/>,
    /// as the live path checks), in Wh; null when none. A multiplier (any int in the schema) scales a reading past any meter, or
    /// to infinity: such a value is no value, and the session keeps the reading it had.
    /// </summary>
    public static double? EnergyWh(IReadOnlyList<Messages.MeterValue>? values) =>
        values?.OrderBy(v => v.Timestamp)
            .SelectMany(v => v.SampledValue)
            .Where(s => (s.Measurand ?? Energy) == Energy && s.Phase is null)
            .Select(s => Scaled(s) * (s.UnitOfMeasure?.Unit == "kWh" ? 1000 : 1))
            .Where(wh => PhysicalBounds.IsPossible(PhysicalQuantity.Energy, wh))
            .Select(wh => (double?)wh)
            .LastOrDefault();

    private const string Energy = "Energy.Active.Import.Register";

    private static StoreForm.SampledValue ToStoreForm(Messages.SampledValue sample) => new(
        Scaled(sample).ToString("R", CultureInfo.InvariantCulture),
        sample.Context,
        null,
        sample.Measurand,
        sample.Phase,
        sample.Location,
        sample.UnitOfMeasure?.Unit);

    private static double Scaled(Messages.SampledValue sample) =>
        sample.UnitOfMeasure?.Multiplier is { } multiplier and not 0 ? sample.Value * Math.Pow(10, multiplier) : sample.Value;
}
