using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>First start without CHARGENET_ADMIN_PASSWORD, login rate limiting and password change, each on a daemon of its own.</summary>
public sealed partial class WebSetupTests
{
    [Fact]
    public async Task Without_an_admin_password_the_setup_step_takes_the_code_from_the_log_once()
    {
        await using var daemon = await WebDaemon.StartAsync(adminPassword: null);
        using var client = daemon.NewClient();
        var line = await daemon.Process.WaitForLineAsync(l => l.Contains("setup code", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var code = SetupCode().Match(line).Groups[1].Value;
        Assert.True((await client.GetFromJsonAsync<JsonElement>("api/v1/session")).GetProperty("setupRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("api/v1/login", new { username = "admin", password = "anything-at-all" })).StatusCode);

        using var wrong = await client.PostAsJsonAsync("api/v1/setup", new { code = code == "12345678" ? "87654321" : "12345678", password = "chosen-password" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var right = await client.PostAsJsonAsync("api/v1/setup", new { code, password = "chosen-password" });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var twice = await client.PostAsJsonAsync("api/v1/setup", new { code, password = "other-password" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("api/v1/login", new { username = "admin", password = "chosen-password" })).StatusCode);
        Assert.False((await client.GetFromJsonAsync<JsonElement>("api/v1/session")).GetProperty("setupRequired").GetBoolean());
        Assert.DoesNotContain("chosen-password", daemon.Process.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_five_failed_logins_even_the_right_password_waits()
    {
        await using var daemon = await WebDaemon.StartAsync();
        using var client = daemon.NewClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("api/v1/login", new { username = "admin", password = "guess-" + i })).StatusCode);
        }

        using var limited = await client.PostAsJsonAsync("api/v1/login", new { username = "admin", password = WebDaemon.AdminPassword });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture), 1, 300);
        Assert.Equal(429, (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password_ends_every_other_login_and_is_rate_limited()
    {
        await using var daemon = await WebDaemon.StartAsync();
        using var first = await daemon.LoggedInClientAsync();
        using var second = await daemon.LoggedInClientAsync();

        using var wrong = await first.PostAsJsonAsync("api/v1/password", new { currentPassword = "not-the-password", newPassword = "a-new-password" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("$.currentPassword", out _));
        using var weak = await first.PostAsJsonAsync("api/v1/password", new { currentPassword = WebDaemon.AdminPassword, newPassword = "short" });
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("$.newPassword", out _));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("api/v1/config")).StatusCode);

        using var changed = await first.PostAsJsonAsync("api/v1/password", new { currentPassword = WebDaemon.AdminPassword, newPassword = "a-new-password" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var token = (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("api/v1/config")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("api/v1/config")).StatusCode);
        first.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("api/v1/config")).StatusCode);
        using var anonymous = daemon.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("api/v1/login", new { username = "admin", password = WebDaemon.AdminPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("api/v1/login", new { username = "admin", password = "a-new-password" })).StatusCode);
        Assert.DoesNotContain("a-new-password", daemon.Process.Transcript, StringComparison.Ordinal);

        // Guessing the current password counts as failed logins do: the sixth try waits, even a right one.
        for (var i = 0; i < 5; i++)
        {
            using var guess = await first.PostAsJsonAsync("api/v1/password", new { currentPassword = "guess-" + i, newPassword = "third-password" });
            Assert.Equal(HttpStatusCode.BadRequest, guess.StatusCode);
        }

        using var limited = await first.PostAsJsonAsync("api/v1/password", new { currentPassword = "a-new-password", newPassword = "third-password" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("api/v1/config")).StatusCode);
    }

    [GeneratedRegex("setup code ([0-9]{8})")]
    private static partial Regex SetupCode();
}
