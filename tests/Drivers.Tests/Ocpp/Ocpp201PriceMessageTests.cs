using System.Text.Json;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V201;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using ChargeNet.Drivers.Ocpp.Validation;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>
/// The price on an idle 2.0.1 station's display (O01/O06) as the edge builds it — checked against the official schema — and the
/// DisplayMessageCtrlr as a base report gives it.
/// </summary>
public sealed class Ocpp201PriceMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 17, 59, 0, TimeSpan.Zero);
    private static readonly OcppShownPrice Price = new("5.50 SEK/kWh, idle 60.00 SEK/h after 30 min (incl. VAT)", new(2026, 12, 2, 19, 0, 0, TimeSpan.FromHours(1)));

    [Fact]
    public async Task A_price_is_one_schema_valid_message_with_the_fixed_id_NormalCycle_Idle_from_now_until_the_next_change_in_UTF8()
    {
        var (request, unsupported) = Ocpp201PriceMessage.Build(Ocpp201DisplayMessages.NotReported, Price, Now);
        Assert.Null(unsupported);
        var json = JsonSerializer.SerializeToElement(request!, Ocpp201JsonContext.Default.SetDisplayMessageRequest);
        var validator = await OcppSchemaValidator.LoadAsync(OcppVersion.V201, CancellationToken.None);
        Assert.Null(validator.Validate(Ocpp201Action.SetDisplayMessage, true, json));

        var message = json.GetProperty("message");
        Assert.Equal((Ocpp201PriceMessage.Id, "NormalCycle", "Idle"), (message.GetProperty("id").GetInt32(), message.GetProperty("priority").GetString(), message.GetProperty("state").GetString()));
        Assert.Equal((Now, new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero)), (message.GetProperty("startDateTime").GetDateTimeOffset(), message.GetProperty("endDateTime").GetDateTimeOffset()));
        Assert.EndsWith("+00:00", message.GetProperty("endDateTime").GetString(), StringComparison.Ordinal); // in UTC, whatever the site zone
        Assert.Equal(("UTF8", Price.Text), (message.GetProperty("message").GetProperty("format").GetString(), message.GetProperty("message").GetProperty("content").GetString()));
        Assert.False(message.TryGetProperty("transactionId", out _));

        // A text past the schema's 512 characters is cut; the message stays valid.
        var (longRequest, _) = Ocpp201PriceMessage.Build(Ocpp201DisplayMessages.NotReported, Price with { Text = new string('p', 600) }, Now);
        Assert.Null(validator.Validate(Ocpp201Action.SetDisplayMessage, true, JsonSerializer.SerializeToElement(longRequest!, Ocpp201JsonContext.Default.SetDisplayMessageRequest)));
    }

    [Fact]
    public async Task A_station_without_UTF8_gets_ASCII_with_question_marks_and_one_that_cannot_show_it_gets_a_reason_instead()
    {
        var ascii = new Ocpp201DisplayMessages(true, 4, ["ASCII", "URI"], ["AlwaysFront", "NormalCycle"]);
        var (request, _) = Ocpp201PriceMessage.Build(ascii, Price with { Text = "0.35 €/kWh, Tarif Günstig" }, Now);
        Assert.Equal(new MessageContent("ASCII", "0.35 ?/kWh, Tarif G?nstig", "en"), request!.Message.Message);
        var validator = await OcppSchemaValidator.LoadAsync(OcppVersion.V201, CancellationToken.None);
        Assert.Null(validator.Validate(Ocpp201Action.SetDisplayMessage, true, JsonSerializer.SerializeToElement(request, Ocpp201JsonContext.Default.SetDisplayMessageRequest)));

        Assert.Contains("SupportedFormats (HTML)", Ocpp201PriceMessage.Build(new(true, 4, ["HTML"], null), Price, Now).Unsupported, StringComparison.Ordinal);
        Assert.Contains("NormalCycle", Ocpp201PriceMessage.Build(new(true, 4, null, ["AlwaysFront"]), Price, Now).Unsupported, StringComparison.Ordinal);
        Assert.Contains("maxLimit is 0", Ocpp201PriceMessage.Build(new(true, 0, null, null), Price, Now).Unsupported, StringComparison.Ordinal);
    }

    [Fact]
    public void DisplayMessageCtrlr_is_read_from_a_base_report_with_its_capacity_formats_and_priorities()
    {
        static ReportData Item(string variable, string? value, decimal? maxLimit = null) =>
            new(new Component("DisplayMessageCtrlr"), new Variable(variable), [new VariableAttributeValue("Actual", value)], maxLimit is null ? null : new VariableCharacteristics(maxLimit));

        var model = Ocpp201DeviceModel.From(
            [Item("Available", "true"), Item("Enabled", "true"), Item("DisplayMessages", "0", 8), Item("SupportedFormats", "ASCII, UTF8"), Item("SupportedPriorities", "NormalCycle,InFront")],
            Now);
        Assert.Equal((true, 8), (model.DisplayMessages.Usable, model.DisplayMessages.Slots)); // maxLimit, not the 0 held now
        Assert.Equal(["ASCII", "UTF8"], model.DisplayMessages.Formats!);
        Assert.Equal(["NormalCycle", "InFront"], model.DisplayMessages.Priorities!);

        Assert.False(Ocpp201DeviceModel.From([Item("Available", "true"), Item("Enabled", "false")], Now).DisplayMessages.Usable);
        Assert.Equal(Ocpp201DisplayMessages.NotReported, Ocpp201DeviceModel.From([], Now).DisplayMessages);

        // As a station's NotifyReport has it on the wire, variableCharacteristics and all.
        var wire = JsonSerializer.Deserialize("""
            {"requestId":1,"generatedAt":"2026-12-02T17:59:00Z","seqNo":0,"reportData":[
             {"component":{"name":"DisplayMessageCtrlr"},"variable":{"name":"DisplayMessages"},"variableAttribute":[{"value":"1"}],
              "variableCharacteristics":{"dataType":"integer","maxLimit":3,"supportsMonitoring":false}}]}
            """, Ocpp201JsonContext.Default.NotifyReportRequest)!;
        Assert.Equal(3, Ocpp201DeviceModel.From(wire.ReportData!, Now).DisplayMessages.Slots);
    }
}
