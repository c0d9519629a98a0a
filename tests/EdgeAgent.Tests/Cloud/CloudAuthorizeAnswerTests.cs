using System.Text;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.EdgeAgent.Cloud;

namespace ChargeNet.EdgeAgent.Tests.Cloud;

/// <summary>The cloud's authorize-result is external input (docs/mqtt.md): read whole, or refused naming what is wrong.</summary>
public sealed class CloudAuthorizeAnswerTests
{
    [Fact]
    public void A_full_answer_is_read_with_its_terms()
    {
        Assert.True(Parse("""{"id":"a1","status":"Accepted","tariff":"residents","maxCost":12.5,"maxEnergyWh":7000}""", out var answer, out _, out _));
        Assert.Equal(new CloudAuthorizeAnswer("a1", AuthorizationStatus.Accepted, "residents", 12.5m, 7000), answer);
        Assert.True(Parse("""{"id":"a2","status":"Blocked","tariff":null}""", out var bare, out _, out _));
        Assert.Equal(new CloudAuthorizeAnswer("a2", AuthorizationStatus.Blocked, null, null, null), bare);
    }

    [Fact]
    public void An_answer_may_say_when_the_car_leaves_and_what_it_needs()
    {
        var now = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        Assert.True(CloudAuthorizeAnswer.TryParse(
            Encoding.UTF8.GetBytes("""{"id":"a1","status":"Accepted","departureAt":"2026-12-02T17:30:00+01:00","energyWh":15000}"""), out var answer, out _, out var problem, now), problem);
        Assert.Equal((new DateTimeOffset(2026, 12, 2, 16, 30, 0, TimeSpan.Zero), 15000m), (answer!.DepartureAt!.Value, answer.EnergyWh!.Value));
    }

    [Theory]
    [InlineData("""{"id":"a1","status":"Accepted","departureAt":"2020-01-01T00:00:00Z"}""", "a1", "'departureAt'")]
    [InlineData("""{"id":"a1","status":"Accepted","departureAt":"2099-01-01T00:00:00"}""", "a1", "'departureAt'")]
    [InlineData("""{"id":"a1","status":"Accepted","energyWh":0}""", "a1", "'energyWh'")]
    [InlineData("""{"id":"a1","status":"Accepted","energyWh":"lots"}""", "a1", "\"energyWh\"")]
    [InlineData("""{"id":"a1","status":"Maybe"}""", "a1", "\"status\"")]
    [InlineData("""{"id":"a1","status":"ConcurrentTx"}""", "a1", "\"status\"")]
    [InlineData("""{"id":"a1"}""", "a1", "\"status\"")]
    [InlineData("""{"status":"Accepted"}""", null, "\"id\"")]
    [InlineData("""{"id":"a1","status":"Accepted","maxCost":-1}""", "a1", "\"maxCost\"")]
    [InlineData("""{"id":"a1","status":"Accepted","maxEnergyWh":"lots"}""", "a1", "\"maxEnergyWh\"")]
    [InlineData("""{"id":"a1","status":"Accepted","tariff":7}""", "a1", "\"tariff\"")]
    [InlineData("""[1,2]""", null, "not a JSON object")]
    [InlineData("""{"id":""", null, "not JSON")]
    public void A_wrong_answer_is_refused_naming_what_is_wrong(string payload, string? id, string named)
    {
        Assert.False(Parse(payload, out var answer, out var readId, out var problem));
        Assert.Null(answer);
        Assert.Equal(id, readId);
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }

    private static bool Parse(string payload, out CloudAuthorizeAnswer? answer, out string? id, out string? problem) =>
        CloudAuthorizeAnswer.TryParse(Encoding.UTF8.GetBytes(payload), out answer, out id, out problem);
}
