using System.Globalization;
using System.Text;
using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>Sessions as CSV (RFC 4180): one header line, one line per session, fields quoted where needed.</summary>
public static class SessionsCsv
{
    public const string Header = "id,chargerId,connectorId,transactionId,idTag,startedAt,stoppedAt,energyWh,stopReason";

    public static string Write(IEnumerable<ChargingSession> sessions)
    {
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var s in sessions)
        {
            text.AppendJoin(',',
                Field(s.Id),
                Field(s.ChargerId),
                s.ConnectorId.ToString(CultureInfo.InvariantCulture),
                s.TransactionId?.ToString(CultureInfo.InvariantCulture) ?? "",
                Field(s.IdTag),
                s.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                s.StoppedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "",
                s.EnergyWh.ToString("0.###", CultureInfo.InvariantCulture),
                Field(s.StopReason)).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>Quotes a field with a comma, quote or line break; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
