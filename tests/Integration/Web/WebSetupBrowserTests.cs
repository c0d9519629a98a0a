using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// First start in a real headless Chromium: no admin password and no CHARGENET_ADMIN_PASSWORD, so the
/// page offers the setup step; the installer types the one-time code from the log and a password,
/// lands on the dashboard, and later changes the password on the page (errors beside their fields).
/// Screenshots go to artifacts/web.
/// </summary>
public sealed partial class WebSetupBrowserTests
{
    private readonly ITestOutputHelper _output;

    public WebSetupBrowserTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task An_installer_sets_the_admin_password_with_the_code_from_the_log_then_changes_it_on_the_page()
    {
        await using var daemon = await WebDaemon.StartAsync(adminPassword: null);
        var code = SetupCode().Match(await daemon.Process.WaitForLineAsync(l => l.Contains("setup code", StringComparison.Ordinal), TimeSpan.FromSeconds(10))).Groups[1].Value;
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(daemon.BaseAddress);
        await browser.WaitForAsync("!document.getElementById('setup').hidden", "the setup form");
        Assert.True((await browser.EvaluateAsync("document.getElementById('login').hidden")).GetBoolean());

        // A wrong code is refused on the page and sets nothing.
        await SubmitAsync(browser, "setup-form", ("code", code == "00000000" ? "11111111" : "00000000"), ("password", "installer-password"));
        await browser.WaitForAsync("document.getElementById('setup-error').textContent.includes('setup code is wrong')", "the wrong-code message");
        await FillAsync(browser, "setup-form", submit: false, ("code", code), ("password", "installer-password"));
        await browser.SaveScreenshotAsync("setup.png", _output);
        await browser.EvaluateAsync("document.getElementById('setup-form').requestSubmit()");
        await browser.WaitForAsync("document.querySelectorAll('#chargers tbody tr[data-charger]').length >= 6 && !document.getElementById('logout').hidden", "the dashboard, logged in");
        await browser.SaveScreenshotAsync("after-setup-dashboard.png", _output);

        // Change the password: a wrong current one stands beside its field; the right one works.
        await browser.EvaluateAsync("location.hash = '#password'");
        await browser.WaitForAsync("!document.getElementById('password').hidden", "the password form");
        await SubmitAsync(browser, "password-form", ("currentPassword", "not-my-password"), ("newPassword", "changed-password"), ("repeatPassword", "changed-password"));
        const string CurrentField = "document.querySelector('#password-form [data-path=\"$.currentPassword\"]')";
        await browser.WaitForAsync($"{CurrentField}.closest('label').nextElementSibling?.classList.contains('field-error')", "the error beside the current password");
        Assert.Contains("wrong", (await browser.EvaluateAsync($"{CurrentField}.closest('label').nextElementSibling.textContent")).GetString(), StringComparison.Ordinal);
        await browser.SaveScreenshotAsync("password-error.png", _output);
        await SubmitAsync(browser, "password-form", ("currentPassword", "installer-password"), ("newPassword", "changed-password"), ("repeatPassword", "changed-password"));
        await browser.WaitForAsync("document.getElementById('password-ok').textContent.includes('Password changed')", "the change to be confirmed");

        // The page's own login goes on with the fresh cookie; the old password no longer logs in.
        await browser.EvaluateAsync("location.hash = '#config'");
        await browser.WaitForAsync("document.querySelector('#config-fields [data-path=\"$.grid.maxCurrentA\"]')?.value > 0", "the configuration, still logged in");
        using var client = daemon.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("api/v1/login", new { username = "admin", password = "installer-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("api/v1/login", new { username = "admin", password = "changed-password" })).StatusCode);
    }

    private static Task<System.Text.Json.JsonElement> SubmitAsync(HeadlessChromium browser, string formId, params (string Name, string Value)[] fields) =>
        FillAsync(browser, formId, submit: true, fields);

    private static Task<System.Text.Json.JsonElement> FillAsync(HeadlessChromium browser, string formId, bool submit, params (string Name, string Value)[] fields) =>
        browser.EvaluateAsync($$"""
            (() => {
              const form = document.getElementById('{{formId}}');
              {{string.Concat(fields.Select(f => $"form.elements['{f.Name}'].value = '{f.Value}';"))}}
              {{(submit ? "form.requestSubmit();" : "")}}
            })()
            """);

    [GeneratedRegex("setup code ([0-9]{8})")]
    private static partial Regex SetupCode();
}
