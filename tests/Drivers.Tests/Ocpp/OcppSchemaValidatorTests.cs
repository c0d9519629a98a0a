using System.Text.Json;
using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Validation;

namespace ChargeNet.Drivers.Tests.Ocpp;

public sealed class OcppSchemaValidatorTests
{
    [Fact]
    public async Task Every_action_of_OCPP_1_6_has_both_schemas()
    {
        var validator = await OcppSchemaValidator.LoadAsync(ChargeNet.Drivers.Ocpp.OcppVersion.V16, CancellationToken.None);
        foreach (var action in typeof(ChargeNet.Drivers.Ocpp.V16.OcppAction).GetFields().Select(f => (string)f.GetValue(null)!))
        {
            Assert.True(validator.KnowsAction(action), action);
            Assert.NotEqual(OcppErrorCode.NotImplemented, validator.Validate(action, false, JsonDocument.Parse("{}").RootElement)?.ErrorCode);
        }

        Assert.Equal(28, typeof(ChargeNet.Drivers.Ocpp.V16.OcppAction).GetFields().Length);
    }

    [Theory]
    [InlineData("StatusNotification", "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\"}", null)]
    [InlineData("StatusNotification", "{\"connectorId\":1.5,\"errorCode\":\"NoError\",\"status\":\"Available\"}", OcppErrorCode.TypeConstraintViolation)]
    [InlineData("StatusNotification", "{\"connectorId\":1,\"errorCode\":\"NoError\"}", OcppErrorCode.OccurenceConstraintViolation)]
    [InlineData("StatusNotification", "{\"connectorId\":1,\"errorCode\":\"Oops\",\"status\":\"Available\"}", OcppErrorCode.PropertyConstraintViolation)]
    [InlineData("MeterValues", "{\"connectorId\":1,\"meterValue\":[{\"sampledValue\":[{\"value\":\"12\"}]}]}", OcppErrorCode.OccurenceConstraintViolation)]
    [InlineData("MeterValues", "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"sampledValue\":[{\"value\":12}]}]}", OcppErrorCode.TypeConstraintViolation)]
    [InlineData("BootNotification", "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\",\"colour\":\"red\"}", OcppErrorCode.FormationViolation)]
    [InlineData("Heartbeat", "{}", null)]
    public async Task Violations_map_to_the_error_codes_of_OCPP_J_section_4_2_3(string action, string payload, string? expected)
    {
        var validator = await OcppSchemaValidator.LoadAsync(ChargeNet.Drivers.Ocpp.OcppVersion.V16, CancellationToken.None);
        var error = validator.Validate(action, true, JsonDocument.Parse(payload).RootElement);
        Assert.Equal(expected, error?.ErrorCode);
        if (error is not null)
        {
            Assert.StartsWith(action + ":", error.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_missing_field_is_named_in_the_description()
    {
        var validator = await OcppSchemaValidator.LoadAsync(ChargeNet.Drivers.Ocpp.OcppVersion.V16, CancellationToken.None);
        var error = validator.Validate("Authorize", true, JsonDocument.Parse("{}").RootElement);
        Assert.Contains("idTag", error!.Description, StringComparison.Ordinal);
    }
}
