using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>The emergency-stop routes over real HTTP against the real daemon (demo site, no GPIO): login required, nothing to acknowledge is a 409.</summary>
public sealed class GpioApiTests : IClassFixture<WebDaemonFixture>
{
    private readonly WebDaemon _daemon;

    public GpioApiTests(WebDaemonFixture fixture)
    {
        _daemon = fixture.Daemon;
    }

    [Fact]
    public async Task The_emergency_stop_routes_need_a_login_and_an_acknowledgement_with_nothing_latched_is_refused()
    {
        using var anonymous = _daemon.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/gpio/emergency-stop")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("api/v1/gpio/emergency-stop/acknowledge", null)).StatusCode);

        using var client = await _daemon.LoggedInClientAsync();
        var state = await client.GetFromJsonAsync<JsonElement>("api/v1/gpio/emergency-stop");
        Assert.False(state.GetProperty("latched").GetBoolean());
        Assert.False(state.GetProperty("configured").GetBoolean());

        using var refused = await client.PostAsync("api/v1/gpio/emergency-stop/acknowledge", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("not latched", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
