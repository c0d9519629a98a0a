using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

/// <summary>
/// The pricing parts of site.json (docs/configuration.md, docs/pricing.md): a good document is read with
/// money as decimals; each bad one is refused with an error at the path that is wrong.
/// </summary>
public sealed class PricingConfigurationTests
{
    [Fact]
    public async Task The_contract_example_with_pricing_is_valid_and_money_is_read_exactly()
    {
        var result = (await SiteDocuments.CreateReaderAsync()).Read(PricingDocuments.WithPricing);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Empty(result.Problems);
        var site = result.Configuration!;
        Assert.Equal("Europe/Stockholm", site.TimeZone);
        var pricing = site.Pricing!;
        Assert.Equal(("SEK", 25m, "public"), (pricing.Currency, pricing.VatPercent, pricing.DefaultTariff));
        var tariff = pricing.Tariffs[0];
        Assert.Equal((4.50m, 60m, 30m, (decimal?)null), (tariff.EnergyPerKwh, tariff.IdlePerHour, tariff.IdleGraceMinutes, tariff.MinCost));
        Assert.Equal(["mon", "tue", "wed", "thu", "fri"], tariff.Periods[0].Days);
        Assert.Equal(("07:00", "19:00", 5.50m), (tariff.Periods[0].From, tariff.Periods[0].To, tariff.Periods[0].EnergyPerKwh));
        Assert.Equal((1.25m, 1.00m), (tariff.Spot!.Multiplier, tariff.Spot.MarkupPerKwh));
        Assert.Equal((2.10m, 0m, (SpotPriceSettings?)null), (pricing.Tariffs[1].EnergyPerKwh, pricing.Tariffs[1].SessionFee, pricing.Tariffs[1].Spot));
        Assert.Equal("residents", site.Chargers[0].Tariff);
        Assert.Null(site.Chargers[1].Tariff);
        Assert.Equal((59.8586m, 17.6389m, "SWE"), (site.Location!.Latitude, site.Location.Longitude, site.Location.Country));
        Assert.Equal((AuthorizationModes.Local, 5d, OfflineAuthorizations.LocalList), (site.Authorization!.Mode, site.Authorization.CloudTimeoutS, site.Authorization.Offline));
        Assert.True(site.Web!.PublicStations);
    }

    [Fact]
    public async Task Written_back_the_prices_keep_their_digits()
    {
        var reader = await SiteDocuments.CreateReaderAsync();
        var written = SiteConfigurationReader.Write(reader.Read(PricingDocuments.WithPricing).Configuration!);

        Assert.Contains("\"energyPerKwh\": 4.50,", written, StringComparison.Ordinal);
        Assert.Contains("\"markupPerKwh\": 1.00", written, StringComparison.Ordinal);
        var again = reader.Read(written);
        Assert.True(again.IsValid, string.Join("\n", again.Problems));
        Assert.Equal(written, SiteConfigurationReader.Write(again.Configuration!));
    }

    [Fact]
    public async Task A_site_without_the_new_sections_is_valid_as_before()
    {
        var site = (await SiteDocuments.CreateReaderAsync()).Read(SiteDocuments.ContractExample).Configuration!;

        Assert.Null(site.Pricing);
        Assert.Null(site.TimeZone);
        Assert.Null(site.Authorization);
        Assert.DoesNotContain("pricing", SiteConfigurationReader.Write(site), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"energyPerKwh\": 4.50,", "\"energyPerKwh\": -4.50,", "$.pricing.tariffs[0].energyPerKwh")]
    [InlineData("\"to\": \"19:00\"", "\"to\": \"25:00\"", "$.pricing.tariffs[0].periods[0].to")]
    [InlineData("\"from\": \"07:00\"", "\"from\": \"24:00\"", "$.pricing.tariffs[0].periods[0].from")]
    [InlineData("\"days\": [\"mon\",", "\"days\": [\"monday\",", "$.pricing.tariffs[0].periods[0].days[0]")]
    [InlineData("\"currency\": \"SEK\"", "\"currency\": \"kronor\"", "$.pricing.currency")]
    [InlineData("\"vatPercent\": 25,", "\"vatPercent\": 125,", "$.pricing.vatPercent")]
    [InlineData("\"idlePerHour\": 60,", "\"idlePerHOUR\": 60,", "$.pricing.tariffs[0].idlePerHOUR")]
    [InlineData("\"mode\": \"local\"", "\"mode\": \"open\"", "$.authorization.mode")]
    [InlineData("\"offline\": \"local-list\"", "\"offline\": \"maybe\"", "$.authorization.offline")]
    [InlineData("\"latitude\": 59.8586", "\"latitude\": 95.1", "$.location.latitude")]
    [InlineData("\"energyPerKwh\": 2.10", "\"energyPerKwh\": \"2.10\"", "$.pricing.tariffs[1].energyPerKwh")]
    public async Task A_document_with_a_wrong_value_is_refused_naming_its_path(string valid, string wrong, string path)
    {
        Assert.Contains(valid, PricingDocuments.WithPricing, StringComparison.Ordinal);

        var result = (await SiteDocuments.CreateReaderAsync()).Read(PricingDocuments.WithPricing.Replace(valid, wrong, StringComparison.Ordinal));

        Assert.False(result.IsValid);
        Assert.Equal([path], result.Errors.Select(e => e.Path).Distinct());
    }

    [Fact]
    public async Task Every_pricing_mistake_in_one_document_is_reported_at_once()
    {
        var json = PricingDocuments.WithPricing
            .Replace("\"timeZone\": \"Europe/Stockholm\"", "\"timeZone\": \"Europe/Stockhom\"", StringComparison.Ordinal)
            .Replace("\"defaultTariff\": \"public\"", "\"defaultTariff\": \"visitors\"", StringComparison.Ordinal)
            .Replace("\"tariff\": \"residents\"", "\"tariff\": \"staff\"", StringComparison.Ordinal)
            .Replace("\"from\": \"07:00\", \"to\": \"19:00\"", "\"from\": \"19:00\", \"to\": \"07:00\"", StringComparison.Ordinal)
            .Replace("\"id\": \"residents\"", "\"id\": \"public\"", StringComparison.Ordinal);

        var result = (await SiteDocuments.CreateReaderAsync()).Read(json);

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                "$.chargers[0].tariff: names tariff 'staff', which is not in $.pricing.tariffs",
                "$.pricing.defaultTariff: names tariff 'visitors', which is not in $.pricing.tariffs",
                "$.pricing.tariffs[0].periods[0].to: 07:00 is not after from (19:00); a period over midnight is two periods, one to 24:00 and one from 00:00",
                "$.pricing.tariffs[1].id: 'public' is already used by $.pricing.tariffs[0]",
                "$.timeZone: 'Europe/Stockhom' is not an IANA time zone this system knows (e.g. Europe/Stockholm)",
            ],
            result.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    private static readonly Dictionary<string, Func<SiteConfiguration, SiteConfiguration>> Breaks = new(StringComparer.Ordinal)
    {
        ["a windows time zone"] = s => s with { TimeZone = "W. Europe Standard Time" },
        ["an abbreviation for a time zone"] = s => s with { TimeZone = "CET" },
        ["a charger tariff without pricing"] = s => s with { Pricing = null },
        ["no tariffs"] = s => s with { Pricing = s.Pricing! with { Tariffs = [] }, Chargers = [s.Chargers[0] with { Tariff = null }, .. s.Chargers.Skip(1)] },
        ["a negative session fee"] = s => Tariff0(s, t => t with { SessionFee = -1 }),
        ["a fee of half an öre"] = s => Tariff0(s, t => t with { SessionFee = 0.005m }),
        ["a price with 5 decimals"] = s => Tariff0(s, t => t with { EnergyPerKwh = 4.12345m }),
        ["min above max"] = s => Tariff0(s, t => t with { MinCost = 50, MaxCost = 40 }),
        ["a negative spot markup"] = s => Tariff0(s, t => t with { Spot = t.Spot! with { MarkupPerKwh = -0.5m } }),
        ["a grace over a day"] = s => Tariff0(s, t => t with { IdleGraceMinutes = 1441 }),
        ["a day listed twice"] = s => Tariff0(s, t => t with { Periods = [t.Periods[0] with { Days = ["sat", "sat"] }] }),
        ["a period from equal to to"] = s => Tariff0(s, t => t with { Periods = [t.Periods[0] with { From = "10:00", To = "10:00" }] }),
        ["a cloud timeout of 0"] = s => s with { Authorization = s.Authorization! with { CloudTimeoutS = 0 } },
        ["public stations without a location"] = s => s with { Location = null },
    };

    [Theory]
    [InlineData("a windows time zone", "$.timeZone", "is not an IANA time zone")]
    [InlineData("an abbreviation for a time zone", "$.timeZone", "is not an IANA time zone")]
    [InlineData("a charger tariff without pricing", "$.chargers[0].tariff", "names tariff 'residents', but there is no $.pricing")]
    [InlineData("no tariffs", "$.pricing.tariffs", "at least one tariff")]
    [InlineData("a negative session fee", "$.pricing.tariffs[0].sessionFee", "must not be negative")]
    [InlineData("a fee of half an öre", "$.pricing.tariffs[0].sessionFee", "0.005 has more than 2 decimals")]
    [InlineData("a price with 5 decimals", "$.pricing.tariffs[0].energyPerKwh", "more than 4 decimals")]
    [InlineData("min above max", "$.pricing.tariffs[0].minCost", "50 is above maxCost (40)")]
    [InlineData("a negative spot markup", "$.pricing.tariffs[0].spot.markupPerKwh", "must not be negative")]
    [InlineData("a grace over a day", "$.pricing.tariffs[0].idleGraceMinutes", "at most 1440")]
    [InlineData("a day listed twice", "$.pricing.tariffs[0].periods[0].days[1]", "'sat' is listed twice")]
    [InlineData("a period from equal to to", "$.pricing.tariffs[0].periods[0].to", "10:00 is not after from (10:00)")]
    [InlineData("a cloud timeout of 0", "$.authorization.cloudTimeoutS", "from 1 to 60 seconds")]
    [InlineData("public stations without a location", "$.location", "is required when web.publicStations is true")]
    public async Task Each_pricing_rule_refuses_the_document_naming_the_field(string broken, string path, string message)
    {
        var valid = await ValidSiteAsync();
        var validator = new SiteConfigurationValidator(SiteDocuments.Drivers);

        var errors = validator.Validate(Breaks[broken](valid)).Where(p => p.Severity == ProblemSeverity.Error).ToList();

        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spot_prices_or_cloud_authorization_without_the_cloud_link_are_warnings()
    {
        var valid = await ValidSiteAsync();
        var site = valid with { Cloud = valid.Cloud! with { Enabled = false }, Authorization = valid.Authorization! with { Mode = AuthorizationModes.Cloud } };

        var problems = new SiteConfigurationValidator(SiteDocuments.Drivers).Validate(site);

        Assert.Equal(
            ["$.authorization.mode", "$.pricing.tariffs[0].spot"],
            problems.Where(p => p.Severity == ProblemSeverity.Warning).Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(problems, p => p.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public async Task A_period_may_end_at_24_00_and_utc_is_a_time_zone()
    {
        var valid = await ValidSiteAsync();
        var site = Tariff0(valid, t => t with { Periods = [t.Periods[0] with { From = "22:00", To = "24:00" }] }) with { TimeZone = "UTC" };

        Assert.DoesNotContain(new SiteConfigurationValidator(SiteDocuments.Drivers).Validate(site), p => p.Severity == ProblemSeverity.Error);
    }

    private static SiteConfiguration Tariff0(SiteConfiguration s, Func<TariffSettings, TariffSettings> change) =>
        s with { Pricing = s.Pricing! with { Tariffs = [change(s.Pricing.Tariffs[0]), .. s.Pricing.Tariffs.Skip(1)] } };

    private static async Task<SiteConfiguration> ValidSiteAsync()
    {
        var parsed = (await SiteDocuments.CreateReaderAsync()).Read(PricingDocuments.WithPricing);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems));
        return parsed.Configuration!;
    }
}
