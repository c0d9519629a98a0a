using System.Text.Json.Nodes;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

/// <summary>
/// <c>grid.powerTariff</c> (docs/configuration.md, "Power tariff"): the shipped examples are valid
/// fragments, read into the tariff they describe; each rule refuses a document naming the field.
/// </summary>
public sealed class PowerTariffConfigurationTests
{
    [Theory]
    [InlineData("power-tariff-highest-hour.json", 60, 1, false, 0, 24, 0, 60)]
    [InlineData("power-tariff-three-highest-weekday-hours.json", 60, 3, true, 7, 19, 5, 145)]
    [InlineData("power-tariff-highest-quarter-hour.json", 15, 1, false, 0, 24, 0, 4)]
    public async Task Each_shipped_example_is_a_valid_power_tariff(string file, int windowMinutes, int count, bool onePerDay, int fromHour, int toHour, int days, double pricePerKw)
    {
        var parsed = (await SiteDocuments.CreateReaderAsync()).Read(WithTariff(File.ReadAllText(ExamplePath(file))));

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems));
        var tariff = parsed.Configuration!.Grid.PowerTariff!.ToTariff();
        Assert.Equal(TimeSpan.FromMinutes(windowMinutes), tariff.Window);
        Assert.Equal((count, onePerDay, fromHour, toHour, days, pricePerKw), (tariff.Count, tariff.OnePerDay, tariff.FromHour, tariff.ToHour, tariff.Days.Count, tariff.PricePerKw));
    }

    [Fact]
    public async Task The_weekday_example_counts_weekday_hours_from_7_to_19_Stockholm_time()
    {
        var parsed = (await SiteDocuments.CreateReaderAsync()).Read(WithTariff(File.ReadAllText(ExamplePath("power-tariff-three-highest-weekday-hours.json"))));
        var tariff = parsed.Configuration!.Grid.PowerTariff!.ToTariff();

        // 2026-01-14 is a Wednesday; Stockholm is UTC+1 in January.
        Assert.True(tariff.Counts(new DateTimeOffset(2026, 1, 14, 6, 0, 0, TimeSpan.Zero)));    // 07:00 local
        Assert.False(tariff.Counts(new DateTimeOffset(2026, 1, 14, 5, 0, 0, TimeSpan.Zero)));   // 06:00 local
        Assert.False(tariff.Counts(new DateTimeOffset(2026, 1, 14, 18, 0, 0, TimeSpan.Zero)));  // 19:00 local
        Assert.False(tariff.Counts(new DateTimeOffset(2026, 1, 17, 10, 0, 0, TimeSpan.Zero)));  // a Saturday
    }

    [Theory]
    [InlineData("""{ "windowMinutes": 30, "timeZone": "Europe/Stockholm" }""", "$.grid.powerTariff.windowMinutes")]
    [InlineData("""{ "billedPeak": "meanOfHighest", "timeZone": "Europe/Stockholm" }""", "$.grid.powerTariff.count")]
    [InlineData("""{ "billedPeak": "highest", "count": 3, "timeZone": "Europe/Stockholm" }""", "$.grid.powerTariff.count")]
    [InlineData("""{ "hours": { "from": 19, "to": 7 }, "timeZone": "Europe/Stockholm" }""", "$.grid.powerTariff.hours")]
    [InlineData("""{ "timeZone": "Europe/Atlantis" }""", "$.grid.powerTariff.timeZone")]
    [InlineData("""{ "timeZone": "Europe/Oslo", "steps": [ { "fromKw": 5, "pricePerMonth": 300 }, { "fromKw": 2, "pricePerMonth": 200 } ] }""", "$.grid.powerTariff.steps[1].fromKw")]
    public async Task A_tariff_that_breaks_a_rule_is_refused_naming_the_field(string tariff, string path)
    {
        var parsed = (await SiteDocuments.CreateReaderAsync()).Read(WithTariff(tariff));

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Problems, p => p.Path == path && p.Severity == ProblemSeverity.Error);
    }

    [Theory]
    [InlineData("""{ "timeZone": "Europe/Oslo", "days": ["mon", "someday"] }""", "$.grid.powerTariff.days[1]")]
    [InlineData("""{ "timeZone": "Europe/Oslo", "pricePerKw": -1 }""", "$.grid.powerTariff.pricePerKw")]
    [InlineData("""{ "timeZone": "Europe/Oslo", "window": 60 }""", "$.grid.powerTariff.window")]
    public async Task The_schema_refuses_a_malformed_tariff_naming_the_field(string tariff, string path)
    {
        var schema = await SiteSchemaValidator.LoadAsync(CancellationToken.None);

        Assert.Contains(path, schema.Validate(WithTariff(tariff)).Select(p => p.Path));
    }

    private static string WithTariff(string tariffJson)
    {
        var document = JsonNode.Parse(SiteDocuments.ContractExample)!;
        document["grid"]!["powerTariff"] = JsonNode.Parse(tariffJson);
        return document.ToJsonString();
    }

    private static string ExamplePath(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChargeNet.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("ChargeNet.sln not found"), "docs", "examples", file);
    }
}
