using System.Text.Json.Nodes;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

/// <summary>
/// <c>chargers[].assumedStayHours</c> and <c>assumedEnergyKwh</c> (docs/configuration.md; docs/load-balancing.md,
/// "Cheap hours"): read into the charger's settings, refused out of range naming the field, optional.
/// </summary>
public sealed class ChargerAssumedStayConfigurationTests
{
    [Fact]
    public async Task An_assumed_stay_is_read_and_left_out_is_none()
    {
        var reader = await SiteDocuments.CreateReaderAsync();

        var parsed = reader.Read(WithCharger("""{ "assumedStayHours": 10, "assumedEnergyKwh": 30 }"""));
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems));
        Assert.Equal((10.0, 30.0), (parsed.Configuration!.Chargers[0].AssumedStayHours, parsed.Configuration.Chargers[0].AssumedEnergyKwh));

        var none = reader.Read(SiteDocuments.ContractExample);
        Assert.Null(none.Configuration!.Chargers[0].AssumedStayHours);
    }

    [Theory]
    [InlineData("""{ "assumedStayHours": 0 }""", "$.chargers[0].assumedStayHours")]
    [InlineData("""{ "assumedStayHours": 169 }""", "$.chargers[0].assumedStayHours")]
    [InlineData("""{ "assumedStayHours": 8, "assumedEnergyKwh": -5 }""", "$.chargers[0].assumedEnergyKwh")]
    public async Task The_schema_refuses_an_assumed_stay_out_of_range_naming_the_field(string fields, string path)
    {
        var schema = await SiteSchemaValidator.LoadAsync(CancellationToken.None);

        Assert.Contains(path, schema.Validate(WithCharger(fields)).Select(p => p.Path));
    }

    private static string WithCharger(string fieldsJson)
    {
        var document = JsonNode.Parse(SiteDocuments.ContractExample)!;
        foreach (var (name, value) in JsonNode.Parse(fieldsJson)!.AsObject())
        {
            document["chargers"]![0]![name] = value?.DeepClone();
        }

        return document.ToJsonString();
    }
}
