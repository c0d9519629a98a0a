using System.Globalization;
using System.Text;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>Sessions as CSV (RFC 4180): one header line, one line per session, fields quoted where needed.</summary>
public static class SessionsCsv
{
    public const string Header = "id,chargerId,connectorId,transactionId,idTag,startedAt,stoppedAt,energyWh,stopReason";

    /// <summary>The cost columns, after <see cref="Header"/>'s, when a session listed has a cost (a site with pricing, docs/sessions.md).</summary>
    public const string CostHeader = "tariffId,currency,total,vat,costEnergy,costTime,costIdle,costFee";

    public static string Write(IEnumerable<ChargingSession> sessions)
    {
        var list = sessions.ToList();
        var priced = list.Exists(s => s.Cost is not null);
        var text = new StringBuilder(Header).Append(priced ? "," + CostHeader : "").Append("\r\n");
        foreach (var s in list)
        {
            text.AppendJoin(',',
                Field(s.Id),
                Field(s.ChargerId),
                s.ConnectorId.ToString(CultureInfo.InvariantCulture),
                s.TransactionId?.Text ?? "",
                Field(s.IdTag),
                s.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                s.StoppedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "",
                s.EnergyWh.ToString("0.###", CultureInfo.InvariantCulture),
                Field(s.StopReason));
            if (priced)
            {
                text.Append(',').AppendJoin(',', CostFields(s));
            }

            text.Append("\r\n");
        }

        return text.ToString();
    }

    private static IEnumerable<string> CostFields(ChargingSession s)
    {
        var c = s.Cost;
        yield return Field(c?.TariffId ?? s.TariffId);
        yield return Field(c?.Currency);
        foreach (var money in new[] { c?.Total, c?.Vat, c?.Energy, c?.Time, c?.Idle, c?.Fee })
        {
            yield return money?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
        }
    }

    /// <summary>Quotes a field with a comma, quote or line break; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.</summary>
    internal static string Field(string? value)
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
