using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// Issue 14, items 17 and 18: every route of the endpoint table, not a hand-picked list, is refused
/// without a login, and every write route refused by cookie without the CSRF header; logout ends the login.
/// </summary>
public sealed class EndpointProtectionTests : IClassFixture<WebDaemonFixture>
{
    private readonly WebDaemon _daemon;

    public EndpointProtectionTests(WebDaemonFixture fixture)
    {
        _daemon = fixture.Daemon;
    }

    [Fact]
    public async Task Every_route_but_the_public_ones_is_refused_without_login()
    {
        using (var admin = await _daemon.LoggedInClientAsync())
        {
            await ConfigJson.SetPublicStatusAsync(admin, false);
        }

        var routes = await EndpointTable.ReadAsync();
        Assert.True(routes.Count >= 30, $"only {routes.Count} routes read from the endpoint table");
        using var anonymous = _daemon.NewClient();
        var open = new List<string>();
        foreach (var (method, pattern, path) in routes.Where(r => !EndpointTable.IsPublic(r.Pattern)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = EndpointTable.IsWrite(method) ? Json("{}") : null };
            using var response = await anonymous.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                open.Add($"{method} {pattern}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(open);
    }

    [Fact]
    public async Task Every_write_route_is_refused_by_cookie_without_the_CSRF_header()
    {
        using var browser = _daemon.NewClient(cookies: true);
        using (var login = await browser.PostAsJsonAsync("api/v1/login", new { username = "admin", password = WebDaemon.AdminPassword }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var routes = await EndpointTable.ReadAsync();
        var unguarded = new List<string>();
        foreach (var (method, pattern, path) in routes.Where(r => EndpointTable.IsWrite(r.Method) && !EndpointTable.IsPublic(r.Pattern)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("{}") };
            using var response = await browser.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                unguarded.Add($"{method} {pattern}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(unguarded);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("api/v1/config")).StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_login_for_the_cookie_and_for_its_bearer_token()
    {
        using var browser = _daemon.NewClient(cookies: true);
        using var login = await browser.PostAsJsonAsync("api/v1/login", new { username = "admin", password = WebDaemon.AdminPassword });
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        var (token, csrf) = (body.GetProperty("token").GetString(), body.GetProperty("csrfToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("api/v1/config")).StatusCode);

        using var withoutCsrf = await browser.PostAsync("api/v1/logout", null);
        Assert.Equal(HttpStatusCode.Forbidden, withoutCsrf.StatusCode);
        using var logout = new HttpRequestMessage(HttpMethod.Post, "api/v1/logout");
        logout.Headers.Add("X-CSRF-Token", csrf);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("api/v1/config")).StatusCode);
        using var script = _daemon.NewClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("api/v1/config")).StatusCode);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
