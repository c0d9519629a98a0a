using ChargeNet.Integration.Tests.Ocpp;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// A charger opened on the dashboard (docs/web.md, "Why is it limited?"): over the built daemon, strict ocpp-rpc chargers (2.0.1
/// and 1.6) and headless Chromium, the installer reads the limit the edge sets, the composite schedule the charger reads back, the
/// profiles it holds, the limits set on it from outside and the sentence that says which of them holds it; and asks a 2.0.1 station
/// to clear its cache, for its transaction status and for a report, each reaching the station and its answer shown.
/// </summary>
public sealed class ChargerDetailPageTests
{
    private const string SiteJson = """
        {
          "siteId": "why-site",
          "timeZone": "Europe/Stockholm",
          "grid": { "maxCurrentA": 63, "safetyMarginA": 3, "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": 63 } ],
          "chargers": [ { "id": "WHY-16", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16 },
                        { "id": "WHY-201", "protocol": "ocpp2.0.1", "circuit": "main", "maxCurrentA": 16 } ]
        }
        """;

    private const string Panel = "document.getElementById('charger-detail')";

    private readonly ITestOutputHelper _output;

    public ChargerDetailPageTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task The_installer_opens_a_charger_reads_why_it_is_limited_and_asks_it_to_clear_its_cache_for_a_transaction_and_a_report()
    {
        var now = OcppPayloads.Iso(DateTimeOffset.UtcNow);
        await using var daemon = await SiteDaemon.StartAsync(SiteJson);
        await using var station = await OcppPeer.StartAsync();
        Assert.True((await station.ConnectAsync($"ws://{daemon.Ocpp.Authority}/ocpp", "WHY-201", protocols: Ocpp201Payloads.Protocols)).GetProperty("ok").GetBoolean(), station.Output);
        await station.CallOkAsync("BootNotification", Ocpp201Payloads.Boot);

        // A car charging on EVSE 1 at about 10 A, and the grid operator's 10 A set on the station itself (K12): the balancer gives no more.
        await station.CallOkAsync("StatusNotification", Ocpp201Payloads.Status(1, "Occupied"));
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "tx-why", now, "Authorized", chargingState: "Charging", idToken: "TAG-1"));
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Updated", 1, "tx-why", now, "MeterValuePeriodic", [Ocpp201Payloads.Currents(now, 9.8, 9.7, 9.8, 1.0)], "Charging"));
        await station.CallOkAsync("NotifyChargingLimit", new
        {
            evseId = 1,
            chargingLimit = new { chargingLimitSource = "SO", isGridCritical = true },
            chargingSchedule = new[] { new { id = 1, chargingRateUnit = "A", chargingSchedulePeriod = new[] { new { startPeriod = 0, limit = 10.0 } } } },
        });
        await station.SetReplyAsync("GetCompositeSchedule", new
        {
            status = "Accepted",
            schedule = new { evseId = 1, duration = 3600, scheduleStart = now, chargingRateUnit = "A", chargingSchedulePeriod = new[] { new { startPeriod = 0, limit = 10.0 } } },
        });
        await station.SetReplyAsync("GetChargingProfiles", new { status = "Accepted" });

        await using var charger = await daemon.BootedChargerAsync("WHY-16");
        await charger.CallOkAsync("StatusNotification", OcppPayloads.Status(1, "Available"));
        await charger.SetReplyAsync("GetCompositeSchedule", new
        {
            status = "Accepted",
            connectorId = 1,
            scheduleStart = now,
            chargingSchedule = new { duration = 3600, chargingRateUnit = "A", chargingSchedulePeriod = new[] { new { startPeriod = 0, limit = 16.0 } } },
        });

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.LogInAndOpenAsync(daemon.Web, "dashboard");
        await browser.WaitForAsync(
            $"{Row("WHY-201")}?.querySelector('[data-role=detail]') != null && {Row("WHY-201")}.cells[4].textContent.startsWith('10.0')",
            "WHY-201 held at 10 A by the control loop, with its detail button");

        // Opened: the station is asked for its composite schedule and its profiles (K08, K09), and answers with its reports.
        var profilesCall = station.ExpectIncomingCall("GetChargingProfiles");
        await browser.EvaluateAsync($"{Row("WHY-201")}.querySelector('[data-role=detail]').click()");
        var requestId = (await OcppPeer.WaitForIncomingCallAsync(profilesCall)).GetProperty("requestId").GetInt32();
        await station.CallOkAsync("ReportChargingProfiles", new
        {
            requestId,
            chargingLimitSource = "CSO",
            evseId = 1,
            tbc = false,
            chargingProfile = new[]
            {
                new
                {
                    id = 9001,
                    stackLevel = 0,
                    chargingProfilePurpose = "TxDefaultProfile",
                    chargingProfileKind = "Absolute",
                    chargingSchedule = new[] { new { id = 1, chargingRateUnit = "A", startSchedule = now, chargingSchedulePeriod = new[] { new { startPeriod = 0, limit = 10.0 } } } },
                },
            },
        });
        await browser.WaitForAsync($"{Panel}.dataset.charger === 'WHY-201' && {Panel}.dataset.state === 'read'", "WHY-201's schedule on the page");

        Assert.Equal("Limited to 10 A by the grid operator's limit set on the charger.", await TextAsync(browser, "#detail-why"));
        Assert.Contains("Sent10.0 A", await TextAsync(browser, "#detail-edge"), StringComparison.Ordinal);
        Assert.Equal(["now|10.0 A"], await RowsAsync(browser, "detail-schedule"));
        Assert.Equal(["9001|TxDefaultProfile|0|CSO|1|now 10.0 A"], await RowsAsync(browser, "detail-profiles"));
        Assert.Matches(@"^SO\|grid critical\|now 10\.0 A\|.+$", Assert.Single(await RowsAsync(browser, "detail-external")));

        // ClearCache (C11) from the panel, to the station and its answer back.
        var clear = station.ExpectIncomingCall("ClearCache");
        await browser.EvaluateAsync("document.getElementById('detail-clear-cache').click()");
        await OcppPeer.WaitForIncomingCallAsync(clear);
        await browser.WaitForAsync("document.getElementById('detail-cache-answer').textContent === 'ClearCache: Accepted'", "the ClearCache answer");

        // GetTransactionStatus (E14) of the running transaction.
        await station.SetReplyAsync("GetTransactionStatus", new { ongoingIndicator = true, messagesInQueue = false });
        var status = station.ExpectIncomingCall("GetTransactionStatus");
        await browser.EvaluateAsync("(() => { const f = document.getElementById('detail-tx-form'); f.transactionId.value = 'tx-why'; f.requestSubmit(); })()");
        Assert.Equal("tx-why", (await OcppPeer.WaitForIncomingCallAsync(status)).GetProperty("transactionId").GetString());
        await browser.WaitForAsync(
            "document.getElementById('detail-tx-answer').textContent === \"The transaction is still going. No messages wait in the station's queue.\"", "the transaction's status");

        // GetReport (B08) of EVSE 1's AvailabilityState among the Available components; the station's NotifyReport is its answer.
        await station.SetReplyAsync("GetReport", new { status = "Accepted" });
        var reportCall = station.ExpectIncomingCall("GetReport");
        await browser.EvaluateAsync("""
            (() => { const f = document.getElementById('detail-report-form');
              f.querySelector('input[name=criteria][value=Available]').checked = true;
              f.component.value = 'EVSE'; f.evseId.value = '1'; f.variable.value = 'AvailabilityState'; f.requestSubmit(); })()
            """);
        var report = await OcppPeer.WaitForIncomingCallAsync(reportCall);
        Assert.Equal(("Available", "AvailabilityState"), (report.GetProperty("componentCriteria")[0].GetString(), report.GetProperty("componentVariable")[0].GetProperty("variable").GetProperty("name").GetString()));
        await station.CallOkAsync("NotifyReport", new
        {
            requestId = report.GetProperty("requestId").GetInt32(),
            generatedAt = now,
            seqNo = 0,
            reportData = new[] { new { component = new { name = "EVSE", evse = new { id = 1 } }, variable = new { name = "AvailabilityState" }, variableAttribute = new[] { new { value = "Available" } } } },
        });
        await browser.WaitForAsync("document.getElementById('detail-report-answer').textContent === 'GetReport: Accepted, 1 variable'", "the report's answer");
        Assert.Equal(["EVSE|1|AvailabilityState|Actual: Available"], await RowsAsync(browser, "detail-report"));
        await browser.SaveScreenshotAsync("charger-detail-201.png", _output);

        // A 1.6 charger: its composite schedule read back; it cannot list its profiles, and has no 2.0.1 questions to offer.
        await browser.EvaluateAsync($"{Row("WHY-16")}.querySelector('[data-role=detail]').click()");
        await browser.WaitForAsync($"{Panel}.dataset.charger === 'WHY-16' && {Panel}.dataset.state === 'read'", "WHY-16's schedule on the page");
        Assert.Equal("No car is plugged in: nothing is limited now.", await TextAsync(browser, "#detail-why"));
        Assert.Equal(["now|16.0 A"], await RowsAsync(browser, "detail-schedule"));
        Assert.StartsWith("An OCPP 1.6 charger cannot list its profiles", await TextAsync(browser, "#detail-profiles-note"), StringComparison.Ordinal);
        Assert.True((await browser.EvaluateAsync("document.getElementById('detail-questions').hidden")).GetBoolean());
        await browser.SaveScreenshotAsync("charger-detail-16.png", _output);
    }

    // The dashboard's first row of a charger (the table is redrawn with every status: looked up each time).
    private static string Row(string chargerId) => $"document.querySelector('#chargers tr[data-charger=\"{chargerId}\"]')";

    private static async Task<string?> TextAsync(HeadlessChromium browser, string selector) =>
        (await browser.EvaluateAsync($"document.querySelector('#charger-detail {selector}').textContent")).GetString();

    // Each body row of a panel table, its cells joined by '|'.
    private static async Task<string[]> RowsAsync(HeadlessChromium browser, string tableId) =>
        [.. (await browser.EvaluateAsync($"[...document.querySelectorAll('#{tableId} tbody tr')].map(r => [...r.cells].map(c => c.textContent).join('|'))")).EnumerateArray().Select(e => e.GetString()!)];
}
