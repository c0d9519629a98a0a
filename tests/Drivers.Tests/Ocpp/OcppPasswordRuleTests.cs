using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.Drivers.Tests.Ocpp;

public sealed class OcppPasswordRuleTests
{
    [Theory]
    [InlineData("fifteen-bytes!!", false)]
    [InlineData("sixteen-bytes!!!", true)]
    [InlineData("ääääääää", true)]
    public void A_password_needs_at_least_16_bytes(string password, bool ok)
    {
        var problem = OcppPasswordRule.Check(password);
        Assert.Equal(ok, problem is null);
        Assert.DoesNotContain(password, problem ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registry_keeps_only_a_hash_and_refuses_a_short_password()
    {
        var registry = new InMemoryOcppChargerRegistry();
        Assert.Throws<ArgumentException>(() => registry.Add("CP", "short"));
        registry.Add("CP", "long-enough-password");
        var registration = await registry.FindAsync("CP", CancellationToken.None);
        Assert.DoesNotContain("long-enough-password", registration!.Password!.Stored, StringComparison.Ordinal);
        Assert.True(registration.Password.Verify("long-enough-password"));
    }
}
