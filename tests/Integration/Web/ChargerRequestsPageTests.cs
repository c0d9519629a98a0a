using ChargeNet.Integration.Tests.Ocpp;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// Asking a charger from the dashboard (docs/web.md): the installer triggers a message on one
/// connector and resets a charger, which takes a second click; over the built daemon, a strict
/// ocpp-rpc charge point and headless Chromium. The list of messages is the charger's protocol's.
/// </summary>
public sealed class ChargerRequestsPageTests
{
    private const string SiteJson = """
        {
          "siteId": "ask-site",
          "timeZone": "Europe/Stockholm",
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "ASK-1", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 },
                        { "id": "ASK-2", "protocol": "ocpp2.0.1", "circuit": "main", "maxCurrentA": 16 } ]
        }
        """;

    // The dashboard's row of ASK-1's connector 1 (the table is redrawn with every status: looked up each time).
    private const string Row = "[...document.querySelectorAll('#chargers tr[data-charger=\"ASK-1\"]')].find(r => r.cells[1].textContent === '1')";

    private readonly ITestOutputHelper _output;

    public ChargerRequestsPageTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task The_installer_triggers_a_message_on_a_connector_and_resets_a_charger_after_a_second_click()
    {
        await using var daemon = await SiteDaemon.StartAsync(SiteJson);
        await using var charger = await OcppPeer.StartAsync();
        await charger.SetReplyAsync("TriggerMessage", new { status = "Accepted" });
        await charger.SetReplyAsync("Reset", new { status = "Accepted" });
        Assert.True((await charger.ConnectAsync($"ws://{daemon.Ocpp.Authority}/ocpp", "ASK-1")).GetProperty("ok").GetBoolean());
        await charger.CallOkAsync("BootNotification", OcppPayloads.Boot);
        await charger.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Available"));

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(daemon.Web, "/#login"));
        await browser.WaitForAsync("!document.getElementById('login').hidden", "the login form");
        await browser.EvaluateAsync($"(() => {{ const f = document.getElementById('login-form'); f.username.value = 'admin'; f.password.value = '{SiteDaemon.AdminPassword}'; f.requestSubmit(); }})()");
        await browser.WaitForAsync($"{Row}?.querySelector('[data-role=reset]') != null", "ASK-1's connector 1 with its trigger and reset");

        // Each charger is offered its own protocol's messages: a 2.0.1 station its TransactionEvent, and no BootNotification (F06.FR.17).
        Assert.Equal("StatusNotification,MeterValues,Heartbeat,BootNotification,FirmwareStatusNotification,DiagnosticsStatusNotification", await OptionsAsync(browser, "ASK-1"));
        Assert.Equal("StatusNotification,MeterValues,TransactionEvent,Heartbeat,FirmwareStatusNotification,LogStatusNotification", await OptionsAsync(browser, "ASK-2"));

        var trigger = charger.ExpectIncomingCall("TriggerMessage");
        await browser.EvaluateAsync($"(() => {{ const r = {Row}; const s = r.querySelector('[data-role=trigger-message]'); s.value = 'MeterValues'; s.dispatchEvent(new Event('change')); r.querySelector('[data-role=trigger]').click(); }})()");
        var asked = await OcppPeer.WaitForIncomingCallAsync(trigger);
        Assert.Equal(("MeterValues", 1), (asked.GetProperty("requestedMessage").GetString(), asked.GetProperty("connectorId").GetInt32()));
        await browser.WaitForAsync($"{Row}.querySelector('[data-role=answer]').textContent === 'trigger: Accepted'", "the charger's answer on the page");

        // A reset takes a second click: the first only arms the button.
        await browser.EvaluateAsync($"(() => {{ const r = {Row}; const s = r.querySelector('[data-role=reset-type]'); s.value = 'Hard'; s.dispatchEvent(new Event('change')); r.querySelector('[data-role=reset]').click(); }})()");
        await browser.WaitForAsync($"{Row}.querySelector('[data-role=reset]').textContent === 'Confirm reset'", "the armed reset");
        Assert.DoesNotContain("INCALL a Reset ", charger.Output, StringComparison.Ordinal);
        var reset = charger.ExpectIncomingCall("Reset");
        await browser.EvaluateAsync($"{Row}.querySelector('[data-role=reset]').click()");
        Assert.Equal("Hard", (await OcppPeer.WaitForIncomingCallAsync(reset)).GetProperty("type").GetString());
        await browser.WaitForAsync($"{Row}.querySelector('[data-role=answer]').textContent === 'reset: Accepted' && {Row}.querySelector('[data-role=reset]').textContent === 'Reset'", "the reset's answer on the page");

        await browser.SaveScreenshotAsync("charger-requests.png", _output);
    }

    private static async Task<string?> OptionsAsync(HeadlessChromium browser, string chargerId) =>
        (await browser.EvaluateAsync($"[...document.querySelector('#chargers tr[data-charger=\"{chargerId}\"] [data-role=trigger-message]').options].map(o => o.value).join(',')")).GetString();
}
