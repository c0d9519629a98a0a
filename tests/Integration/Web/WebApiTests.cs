using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>The REST API of the real daemon (demo site) over real HTTP on loopback.</summary>
public sealed class WebApiTests : IClassFixture<WebDaemonFixture>
{
    private readonly WebDaemon _daemon;

    public WebApiTests(WebDaemonFixture fixture)
    {
        _daemon = fixture.Daemon;
    }

    [Fact]
    public async Task Login_sets_an_HttpOnly_SameSite_Strict_cookie_and_returns_a_bearer_token()
    {
        using var client = _daemon.NewClient();
        using var response = await client.PostAsJsonAsync("api/v1/login", new { username = "admin", password = WebDaemon.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("chargenet_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(token, session, StringComparison.Ordinal);
        var csrf = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("chargenet_csrf=", StringComparison.Ordinal));
        Assert.DoesNotContain("httponly", csrf, StringComparison.OrdinalIgnoreCase);

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/config");
        request.Headers.Authorization = new("Bearer", token);
        using var config = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_401_and_gives_no_token()
    {
        using var client = _daemon.NewClient();
        using var response = await client.PostAsJsonAsync("api/v1/login", new { username = "admin", password = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("GET", "api/v1/config")]
    [InlineData("PUT", "api/v1/config")]
    [InlineData("GET", "api/v1/config/revisions")]
    [InlineData("GET", "api/v1/chargers")]
    [InlineData("POST", "api/v1/chargers/CP001/reset")]
    [InlineData("GET", "api/v1/sessions")]
    [InlineData("GET", "api/v1/events")]
    [InlineData("GET", "api/v1/authorization-list")]
    [InlineData("PUT", "api/v1/authorization-list")]
    public async Task Without_login_everything_but_status_is_refused_with_a_401_problem(string method, string path)
    {
        using var client = _daemon.NewClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = method == "PUT" ? new("Bearer", "forged-token") : null;
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_cookie_login_needs_the_CSRF_header_to_change_anything()
    {
        using var browser = _daemon.NewClient(cookies: true);
        using var login = await browser.PostAsJsonAsync("api/v1/login", new { username = "admin", password = WebDaemon.AdminPassword });
        var csrf = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString();
        var document = await ConfigJson.GetAsync(browser);
        var before = (await browser.GetFromJsonAsync<JsonElement>("api/v1/config/revisions")).GetArrayLength();
        document["grid"]!["safetyMarginA"] = document["grid"]!["safetyMarginA"]!.GetValue<double>() + 1;

        using var forged = await browser.PutAsync("api/v1/config", ConfigJson.Body(document));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Put, "api/v1/config") { Content = ConfigJson.Body(document) };
        wrong.Headers.Add("X-CSRF-Token", "guessed");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(wrong)).StatusCode);
        Assert.Equal(before, (await browser.GetFromJsonAsync<JsonElement>("api/v1/config/revisions")).GetArrayLength());

        using var right = new HttpRequestMessage(HttpMethod.Put, "api/v1/config") { Content = ConfigJson.Body(document) };
        right.Headers.Add("X-CSRF-Token", csrf);
        using var accepted = await browser.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var newest = (await browser.GetFromJsonAsync<JsonElement>("api/v1/config/revisions"))[0];
        Assert.Equal("page", newest.GetProperty("source").GetString());
        Assert.Equal("admin", newest.GetProperty("author").GetString());
    }

    [Fact]
    public async Task An_invalid_configuration_is_a_400_listing_every_problem_by_path_and_changes_nothing()
    {
        using var client = await _daemon.LoggedInClientAsync();
        var before = await client.GetStringAsync("api/v1/config");
        var document = JsonNode.Parse(before)!;
        document["grid"]!["maxCurrentA"] = -5;
        document["chargers"]![1]!["minCurrentA"] = "six";
        document["chargers"]![2]!["circuit"] = "no-such-circuit";

        using var response = await client.PutAsync("api/v1/config", ConfigJson.Body(document));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("$.grid.maxCurrentA", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("$.chargers[1].minCurrentA", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("$.chargers[2].circuit", out _), errors.ToString());
        Assert.Equal(before, await client.GetStringAsync("api/v1/config"));

        using var notJson = await client.PutAsync("api/v1/config", new StringContent("{\"siteId\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.True((await notJson.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("$", out _));
    }

    [Fact]
    public async Task A_valid_configuration_becomes_a_new_revision_in_force_at_once()
    {
        using var client = await _daemon.LoggedInClientAsync();
        var document = await ConfigJson.GetAsync(client);
        var limit = document["grid"]!["maxCurrentA"]!.GetValue<double>() - 1;
        document["grid"]!["maxCurrentA"] = limit;

        using var response = await client.PutAsync("api/v1/config", ConfigJson.Body(document));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var revision = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32();
        Assert.Equal(revision.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Config-Revision")));
        Assert.Equal(limit, (await ConfigJson.GetAsync(client))["grid"]!["maxCurrentA"]!.GetValue<double>());
        Assert.Equal(revision, (await client.GetFromJsonAsync<JsonElement>("api/v1/config/revisions"))[0].GetProperty("number").GetInt32());
        await Poll.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>("api/v1/status")).GetProperty("revision").GetInt32() == revision,
            "the control loop runs on the new revision");
    }

    [Fact]
    public async Task Secrets_are_kept_but_never_returned_by_config_revisions_or_exports()
    {
        const string OcppSecret = "ocpp-secret-0123456789";
        const string CloudSecret = "cloud-secret-0123456789";
        using var client = await _daemon.LoggedInClientAsync();
        var document = await ConfigJson.GetAsync(client);
        var ocppCharger = document["chargers"]!.AsArray().Last(c => c!["protocol"]!.GetValue<string>() == "ocpp1.6")!;
        ocppCharger["ocppPassword"] = OcppSecret;
        document["cloud"] = new JsonObject { ["enabled"] = false, ["host"] = "broker.invalid", ["port"] = 8883, ["tls"] = true, ["username"] = "site", ["password"] = CloudSecret };

        using var response = await client.PutAsync("api/v1/config", ConfigJson.Body(document));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var revision = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32();

        foreach (var path in new[] { "api/v1/config", $"api/v1/config/revisions/{revision}", "api/v1/config/revisions", "api/v1/chargers", "api/v1/events?limit=1000" })
        {
            var text = await client.GetStringAsync(path);
            Assert.DoesNotContain(OcppSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(CloudSecret, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(OcppSecret, _daemon.Process.Transcript, StringComparison.Ordinal);

        // Sending the redacted export back keeps the secrets: it is "unchanged", no new revision.
        using var again = await client.PutAsync("api/v1/config", new StringContent(await client.GetStringAsync("api/v1/config"), System.Text.Encoding.UTF8, "application/json"));
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unchanged").GetBoolean());
    }

    [Fact]
    public async Task Events_and_sessions_are_paged_newest_first_within_bounds()
    {
        using var client = await _daemon.LoggedInClientAsync();
        await Poll.UntilAsync(async () => (await client.GetFromJsonAsync<JsonElement>("api/v1/events?limit=3")).GetArrayLength() == 3, "three events");

        var firstTwo = await client.GetFromJsonAsync<JsonElement>("api/v1/events?limit=2");
        var second = await client.GetFromJsonAsync<JsonElement>("api/v1/events?limit=1&offset=1");
        Assert.Equal(2, firstTwo.GetArrayLength());
        Assert.Equal(firstTwo[1].GetProperty("id").GetString(), second[0].GetProperty("id").GetString());
        Assert.True(firstTwo[0].GetProperty("ts").GetDateTimeOffset() >= firstTwo[1].GetProperty("ts").GetDateTimeOffset());

        foreach (var bad in new[] { "api/v1/events?limit=0", "api/v1/events?limit=10001", "api/v1/sessions?offset=-1", "api/v1/events?limit=many" })
        {
            using var response = await client.GetAsync(bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        await Poll.UntilAsync(async () => (await client.GetFromJsonAsync<JsonElement>("api/v1/sessions")).GetArrayLength() > 0, "a demo session");
        var charger = (await client.GetFromJsonAsync<JsonElement>("api/v1/sessions"))[0].GetProperty("chargerId").GetString();
        var filtered = await client.GetFromJsonAsync<JsonElement>($"api/v1/sessions?chargerId={charger}&limit=10000");
        Assert.All(filtered.EnumerateArray(), s => Assert.Equal(charger, s.GetProperty("chargerId").GetString()));
        var csv = await client.GetStringAsync($"api/v1/sessions/export.csv?chargerId={charger}");
        Assert.StartsWith("id,chargerId,connectorId,transactionId,idTag,startedAt,stoppedAt,energyWh,stopReason\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(filtered.GetArrayLength() + 2, csv.Split("\r\n").Length);
    }

    [Fact]
    public async Task Status_is_open_only_while_the_configuration_makes_it_public()
    {
        using var admin = await _daemon.LoggedInClientAsync();
        using var anonymous = _daemon.NewClient();

        await ConfigJson.SetPublicStatusAsync(admin, false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/v1/status")).StatusCode);

        await ConfigJson.SetPublicStatusAsync(admin, true);
        var status = await anonymous.GetFromJsonAsync<JsonElement>("api/v1/status");
        Assert.Equal(3, status.GetProperty("grid").GetProperty("currentA").GetArrayLength());
        Assert.True(status.GetProperty("chargers").GetArrayLength() >= 6);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/config")).StatusCode);
    }

    [Fact]
    public async Task OCPP_actions_reach_the_charger_and_a_Modbus_charger_says_what_it_cannot_do()
    {
        using var client = await _daemon.LoggedInClientAsync();
        var chargers = await client.GetFromJsonAsync<JsonElement>("api/v1/chargers");
        var ocpp = chargers.EnumerateArray().First(c => c.GetProperty("protocol").GetString() == "ocpp1.6").GetProperty("id").GetString();
        var modbus = chargers.EnumerateArray().First(c => c.GetProperty("protocol").GetString() == "modbus").GetProperty("id").GetString();

        using var refused = await client.PostAsJsonAsync($"api/v1/chargers/{modbus}/reset", new { type = "Soft" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("modbus charger", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        await Poll.UntilAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"api/v1/chargers/{ocpp}")).GetProperty("online").GetBoolean(), "the OCPP charger online");
        using var availability = await client.PostAsJsonAsync($"api/v1/chargers/{ocpp}/availability", new { connectorId = 0, operative = true });
        Assert.Equal(HttpStatusCode.OK, availability.StatusCode);
        Assert.Equal("Accepted", (await availability.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"api/v1/chargers/{ocpp}/reset", new { type = "Sideways" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("api/v1/chargers/nope/reset", new { type = "Soft" })).StatusCode);
    }

    [Fact]
    public async Task Test_connection_reads_a_configured_device_once()
    {
        using var client = await _daemon.LoggedInClientAsync();

        using var meter = await client.PostAsync("api/v1/meters/grid/test", null);
        Assert.Equal(HttpStatusCode.OK, meter.StatusCode);
        var reading = await meter.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(reading.GetProperty("currentA").GetProperty("l1").GetDouble() > 0, reading.ToString());

        var modbus = (await client.GetFromJsonAsync<JsonElement>("api/v1/chargers")).EnumerateArray()
            .First(c => c.GetProperty("protocol").GetString() == "modbus").GetProperty("id").GetString();
        using var charger = await client.PostAsync($"api/v1/chargers/{modbus}/test", null);
        Assert.Equal(HttpStatusCode.OK, charger.StatusCode);
        Assert.Equal(modbus, (await charger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("chargerId").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("api/v1/meters/nope/test", null)).StatusCode);
    }

    [Fact]
    public async Task The_authorization_list_is_replaced_whole_or_refused_whole()
    {
        using var client = await _daemon.LoggedInClientAsync();
        var before = await client.GetFromJsonAsync<JsonElement>("api/v1/authorization-list");

        using var bad = await client.PutAsJsonAsync("api/v1/authorization-list", new { entries = new object[] { new { idTag = "OK-1", status = "Accepted" }, new { idTag = "", status = "Nope" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("$.entries[1].status", out _));
        Assert.Equal(before.ToString(), (await client.GetFromJsonAsync<JsonElement>("api/v1/authorization-list")).ToString());

        using var good = await client.PutAsJsonAsync("api/v1/authorization-list", new { entries = new object[] { new { idTag = "RFID-1", status = "Accepted" }, new { idTag = "RFID-2", status = "Blocked" } } });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var after = await client.GetFromJsonAsync<JsonElement>("api/v1/authorization-list");
        // The version rises by the number of entries: room for the versions of a list sent in chunks.
        Assert.Equal(before.GetProperty("version").GetInt32() + 2, after.GetProperty("version").GetInt32());
        Assert.Equal(["RFID-1", "RFID-2"], after.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("idTag").GetString()));
    }

    [Fact]
    public async Task OpenAPI_metrics_health_and_the_page_are_served()
    {
        using var client = _daemon.NewClient();
        var openApi = await client.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/login", "/api/v1/status", "/api/v1/config", "/api/v1/sessions", "/api/v1/events", "/api/v1/chargers/{id}/reset" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        using var admin = await _daemon.LoggedInClientAsync();
        var metrics = await admin.GetAsync("metrics");
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Matches("chargenet_grid_current_amperes\\{phase=\"L2\"\\} [0-9.]+\n", text);
        Assert.Matches("chargenet_control_cycle_seconds_count [1-9][0-9]*\n", text);
        Assert.Matches("chargenet_control_latency_seconds_count [1-9][0-9]*\n", text);
        Assert.Matches("chargenet_events_stored [0-9]+\n", text);

        Assert.Equal("ok\n", await client.GetStringAsync("healthz"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("readyz")).StatusCode);
        Assert.Contains("<script src=\"app.js\">", await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", await client.GetStringAsync("api.html"), StringComparison.Ordinal);
    }
}
