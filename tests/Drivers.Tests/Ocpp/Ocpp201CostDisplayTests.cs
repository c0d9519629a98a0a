using System.Text.Json;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.V201;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using ChargeNet.Drivers.Ocpp.Validation;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>The 2.0.1 tariff and cost messages (I01–I03) as the edge builds them, checked against the official schemas, and the TariffCostCtrlr reading.</summary>
public sealed class Ocpp201CostDisplayTests
{
    [Fact]
    public void A_display_text_is_UTF8_English_and_cut_to_the_schemas_512_characters_never_inside_a_surrogate_pair()
    {
        Assert.Equal(new MessageContent("UTF8", "4.50 SEK/kWh", "en"), Ocpp201CostDisplay.Message("4.50 SEK/kWh"));
        Assert.Equal(512, Ocpp201CostDisplay.Message(new string('x', 600)).Content.Length);
        Assert.Equal(new string('x', 512), Ocpp201CostDisplay.Message(new string('x', 512)).Content);

        // "€" fits one UTF-16 unit; an emoji takes two: one straddling the limit is left out whole.
        var straddling = new string('x', 511) + "\U0001F50C" + "tail";
        Assert.Equal(new string('x', 511), Ocpp201CostDisplay.Message(straddling).Content);
        Assert.Equal(new string('x', 510) + "\U0001F50C", Ocpp201CostDisplay.Message(new string('x', 510) + "\U0001F50C" + "tail").Content);
    }

    [Fact]
    public async Task The_answers_and_CostUpdated_the_edge_builds_are_valid_against_the_OCPP_2_0_1_schemas()
    {
        var validator = await OcppSchemaValidator.LoadAsync(OcppVersion.V201, CancellationToken.None);
        var price = Ocpp201CostDisplay.Message(new string('p', 700));
        var info = new IdTokenInfo("Accepted", PersonalMessage: price);

        var ended = JsonSerializer.SerializeToElement(new TransactionEventResponse(info, 23.00m, Ocpp201CostDisplay.Message("Total 23.00 SEK incl. 4.60 VAT for 4.000 kWh")),
            Ocpp201JsonContext.Default.TransactionEventResponse);
        Assert.Null(validator.Validate(Ocpp201Action.TransactionEvent, false, ended));
        Assert.Equal("23.00", ended.GetProperty("totalCost").GetRawText()); // the engine's figure as it is: 2 decimals
        Assert.Equal("en", ended.GetProperty("updatedPersonalMessage").GetProperty("language").GetString());

        var authorize = JsonSerializer.SerializeToElement(new AuthorizeResponse(info), Ocpp201JsonContext.Default.AuthorizeResponse);
        Assert.Null(validator.Validate(Ocpp201Action.Authorize, false, authorize));
        Assert.Equal(512, authorize.GetProperty("idTokenInfo").GetProperty("personalMessage").GetProperty("content").GetString()!.Length);

        var costUpdated = JsonSerializer.SerializeToElement(new CostUpdatedRequest(14.00m, new string('t', 36)), Ocpp201JsonContext.Default.CostUpdatedRequest);
        Assert.Null(validator.Validate(Ocpp201Action.CostUpdated, true, costUpdated));
        Assert.Equal("{\"totalCost\":14.00,\"transactionId\":\"" + new string('t', 36) + "\"}", costUpdated.GetRawText());

        // Nothing about money where there is none to show: the answer has only what it had before.
        Assert.Equal("{}", JsonSerializer.Serialize(new TransactionEventResponse(), Ocpp201JsonContext.Default.TransactionEventResponse));
    }

    [Theory]
    [InlineData(null, "true", null, "true", true, true)] // one switch without an instance: both
    [InlineData("Tariff", "true", "Cost", "true", true, true)]
    [InlineData("Tariff", "true", "Cost", "false", true, false)]
    [InlineData("Cost", "true", "Cost", "true", null, true)] // the tariff not reported
    [InlineData(null, "false", "Cost", "true", false, false)] // Available false for both: Enabled on one does not undo it
    public void TariffCostCtrlr_is_read_per_instance_Tariff_for_the_price_and_Cost_for_the_cost(
        string? availableInstance, string available, string? enabledInstance, string enabled, bool? tariff, bool? cost)
    {
        ReportData[] items =
        [
            new(new Component("TariffCostCtrlr"), new Variable("Available", availableInstance), [new VariableAttributeValue("Actual", available)]),
            new(new Component("TariffCostCtrlr"), new Variable("Enabled", enabledInstance), [new VariableAttributeValue("Actual", enabled)]),
        ];
        var model = Ocpp201DeviceModel.From(items, DateTimeOffset.UnixEpoch);
        Assert.Equal((tariff, cost), (model.Tariff, model.Cost));
    }
}
