using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

/// <summary>
/// Each rule of the validator beyond the schema, one broken at a time on the valid contract example:
/// the document is refused with an error at the field that is wrong, and at no other.
/// </summary>
public sealed class SiteConfigurationValidatorRuleTests
{
    private static readonly Dictionary<string, Func<SiteConfiguration, SiteConfiguration>> Breaks = new(StringComparer.Ordinal)
    {
        ["gpio pin used twice"] = s => s with { Gpio = s.Gpio! with { FaultRelay = new GpioPinSettings { Pin = s.Gpio!.EmergencyStop!.Pin } } },
        ["maxImbalanceA zero"] = s => s with { Grid = s.Grid with { MaxImbalanceA = 0 } },
        ["maxImbalanceA above the grid"] = s => s with { Grid = s.Grid with { MaxImbalanceA = s.Grid.MaxCurrentA + 1 } },
        ["meterTimeoutS zero"] = s => s with { Grid = s.Grid with { MeterTimeoutS = 0 } },
        ["meterTimeoutS above an hour"] = s => s with { Grid = s.Grid with { MeterTimeoutS = 3601 } },
        ["failsafe above max"] = s => s with { Chargers = [s.Chargers[0] with { FailsafeCurrentA = s.Chargers[0].MaxCurrentA + 1 }, .. s.Chargers.Skip(1)] },
        ["failsafe between 0 and min"] = s => s with { Chargers = [s.Chargers[0] with { FailsafeCurrentA = 3 }, .. s.Chargers.Skip(1)] },
        ["modbus tcp without host"] = s => s with { Chargers = [s.Chargers[0], s.Chargers[1] with { Modbus = s.Chargers[1].Modbus! with { Host = " " } }] },
        ["modbus rtu without serial port"] = s => s with { Chargers = [s.Chargers[0], s.Chargers[1] with { Modbus = s.Chargers[1].Modbus! with { Transport = ModbusTransports.Rtu, Host = null } }] },
        ["modbus unknown transport"] = s => s with { Chargers = [s.Chargers[0], s.Chargers[1] with { Modbus = s.Chargers[1].Modbus! with { Transport = "carrier-pigeon" } }] },
        ["modbus unit id above 247 on rtu"] = s => s with { Chargers = [s.Chargers[0], s.Chargers[1] with { Modbus = s.Chargers[1].Modbus! with { Transport = ModbusTransports.Rtu, SerialPort = "/dev/ttyUSB0", UnitId = 248 } }] },
        ["modbus unit id 0 on rtu"] = s => s with { Chargers = [s.Chargers[0], s.Chargers[1] with { Modbus = s.Chargers[1].Modbus! with { Transport = ModbusTransports.Rtu, SerialPort = "/dev/ttyUSB0", UnitId = 0 } }] },
        ["modbus address missing"] = s => s with { Chargers = [s.Chargers[0], s.Chargers[1] with { Modbus = null }] },
        ["modbus address on an ocpp charger"] = s => s with { Chargers = [s.Chargers[0] with { Modbus = s.Chargers[1].Modbus }, s.Chargers[1]] },
        ["offered current switch on a modbus charger"] = s => s with { Chargers = [s.Chargers[0], s.Chargers[1] with { OfferedCurrentIsLimit = false }] },
        ["cloud enabled without host"] = s => s with { Cloud = s.Cloud! with { Host = "" } },
        ["cloud commandMaxAgeS zero"] = s => s with { Cloud = s.Cloud! with { CommandMaxAgeS = 0 } },
    };

    [Theory]
    [InlineData("gpio pin used twice", "$.gpio.faultRelay.pin", "pin 27 is already used by $.gpio.emergencyStop")]
    [InlineData("maxImbalanceA zero", "$.grid.maxImbalanceA", "must be above 0")]
    [InlineData("maxImbalanceA above the grid", "$.grid.maxImbalanceA", "at most grid.maxCurrentA")]
    [InlineData("meterTimeoutS zero", "$.grid.meterTimeoutS", "must be above 0")]
    [InlineData("meterTimeoutS above an hour", "$.grid.meterTimeoutS", "at most 3600 s")]
    [InlineData("failsafe above max", "$.chargers[0].failsafeCurrentA", "must be 0 or between minCurrentA and maxCurrentA")]
    [InlineData("failsafe between 0 and min", "$.chargers[0].failsafeCurrentA", "must be 0 or between minCurrentA and maxCurrentA")]
    [InlineData("modbus tcp without host", "$.chargers[1].modbus.host", "is required for transport 'tcp'")]
    [InlineData("modbus rtu without serial port", "$.chargers[1].modbus.serialPort", "is required for transport 'rtu'")]
    [InlineData("modbus unknown transport", "$.chargers[1].modbus.transport", "'carrier-pigeon' is not one of")]
    [InlineData("modbus unit id above 247 on rtu", "$.chargers[1].modbus.unitId", "between 1 and 247")]
    [InlineData("modbus unit id 0 on rtu", "$.chargers[1].modbus.unitId", "0 is the serial line's broadcast address")]
    [InlineData("modbus address missing", "$.chargers[1].modbus", "is required")]
    [InlineData("modbus address on an ocpp charger", "$.chargers[0].modbus", "only a Modbus charger has a Modbus address")]
    [InlineData("offered current switch on a modbus charger", "$.chargers[1].offeredCurrentIsLimit", "only an OCPP charger reports Current.Offered")]
    [InlineData("cloud enabled without host", "$.cloud.host", "is required when the cloud link is enabled")]
    [InlineData("cloud commandMaxAgeS zero", "$.cloud.commandMaxAgeS", "from 1 to 86400 seconds")]
    public async Task Each_rule_refuses_the_document_naming_the_field(string broken, string path, string message)
    {
        var valid = await ValidSiteAsync();
        var validator = new SiteConfigurationValidator(SiteDocuments.Drivers);
        Assert.DoesNotContain(validator.Validate(valid), p => p.Severity == ProblemSeverity.Error);

        var errors = validator.Validate(Breaks[broken](valid)).Where(p => p.Severity == ProblemSeverity.Error).ToList();

        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failsafe_of_0_and_a_tcp_unit_id_of_255_are_allowed()
    {
        var valid = await ValidSiteAsync();
        var site = valid with
        {
            Chargers = [valid.Chargers[0] with { FailsafeCurrentA = 0 }, valid.Chargers[1] with { Modbus = valid.Chargers[1].Modbus! with { UnitId = 255 } }],
        };

        Assert.DoesNotContain(new SiteConfigurationValidator(SiteDocuments.Drivers).Validate(site), p => p.Severity == ProblemSeverity.Error);
    }

    private static async Task<SiteConfiguration> ValidSiteAsync()
    {
        var parsed = (await SiteDocuments.CreateReaderAsync()).Read(SiteDocuments.ContractExample);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems));
        return parsed.Configuration!;
    }
}
