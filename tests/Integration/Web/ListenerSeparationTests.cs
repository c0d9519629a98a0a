using System.Net;
using System.Net.Http.Json;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>docs/security.md: the page, REST API and login only on the web listener, OCPP only on the OCPP listener.</summary>
public sealed class ListenerSeparationTests : IClassFixture<WebDaemonFixture>
{
    private readonly WebDaemon _daemon;

    public ListenerSeparationTests(WebDaemonFixture fixture)
    {
        _daemon = fixture.Daemon;
    }

    [Fact]
    public async Task The_page_REST_and_login_answer_only_on_the_web_listener_and_OCPP_only_on_the_OCPP_listener()
    {
        using var web = _daemon.NewClient();
        using var ocpp = new HttpClient { BaseAddress = _daemon.OcppAddress };

        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ocpp.GetAsync("")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ocpp.GetAsync("app.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ocpp.GetAsync("api/v1/session")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ocpp.GetAsync("metrics")).StatusCode);
        using var login = await ocpp.PostAsJsonAsync("api/v1/login", new { username = "admin", password = WebDaemon.AdminPassword });
        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        Assert.False(login.Headers.Contains("Set-Cookie"));

        // The OCPP route exists only on its own listener: there a plain GET reaches the upgrade gate (400, not a WebSocket).
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync("ocpp/CP001")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ocpp.GetAsync("ocpp/CP001")).StatusCode);
    }
}
