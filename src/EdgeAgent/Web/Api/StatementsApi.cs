using System.Globalization;
using System.Text;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>Statements (docs/pricing.md, "Statements"): per idTag, the sessions that stopped between two local dates, as JSON or CSV.</summary>
public static class StatementsApi
{
    /// <summary>A statement covers at most this many days (a year and a day: any calendar year or month fits).</summary>
    public const int MaxDays = 366;

    public const string CsvHeader = "idTag,sessions,energyKwh,total,vat,tariffIds";

    public static RouteGroupBuilder MapStatementsApi(this RouteGroupBuilder api)
    {
        var statements = api.MapGroup("/statements").WithTags("Statements").AddEndpointFilter(new RequireLoginFilter());
        statements.MapGet("/", Get).WithSummary("Per idTag, the sessions that stopped in [from, to) (local dates yyyy-MM-dd): sessions, kWh, total, VAT; format=csv for CSV");
        return api;
    }

    internal static async Task<Results<Ok<Statement>, FileContentHttpResult, ProblemHttpResult>> Get(
        string? from, string? to, string? format, IEdgeStore store, SiteConfigurationService configuration, CancellationToken cancellationToken)
    {
        if (!TryDate(from, out var first) || !TryDate(to, out var end))
        {
            return WebProblems.BadRequest($"from and to are required local dates yyyy-MM-dd (to exclusive), not '{from}' and '{to}'");
        }

        if (end <= first || end.DayNumber - first.DayNumber > MaxDays)
        {
            return WebProblems.BadRequest($"to must be after from and at most {MaxDays} days later");
        }

        if (format is not (null or "json" or "csv"))
        {
            return WebProblems.BadRequest($"format must be json or csv, not '{format}'");
        }

        var site = configuration.Current?.Site;
        var zone = site is null ? TimeZoneInfo.Utc : SiteTimeZone.Of(site);
        var sessions = await store.Sessions.ListStoppedAsync(SiteTimeZone.StartOfDay(first, zone), SiteTimeZone.StartOfDay(end, zone), cancellationToken).ConfigureAwait(false);
        var statement = Statement.Of(from!, to!, site?.Pricing?.Currency, sessions);
        return format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetBytes(Csv(statement)), "text/csv; charset=utf-8", $"statement-{from}-{to}.csv")
            : TypedResults.Ok(statement);
    }

    /// <summary>One line per row, <see cref="CsvHeader"/> first, <c>.</c> as the decimal point; several tariffs separated by spaces.</summary>
    public static string Csv(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var text = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var row in statement.Rows)
        {
            text.AppendJoin(',',
                SessionsCsv.Field(row.IdTag),
                row.Sessions.ToString(CultureInfo.InvariantCulture),
                row.EnergyKwh.ToString("0.000", CultureInfo.InvariantCulture),
                row.Total.ToString("0.00", CultureInfo.InvariantCulture),
                row.Vat.ToString("0.00", CultureInfo.InvariantCulture),
                SessionsCsv.Field(string.Join(' ', row.TariffIds))).Append("\r\n");
        }

        return text.ToString();
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
