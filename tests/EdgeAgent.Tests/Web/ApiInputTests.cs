using ChargeNet.Drivers.Ocpp.Ports;
using SessionCost = ChargeNet.EdgeAgent.Pricing.SessionCost;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Web.Api;

namespace ChargeNet.EdgeAgent.Tests.Web;

public sealed class ApiInputTests
{
    [Theory]
    [InlineData(null, null, 100, 0)]
    [InlineData(1, 0, 1, 0)]
    [InlineData(10_000, 500, 10_000, 500)]
    public void Paging_takes_limit_and_offset_within_bounds(int? limit, int? offset, int expectedLimit, int expectedOffset)
    {
        var (paging, problem) = Paging.From(limit, offset);

        Assert.Null(problem);
        Assert.Equal(new Paging(expectedLimit, expectedOffset), paging);
    }

    [Theory]
    [InlineData(0, null, "limit")]
    [InlineData(10_001, null, "limit")]
    [InlineData(10, -1, "offset")]
    public void Paging_outside_bounds_is_a_400_naming_the_parameter(int? limit, int? offset, string named)
    {
        var (_, problem) = Paging.From(limit, offset);

        Assert.NotNull(problem);
        Assert.Equal(400, problem.StatusCode);
        Assert.StartsWith(named, problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Sessions_csv_quotes_what_needs_quoting_and_defuses_formulas()
    {
        var start = new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);
        var csv = SessionsCsv.Write(
        [
            new ChargingSession("s1", "CP001", 1, ChargerTransactionId.FromNumber(42), "TAG,\"1\"", start, start.AddHours(1), 12_345.5, "EVDisconnected"),
            new ChargingSession("s2", "wb-02", 1, null, "=HYPERLINK(1)", start, null, 0, null),
        ]);

        var lines = csv.Split("\r\n");
        Assert.Equal(SessionsCsv.Header, lines[0]);
        Assert.Equal("s1,CP001,1,42,\"TAG,\"\"1\"\"\",2026-11-24T06:00:00.0000000Z,2026-11-24T07:00:00.0000000Z,12345.5,EVDisconnected", lines[1]);
        Assert.Equal("s2,wb-02,1,,'=HYPERLINK(1),2026-11-24T06:00:00.0000000Z,,0,", lines[2]);
        Assert.Equal("", lines[3]);
    }

    [Fact]
    public void Sessions_csv_has_the_cost_columns_only_when_a_session_listed_has_a_cost()
    {
        var start = new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);
        var cost = new SessionCost("SEK", 45.5m, 9.1m, 40m, 0m, 5.5m, 0m, "public", 8_000);
        var csv = SessionsCsv.Write(
        [
            new ChargingSession("s1", "CP001", 1, ChargerTransactionId.FromNumber(42), "TAG", start, start.AddHours(1), 8_000, "Local", "public", cost),
            new ChargingSession("s2", "wb-02", 1, null, null, start, null, 0, null),
        ]);

        var lines = csv.Split("\r\n");
        Assert.Equal(SessionsCsv.Header + "," + SessionsCsv.CostHeader, lines[0]);
        Assert.EndsWith(",Local,public,SEK,45.50,9.10,40.00,0.00,5.50,0.00", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",0,,,,,,,,,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void An_authorization_list_is_checked_whole_with_every_problem_by_path()
    {
        var problems = AuthorizationListApi.Validate(new AuthorizationListDocument(0,
        [
            new AuthorizationEntry("TAG-1", "Accepted", null, null),
            new AuthorizationEntry("tag-1", "Blocked", null, null),
            new AuthorizationEntry("", "Maybe", null, null),
            new AuthorizationEntry("TAG-3", "Accepted", null, new string('P', 21)),
        ]));

        Assert.Equal(
            ["$.entries[1].idTag", "$.entries[2].idTag", "$.entries[2].status", "$.entries[3].parentIdTag"],
            problems.Select(p => p.Path));
        Assert.Equal("$.entries", Assert.Single(AuthorizationListApi.Validate(new AuthorizationListDocument(0, null))).Path);
        Assert.Empty(AuthorizationListApi.Validate(new AuthorizationListDocument(0, [new AuthorizationEntry("TAG-1", "Accepted", null, null)])));
    }

    [Fact]
    public void An_entry_may_name_a_tariff_of_the_sites_pricing_and_no_other()
    {
        AuthorizationListDocument List(string tariff) => new(0, [new AuthorizationEntry("TAG-1", "Accepted", null, null, tariff)]);

        Assert.Empty(AuthorizationListApi.Validate(List("residents"), ["public", "residents"]));
        var unknown = Assert.Single(AuthorizationListApi.Validate(List("staff"), ["public", "residents"]));
        Assert.Equal(("$.entries[0].tariff", "'staff' is not a tariff of the site's pricing (it has public, residents)"), (unknown.Path, unknown.Message));
        Assert.Equal("$.entries[0].tariff", Assert.Single(AuthorizationListApi.Validate(List("residents"), null)).Path); // no pricing section
    }
}
