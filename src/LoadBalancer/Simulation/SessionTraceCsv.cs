using System.Globalization;

namespace ChargeNet.LoadBalancer.Simulation;

/// <summary>
/// Reads a session trace in the CSV form of ../shared/data (header
/// <c>arrival_period,departure_period,estimated_departure_period,requested_energy_kwh,max_power_kw,station_id,session_id</c>).
/// Every row is checked; the first bad one is refused with its line and field named.
/// </summary>
public static class SessionTraceCsv
{
    private static readonly string[] Columns =
        ["arrival_period", "departure_period", "estimated_departure_period", "requested_energy_kwh", "max_power_kw", "station_id", "session_id"];

    /// <exception cref="FormatException">A row is malformed; the message names the line and the field.</exception>
    public static IReadOnlyList<ChargingSession> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (header is null || !header.Trim().Split(',').SequenceEqual(Columns))
        {
            throw new FormatException("line 1: the header must be " + string.Join(',', Columns));
        }

        var sessions = new List<ChargingSession>();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = text.Split(',');
            if (fields.Length != Columns.Length)
            {
                throw new FormatException($"line {line}: {fields.Length} fields, expected {Columns.Length}");
            }

            var session = new ChargingSession(
                SessionId: Text(fields[6], line, "session_id"),
                StationId: Text(fields[5], line, "station_id"),
                ArrivalPeriod: Period(fields[0], line, "arrival_period"),
                DeparturePeriod: Period(fields[1], line, "departure_period"),
                EstimatedDeparturePeriod: Period(fields[2], line, "estimated_departure_period"),
                RequestedEnergyKwh: Positive(fields[3], line, "requested_energy_kwh"),
                MaxPowerKw: Positive(fields[4], line, "max_power_kw"));
            if (session.DeparturePeriod <= session.ArrivalPeriod)
            {
                throw new FormatException($"line {line}: departure_period {session.DeparturePeriod} is not after arrival_period {session.ArrivalPeriod}");
            }

            sessions.Add(session);
        }

        return sessions;
    }

    private static string Text(string field, int line, string name) =>
        field.Length > 0 ? field : throw new FormatException($"line {line}: {name} is empty");

    private static int Period(string field, int line, string name) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"line {line}: {name} '{field}' is not a period number");

    private static double Positive(string field, int line, string name) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
            ? value
            : throw new FormatException($"line {line}: {name} '{field}' is not a non-negative number");
}
