using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>What the tests of the page do the same way in headless Chromium: log in as a person does, and keep a screenshot.</summary>
internal static class PageSteps
{
    /// <summary>Logs in on the page at <paramref name="web"/> as admin through its form and opens <paramref name="section"/> (e.g. <c>statements</c>) once its link shows.</summary>
    public static async Task LogInAndOpenAsync(this HeadlessChromium browser, Uri web, string section, string password = SiteDaemon.AdminPassword)
    {
        await browser.NavigateAsync(new Uri(web, "/#login"));
        await browser.WaitForAsync("!document.getElementById('login').hidden", "the login form");
        await browser.EvaluateAsync($"(() => {{ const f = document.getElementById('login-form'); f.username.value = 'admin'; f.password.value = '{password}'; f.requestSubmit(); }})()");
        await browser.WaitForAsync($"!document.querySelector('nav a[href=\"#{section}\"]').hidden", "the login");
        await browser.EvaluateAsync($"location.hash = '#{section}'");
    }

    /// <summary>Saves what the page shows as <c>artifacts/web/{name}</c> in the test output folder, and says where.</summary>
    public static async Task SaveScreenshotAsync(this HeadlessChromium browser, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", "web", name);
        await browser.ScreenshotAsync(path);
        output.WriteLine("screenshot: " + path);
    }
}
