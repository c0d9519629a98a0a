using System.Text.RegularExpressions;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

public sealed class SiteConfigurationReaderTests
{
    [Fact]
    public async Task The_contract_example_is_valid_without_a_single_problem()
    {
        var reader = await SiteDocuments.CreateReaderAsync();

        var result = reader.Read(SiteDocuments.ContractExample);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Empty(result.Problems);
        var site = result.Configuration!;
        Assert.Equal("garage-42", site.SiteId);
        Assert.Equal(250, site.Grid.MaxCurrentA);
        Assert.Equal(["CP001", "wb-02"], site.Chargers.Select(c => c.Id));
        Assert.Equal("L2L3L1", site.Chargers[1].PhaseRotation);
        Assert.Equal(4.2, site.Gpio!.DsoCurtailment!.LimitPerChargerKw);
    }

    [Fact]
    public async Task A_document_with_many_mistakes_reports_every_one_by_its_json_path()
    {
        const string json = """
            {
              "siteId": "garage-7",
              "grid": { "phases": 3, "voltageV": 230, "maxCurrentA": 100, "safetyMarginA": -1,
                        "meter": "grid", "fallbackCurrentA": 150 },
              "circuits": [
                { "id": "main", "maxCurrentA": 100, "meter": "no-such-meter" },
                { "id": "deck-1", "parent": "main", "maxCurrentA": 125 },
                { "id": "deck-1", "parent": "main", "maxCurrentA": 40 },
                { "id": "annex", "parent": "nowhere", "maxCurrentA": 32 },
                { "id": "loop-a", "parent": "loop-b", "maxCurrentA": 32 },
                { "id": "loop-b", "parent": "loop-a", "maxCurrentA": 32 },
                { "id": "negative", "maxCurrentA": -10 }
              ],
              "meters": [ { "id": "grid", "driver": "eastron-sdm630",
                            "modbus": { "host": "10.0.0.50", "port": 502, "unitId": 1 } } ],
              "chargers": [
                { "id": "CP001", "protocol": "ocpp1.6", "circuit": "deck-9" },
                { "id": "wb-02", "protocol": "modbus", "driver": "acme-wallbox",
                  "modbus": { "host": "10.0.0.61" }, "circuit": "deck-1" },
                { "id": "CP003", "protocol": "ocpp1.6", "circuit": "deck-1", "minCurrentA": 20, "maxCurrentA": 16 },
                { "id": "CP004", "protocol": "ocpp1.6", "circuit": "deck-1", "phases": 2 },
                { "id": "CP005", "protocol": "ocpp1.6", "circuit": "deck-1", "phaseRotation": "L1L1L2" },
                { "id": "CP006", "protocol": "ocpp1.6", "circuit": "deck-1", "colour": "red" },
                { "id": "CP007", "protocol": "ocpp1.6", "circuit": "deck-1", "maxCurrentA": "32" },
                { "id": "CP001", "protocol": "ocpp1.6", "circuit": "deck-1" }
              ]
            }
            """;
        var reader = await SiteDocuments.CreateReaderAsync();

        var result = reader.Read(json);

        Assert.False(result.IsValid);
        string[] expectedErrors =
        [
            "$.grid.safetyMarginA",             // negative
            "$.grid.fallbackCurrentA",          // 150 A above the 100 A grid limit
            "$.circuits[0].meter",              // names a meter that does not exist
            "$.circuits[2].id",                 // duplicate id
            "$.circuits[3].parent",             // parent does not exist
            "$.circuits[4].parent",             // loop-a -> loop-b -> loop-a
            "$.circuits[5].parent",
            "$.circuits[6].maxCurrentA",        // negative limit
            "$.chargers[0].circuit",            // circuit does not exist
            "$.chargers[1].driver",             // unknown driver
            "$.chargers[2].minCurrentA",        // min above max
            "$.chargers[3].phases",             // 2 phases
            "$.chargers[4].phaseRotation",      // not a permutation
            "$.chargers[5].colour",             // unknown field
            "$.chargers[6].maxCurrentA",        // a string where a number belongs
            "$.chargers[7].id",                 // duplicate id
        ];
        var problems = string.Join("\n", result.Problems);
        Assert.True(
            expectedErrors.Order().SequenceEqual(result.Errors.Select(p => p.Path).Distinct().Order()),
            "expected errors at:\n" + string.Join("\n", expectedErrors) + "\nbut got:\n" + problems);

        // A child circuit above its parent is odd but safe (the parent's limit applies): a warning.
        Assert.Equal(["$.circuits[1].maxCurrentA"], result.Warnings.Select(p => p.Path).Distinct());
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    [Fact]
    public async Task A_child_circuit_above_its_parent_is_only_a_warning_and_the_document_is_valid()
    {
        var json = SiteDocuments.ContractExample.Replace(
            "\"id\": \"deck-1\", \"parent\": \"main\", \"maxCurrentA\": 125",
            "\"id\": \"deck-1\", \"parent\": \"main\", \"maxCurrentA\": 300",
            StringComparison.Ordinal);
        var reader = await SiteDocuments.CreateReaderAsync();

        var result = reader.Read(json);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var warning = Assert.Single(result.Problems);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Equal("$.circuits[1].maxCurrentA", warning.Path);
    }

    [Fact]
    public async Task Malformed_json_gives_one_line_naming_line_and_position()
    {
        const string json = "{\n  \"siteId\": \"garage-42\",\n  \"grid\": { \"maxCurrentA\": 100,, }\n}";
        var reader = await SiteDocuments.CreateReaderAsync();

        var result = reader.Read(json);

        Assert.Null(result.Configuration);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("$", problem.Path);
        Assert.Matches(new Regex(@"line 3, position \d+"), problem.Message);
        Assert.DoesNotContain('\n', problem.ToString());
    }

    [Fact]
    public async Task A_document_cut_off_in_the_middle_is_refused_with_one_line()
    {
        var json = SiteDocuments.ContractExample[..(SiteDocuments.ContractExample.Length / 2)];
        var reader = await SiteDocuments.CreateReaderAsync();

        var result = reader.Read(json);

        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("not valid JSON", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.ToString());
    }

    [Fact]
    public async Task Regression_fields_left_out_take_the_models_defaults_not_zero()
    {
        // The source-generated reader set every init-only property a document left out to
        // default(T): 0 phases, meterTimeoutS 0, transport "", and null for a missing "meters".
        const string json = """
            {
              "siteId": "small-site",
              "grid": { "maxCurrentA": 63, "fallbackCurrentA": 20 },
              "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
              "chargers": [ { "id": "wb-1", "protocol": "modbus", "driver": "alfen-ng9xx",
                              "modbus": { "host": "10.0.0.9" }, "circuit": "main" } ]
            }
            """;
        var reader = await SiteDocuments.CreateReaderAsync();

        var result = reader.Read(json);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var site = result.Configuration!;
        Assert.Empty(site.Meters);
        Assert.Equal(3, site.Grid.Phases);
        Assert.Equal(230, site.Grid.VoltageV);
        Assert.Equal(3, site.Grid.MeterTimeoutS);
        var charger = Assert.Single(site.Chargers);
        Assert.Equal(3, charger.Phases);
        Assert.Equal("L1L2L3", charger.PhaseRotation);
        Assert.Equal(6, charger.MinCurrentA);
        Assert.Equal(32, charger.MaxCurrentA);
        Assert.Equal(1, charger.Connectors);
        Assert.Equal("tcp", charger.Modbus!.Transport);
        Assert.Equal(502, charger.Modbus.Port);
        Assert.Equal(1, charger.Modbus.UnitId);
    }

    [Fact]
    public async Task Regression_a_null_where_a_list_belongs_is_a_problem_not_a_crash()
    {
        const string json = """
            {
              "siteId": "small-site",
              "grid": { "maxCurrentA": 63, "fallbackCurrentA": 20 },
              "circuits": null,
              "chargers": [ { "id": "CP1", "protocol": "ocpp1.6", "circuit": "main" } ]
            }
            """;
        var reader = await SiteDocuments.CreateReaderAsync();

        var result = reader.Read(json);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, p => p.Path == "$.circuits");
    }

    [Fact]
    public async Task Regression_a_comment_next_to_a_schema_problem_is_reported_not_thrown()
    {
        // The schema's parser allows comments and the model's does not: setting aside a value of the
        // wrong type must not re-parse the text with the stricter one and throw.
        const string json = """
            {
              // the garage in the north
              "siteId": "small-site",
              "grid": { "maxCurrentA": "lots", "fallbackCurrentA": 20 },
              "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
              "chargers": [ { "id": "CP1", "protocol": "ocpp1.6", "circuit": "main" } ]
            }
            """;
        var reader = await SiteDocuments.CreateReaderAsync();

        var result = reader.Read(json);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, p => p.Path == "$.grid.maxCurrentA");
    }
}
