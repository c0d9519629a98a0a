using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Operations;
using ChargeNet.EdgeAgent.Web.Api;
using ChargeNet.Integration.Tests.Ocpp;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using NJsonSchema;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// A strict ocpp-rpc charge point on the real OCPP central system, whose transactions are kept in the
/// edge's real LiteDB store, and the cloud on a real mosquitto: a finished transaction reaches the
/// sessions topic as docs/mqtt.md's schema says; the OCPP commands over MQTT reach the charger as
/// the right OCPP call, and its answer comes back on the response topic.
/// </summary>
public sealed partial class CloudOcppTests : IAsyncLifetime
{
    private const string Site = "site-ocpp";
    private const string Replies = $"chargenet/v1/{Site}/ops/replies"; // answers go only under the site's prefix (docs/security.md)

    private CloudSite _site = null!;

    public async Task InitializeAsync() => _site = await CloudSite.StartAsync(Site, new CloudSiteOptions { Charger = CloudSite.OcppCharger.TransactionsInTheStore, Observe = "#" });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_finished_OCPP_transaction_arrives_on_the_sessions_topic_valid_against_the_documented_schema()
    {
        var start = await _site.Charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-CLOUD", 1000, "2026-11-24T05:00:00Z"));
        var transactionId = start.GetProperty("transactionId").GetInt32();
        await _site.Charger.CallOkAsync("StopTransaction", OcppPayloads.Stop(transactionId, 8500, "2026-11-24T06:30:00Z", "Local"));

        var session = (await _site.Cloud.WaitForAsync(m => m.Any(x => x.Topic == $"chargenet/v1/{Site}/sessions"), what: "the session")).Single(x => x.Topic == $"chargenet/v1/{Site}/sessions");
        var schema = await JsonSchema.FromJsonAsync(DocumentedSchema("sessions"));
        var problems = schema.Validate(session.Payload);
        Assert.True(problems.Count == 0, string.Join("; ", problems.Select(p => p.ToString())) + "\n" + session.Payload);

        var json = session.Json;
        Assert.Equal("CP001", json.GetProperty("chargerId").GetString());
        Assert.Equal(1, json.GetProperty("connectorId").GetInt32());
        Assert.Equal(transactionId, json.GetProperty("transactionId").GetInt32());
        Assert.Equal("TAG-CLOUD", json.GetProperty("idTag").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T06:30:00Z", System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("stoppedAt").GetDateTimeOffset());
        Assert.Equal(7500, json.GetProperty("energyWh").GetDouble());
        Assert.Equal("Local", json.GetProperty("stopReason").GetString());
    }

    [Fact]
    public async Task Each_OCPP_command_reaches_the_charger_as_its_call_and_the_chargers_answer_comes_back()
    {
        var version = await _site.Harness.Store.AuthorizationList.ReplaceAsync([new AuthorizationEntry("TAG-LIST", "Accepted", null, null)], CancellationToken.None);

        var started = await CommandAsync("RemoteStartTransaction", "start-session", """{"id":"o-1","chargerId":"CP001","connectorId":1,"idTag":"TAG-R"}""");
        Assert.Equal("TAG-R", started.Call.GetProperty("idTag").GetString());
        Assert.Equal(1, started.Call.GetProperty("connectorId").GetInt32());
        AssertAccepted(started.Answer, "Accepted");

        var stopped = await CommandAsync("RemoteStopTransaction", "stop-session", """{"id":"o-2","chargerId":"CP001","transactionId":42}""");
        Assert.Equal(42, stopped.Call.GetProperty("transactionId").GetInt32());
        AssertAccepted(stopped.Answer, "Accepted");

        var availability = await CommandAsync("ChangeAvailability", "set-availability", """{"id":"o-3","chargerId":"CP001","connectorId":0,"available":false}""");
        Assert.Equal("Inoperative", availability.Call.GetProperty("type").GetString());
        Assert.Equal(0, availability.Call.GetProperty("connectorId").GetInt32());
        AssertAccepted(availability.Answer, "Scheduled");

        var reset = await CommandAsync("Reset", "reset-charger", """{"id":"o-4","chargerId":"CP001","type":"Hard"}""");
        Assert.Equal("Hard", reset.Call.GetProperty("type").GetString());
        AssertAccepted(reset.Answer, "Accepted");

        var list = await CommandAsync("SendLocalList", "send-local-list", """{"id":"o-5","chargerId":"CP001"}""");
        Assert.Equal(version, list.Call.GetProperty("listVersion").GetInt32());
        Assert.Equal("Full", list.Call.GetProperty("updateType").GetString());
        Assert.Equal("TAG-LIST", list.Call.GetProperty("localAuthorizationList")[0].GetProperty("idTag").GetString());
        AssertAccepted(list.Answer, "Accepted");

        // The charger says no: the answer says so, naming the call and its status.
        await _site.Charger.SetReplyAsync("Reset", new { status = "Rejected" });
        var refused = await CommandAsync("Reset", "reset-charger", """{"id":"o-6","chargerId":"CP001"}""");
        Assert.False(refused.Answer.GetProperty("ok").GetBoolean());
        Assert.Contains("answered Reset with Rejected", refused.Answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_doors_stop_a_session_by_its_connector_or_by_its_transaction_id_as_a_number_or_a_string()
    {
        var start = await _site.Charger.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-STOP", 0, "2026-11-24T05:00:00Z"));
        var transactionId = start.GetProperty("transactionId").GetInt32();
        var operations = new ChargerOperations(_site.Harness.Configuration, new OcppChargerPort(_site.Ocpp.Server));

        // MQTT: by connector (the edge finds the transaction), by id as a string, by id as a number.
        var byConnector = await CommandAsync("RemoteStopTransaction", "stop-session", """{"id":"s-1","chargerId":"CP001","connectorId":1}""");
        Assert.Equal(transactionId, byConnector.Call.GetProperty("transactionId").GetInt32());
        AssertAccepted(byConnector.Answer, "Accepted");
        var byText = await CommandAsync("RemoteStopTransaction", "stop-session", $$"""{"id":"s-2","chargerId":"CP001","transactionId":"{{transactionId}}"}""");
        Assert.Equal(transactionId, byText.Call.GetProperty("transactionId").GetInt32());
        AssertAccepted(byText.Answer, "Accepted");

        // REST: the same operation behind the other door.
        var call = _site.Charger.ExpectIncomingCall("RemoteStopTransaction");
        var rest = await ChargerActionHandlers.Stop("CP001", new ChargerActionRequest(1, null, null, null, null), operations, CancellationToken.None);
        Assert.Equal(transactionId, (await OcppPeer.WaitForIncomingCallAsync(call)).GetProperty("transactionId").GetInt32());
        Assert.Equal("Accepted", Assert.IsType<Ok<ChargerActionResult>>(rest.Result).Value!.Status);

        // Wrong arguments are named, and nothing reaches the charger.
        var notAnId = await AnswerAsync("stop-session", """{"id":"s-3","chargerId":"CP001","transactionId":"abc"}""");
        Assert.Contains("'transactionId'", notAnId.GetProperty("error").GetString(), StringComparison.Ordinal);
        var neither = await ChargerActionHandlers.Stop("CP001", new ChargerActionRequest(null, null, null, null, null), operations, CancellationToken.None);
        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ProblemHttpResult>(neither.Result).StatusCode);
        var noSuchConnector = await operations.StopSessionAsync("CP001", 7, null, CancellationToken.None);
        Assert.Equal((OperationKind.Invalid, "connectorId"), (noSuchConnector.Kind, noSuchConnector.Field));
    }

    [Fact]
    public async Task The_operations_say_what_stands_in_the_way_the_same_for_both_doors()
    {
        var operations = new ChargerOperations(_site.Harness.Configuration, new OcppChargerPort(_site.Ocpp.Server));
        var ct = CancellationToken.None;

        Assert.Equal(OperationKind.NotFound, (await operations.ResetAsync("nope", "Soft", null, ct)).Kind);
        Assert.Equal(OperationKind.Unsupported, (await operations.ResetAsync("wb-05", "Soft", null, ct)).Kind);
        Assert.Equal(OperationKind.Unreachable, (await operations.ResetAsync("CP002", "Soft", null, ct)).Kind);
        Assert.Equal(OperationKind.NothingToDo, (await operations.StopSessionAsync("CP001", 1, null, ct)).Kind);
        var badType = await operations.ResetAsync("CP001", "Sideways", null, ct);
        Assert.Equal((OperationKind.Invalid, "type"), (badType.Kind, badType.Field));

        // A refusal keeps the charger's word; REST renders it 409, MQTT as the error.
        await _site.Charger.SetReplyAsync("UnlockConnector", new { status = "UnlockFailed" });
        var refused = await operations.UnlockAsync("CP001", 1, ct);
        Assert.Equal((OperationKind.Rejected, "UnlockFailed"), (refused.Kind, refused.Status));
        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>(ChargerActionHandlers.Render(refused).Result).StatusCode);
        var mqtt = await AnswerAsync("unlock-connector", """{"id":"u-1","chargerId":"CP001","connectorId":1}""");
        Assert.Contains("answered Unlock with UnlockFailed", mqtt.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_doors_reach_an_OCPP_2_0_1_charger_through_the_same_operations_as_its_own_calls()
    {
        // CP003 becomes a 2.0.1 station: the same operations, the 2.0.1 messages on the wire (docs/ocpp.md).
        await using var station = await Ocpp201StationAsync();
        await station.SetReplyAsync("RequestStartTransaction", new { status = "Accepted" });
        await station.SetReplyAsync("RequestStopTransaction", new { status = "Accepted" });
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "tx-ops-1", "2026-12-01T08:00:00Z", "Authorized", chargingState: "Charging", idToken: "TAG-1"));
        var operations = new ChargerOperations(_site.Harness.Configuration, new OcppChargerPort(_site.Ocpp.Server));

        // MQTT: start and reset become RequestStartTransaction and Reset Immediate.
        var started = await CommandAsync("RequestStartTransaction", "start-session", """{"id":"v2-1","chargerId":"CP003","connectorId":1,"idTag":"TAG-R"}""", station);
        Assert.Equal(("TAG-R", 1), (started.Call.GetProperty("idToken").GetProperty("idToken").GetString(), started.Call.GetProperty("evseId").GetInt32()));
        AssertAccepted(started.Answer, "Accepted", "CP003");
        var reset = await CommandAsync("Reset", "reset-charger", """{"id":"v2-2","chargerId":"CP003","type":"Hard"}""", station);
        Assert.Equal("Immediate", reset.Call.GetProperty("type").GetString());
        AssertAccepted(reset.Answer, "Accepted", "CP003");

        // REST: stop by connector finds the station's own (string) transaction id.
        var stop = station.ExpectIncomingCall("RequestStopTransaction");
        var rest = await ChargerActionHandlers.Stop("CP003", new ChargerActionRequest(1, null, null, null, null), operations, CancellationToken.None);
        Assert.Equal("tx-ops-1", (await OcppPeer.WaitForIncomingCallAsync(stop)).GetProperty("transactionId").GetString());
        Assert.Equal("Accepted", Assert.IsType<Ok<ChargerActionResult>>(rest.Result).Value!.Status);

        // A 2.0.1 id need not be a number, but has at most 36 characters; nothing reaches the station.
        var tooLong = await operations.StopSessionAsync("CP003", null, new string('x', 37), CancellationToken.None);
        Assert.Equal((OperationKind.Invalid, "transactionId"), (tooLong.Kind, tooLong.Field));
        Assert.Contains("36", tooLong.Message, StringComparison.Ordinal);

        // idTokens: 36 characters reach a 2.0.1 station (IdTokenType), a 1.6 charger takes 20 (CiString20Type); named, nothing sent.
        var token = new string('T', 36);
        var longStart = station.ExpectIncomingCall("RequestStartTransaction");
        Assert.Equal(OperationKind.Done, (await operations.StartSessionAsync("CP003", token, 1, CancellationToken.None)).Kind);
        Assert.Equal(token, (await OcppPeer.WaitForIncomingCallAsync(longStart)).GetProperty("idToken").GetProperty("idToken").GetString());
        var tooLongFor16 = await operations.StartSessionAsync("CP001", new string('T', 21), 1, CancellationToken.None);
        Assert.Equal((OperationKind.Invalid, "idTag"), (tooLongFor16.Kind, tooLongFor16.Field));
        Assert.Contains("20", tooLongFor16.Message, StringComparison.Ordinal);
        var tooLongForAll = await operations.StartSessionAsync("CP003", new string('T', 37), 1, CancellationToken.None);
        Assert.Equal((OperationKind.Invalid, "idTag"), (tooLongForAll.Kind, tooLongForAll.Field));

        // "Why is it limited?": the edge's limit beside the station's composite schedule (K08).
        await _site.Ocpp.Server.GetChargePoint("CP003").Control!.SetCurrentLimitAsync(1, 13.5, CancellationToken.None);
        await station.SetReplyAsync("GetCompositeSchedule", new
        {
            status = "Accepted",
            schedule = new { evseId = 1, duration = 600, scheduleStart = "2026-12-01T08:00:00Z", chargingRateUnit = "A", chargingSchedulePeriod = new[] { new { startPeriod = 0, limit = 10.0 } } },
        });
        var view = Assert.IsType<Ok<ChargerScheduleView>>((await ChargerScheduleApi.GetAsync("CP003", 1, 600, operations, _site.Ocpp.Server, CancellationToken.None)).Result).Value!;
        Assert.Equal(("Accepted", 13.5, 10.0), (view.ChargerAnswer, view.EdgeLimit!.InForceA!.Value, view.Charger!.Periods.Single().Limit));
        var noConnector = await ChargerScheduleApi.GetAsync("CP003", null, null, operations, _site.Ocpp.Server, CancellationToken.None);
        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ProblemHttpResult>(noConnector.Result).StatusCode);
        var modbus = await ChargerScheduleApi.GetAsync("wb-05", 1, null, operations, _site.Ocpp.Server, CancellationToken.None);
        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>(modbus.Result).StatusCode);
    }

    /// <summary>CP003 made a 2.0.1 station in the configuration, connected and booted (strict ocpp-rpc).</summary>
    private async Task<OcppPeer> Ocpp201StationAsync()
    {
        var site = CloudHarness.Site(Site, _site.Broker.Port);
        var applied = await _site.Harness.Configuration.ApplyAsync(
            SiteConfigurationReader.Write(site with { Chargers = [.. site.Chargers.Select(c => c.Id == "CP003" ? c with { Protocol = ChargerProtocols.Ocpp201 } : c)] }),
            "test", "test", CancellationToken.None);
        Assert.True(applied.Accepted, string.Join("; ", applied.Problems));
        _site.Ocpp.Registry.Add("CP003", version: OcppVersion.V201);
        var station = await OcppPeer.StartAsync();
        await station.ConnectAsync(_site.Ocpp.BaseUrl, "CP003", protocols: Ocpp201Payloads.Protocols);
        await station.CallOkAsync("BootNotification", Ocpp201Payloads.Boot);
        return station;
    }

    [Fact]
    public async Task Both_doors_trigger_a_message_and_reset_or_take_out_one_EVSE_of_a_2_0_1_station_and_never_ask_a_booted_one_to_boot()
    {
        await using var station = await Ocpp201StationAsync();
        var operations = new ChargerOperations(_site.Harness.Configuration, new OcppChargerPort(_site.Ocpp.Server));
        var ct = CancellationToken.None;

        // MQTT: TriggerMessage for EVSE 1's status (F06), Reset of EVSE 1 alone (B11/B12 with evseId).
        var trigger = await CommandAsync("TriggerMessage", "trigger-message", """{"id":"t-1","chargerId":"CP003","message":"StatusNotification","connectorId":1}""", station);
        Assert.Equal(("StatusNotification", 1, 1), (trigger.Call.GetProperty("requestedMessage").GetString(), trigger.Call.GetProperty("evse").GetProperty("id").GetInt32(), trigger.Call.GetProperty("evse").GetProperty("connectorId").GetInt32()));
        AssertAccepted(trigger.Answer, "Accepted", "CP003");
        var reset = await CommandAsync("Reset", "reset-charger", """{"id":"t-2","chargerId":"CP003","type":"Soft","connectorId":1}""", station);
        Assert.Equal(("OnIdle", 1), (reset.Call.GetProperty("type").GetString(), reset.Call.GetProperty("evseId").GetInt32()));
        AssertAccepted(reset.Answer, "Accepted", "CP003");

        // F06.FR.17: a booted station is not asked for a BootNotification, by either door; nothing reaches it.
        var boot = await AnswerAsync("trigger-message", """{"id":"t-3","chargerId":"CP003","message":"BootNotification"}""");
        Assert.Contains("F06.FR.17", boot.GetProperty("error").GetString(), StringComparison.Ordinal);
        var restBoot = await ChargerActionHandlers.Trigger("CP003", new ChargerActionRequest(null, null, null, null, null, Message: "BootNotification"), operations, ct);
        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ProblemHttpResult>(restBoot.Result).StatusCode);
        Assert.DoesNotContain("\"requestedMessage\":\"BootNotification\"", station.Output, StringComparison.Ordinal);

        // REST: ChangeAvailability of EVSE 1 (G03), UnlockConnector (F05), a trigger of the whole station.
        var availability = station.ExpectIncomingCall("ChangeAvailability");
        var taken = await ChargerActionHandlers.Availability("CP003", new ChargerActionRequest(1, null, null, false, null), operations, ct);
        Assert.Equal("Scheduled", Assert.IsType<Ok<ChargerActionResult>>(taken.Result).Value!.Status);
        var availabilityCall = await OcppPeer.WaitForIncomingCallAsync(availability);
        Assert.Equal(("Inoperative", 1), (availabilityCall.GetProperty("operationalStatus").GetString(), availabilityCall.GetProperty("evse").GetProperty("id").GetInt32()));
        await station.SetReplyAsync("UnlockConnector", new { status = "Unlocked" });
        var unlock = station.ExpectIncomingCall("UnlockConnector");
        var unlocked = await ChargerActionHandlers.Unlock("CP003", new ChargerActionRequest(1, null, null, null, null), operations, ct);
        Assert.Equal("Unlocked", Assert.IsType<Ok<ChargerActionResult>>(unlocked.Result).Value!.Status);
        var unlockCall = await OcppPeer.WaitForIncomingCallAsync(unlock);
        Assert.Equal((1, 1), (unlockCall.GetProperty("evseId").GetInt32(), unlockCall.GetProperty("connectorId").GetInt32()));
        var heartbeat = station.ExpectIncomingCall("TriggerMessage");
        var restTrigger = await ChargerActionHandlers.Trigger("CP003", new ChargerActionRequest(null, null, null, null, null, Message: "Heartbeat"), operations, ct);
        Assert.Equal("Accepted", Assert.IsType<Ok<ChargerActionResult>>(restTrigger.Result).Value!.Status);
        Assert.Equal("Heartbeat", (await OcppPeer.WaitForIncomingCallAsync(heartbeat)).GetProperty("requestedMessage").GetString());

        // Wrong arguments are named: no message, a 1.6 name, a 1.6 charger's connector reset; a 1.6 charger may be asked to boot (OCPP 1.6 section 5.17).
        Assert.Equal((OperationKind.Invalid, "message"), Of(await operations.TriggerAsync("CP003", null, null, ct)));
        Assert.Equal((OperationKind.Invalid, "message"), Of(await operations.TriggerAsync("CP003", "DiagnosticsStatusNotification", null, ct)));
        Assert.Equal((OperationKind.Invalid, "connectorId"), Of(await operations.ResetAsync("CP001", "Soft", 1, ct)));
        var bootCall = _site.Charger.ExpectIncomingCall("TriggerMessage");
        Assert.Equal(OperationKind.Done, (await operations.TriggerAsync("CP001", "BootNotification", null, ct)).Kind);
        Assert.Equal("BootNotification", (await OcppPeer.WaitForIncomingCallAsync(bootCall)).GetProperty("requestedMessage").GetString());
    }

    [Fact]
    public async Task Both_doors_clear_a_chargers_cache_and_rest_asks_a_2_0_1_station_about_its_transactions()
    {
        await using var station = await Ocpp201StationAsync();
        var operations = new ChargerOperations(_site.Harness.Configuration, new OcppChargerPort(_site.Ocpp.Server));
        var ct = CancellationToken.None;
        var questions = new ChargerQuestions(operations);

        // C11 (TC_C_37): MQTT clear-cache becomes the station's ClearCache; TC_C_38: a Rejected one is the charger's refusal (REST 409).
        await station.SetReplyAsync("ClearCache", new { status = "Accepted" });
        AssertAccepted((await CommandAsync("ClearCache", "clear-cache", """{"id":"cc-1","chargerId":"CP003"}""", station)).Answer, "Accepted", "CP003");
        await station.SetReplyAsync("ClearCache", new { status = "Rejected" });
        var refused = Assert.IsType<ProblemHttpResult>((await ChargerActionHandlers.ClearCache("CP003", operations, ct)).Result);
        Assert.Equal(StatusCodes.Status409Conflict, refused.StatusCode);
        Assert.Contains("answered ClearCache with Rejected", refused.ProblemDetails.Detail, StringComparison.Ordinal);
        await _site.Charger.SetReplyAsync("ClearCache", new { status = "Accepted" }); // a 1.6 charger: its own ClearCache
        var cleared = _site.Charger.ExpectIncomingCall("ClearCache");
        Assert.Equal("Accepted", Assert.IsType<Ok<ChargerActionResult>>((await ChargerActionHandlers.ClearCache("CP001", operations, ct)).Result).Value!.Status);
        await OcppPeer.WaitForIncomingCallAsync(cleared);

        // E14 asked by an operator: one transaction (TC_E_30: going on, nothing queued), and any (TC_E_34, TC_E_33: without an id).
        await station.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "tx-e14", "2026-12-01T08:00:00Z", "Authorized", chargingState: "Charging", idToken: "TAG-1"));
        await station.SetReplyAsync("GetTransactionStatus", new { ongoingIndicator = true, messagesInQueue = false });
        var asked = station.ExpectIncomingCall("GetTransactionStatus");
        var oneResult = (await TransactionStatusApi.GetAsync("CP003", "tx-e14", questions, ct)).Result;
        Assert.True(oneResult is Ok<TransactionStatusView>, (oneResult as ProblemHttpResult)?.ProblemDetails.Detail);
        var one = ((Ok<TransactionStatusView>)oneResult).Value!;
        Assert.Equal("tx-e14", (await OcppPeer.WaitForIncomingCallAsync(asked)).GetProperty("transactionId").GetString());
        Assert.Equal(((bool?)true, false), (one.Ongoing, one.MessagesInQueue));
        await station.SetReplyAsync("GetTransactionStatus", new { messagesInQueue = true });
        asked = station.ExpectIncomingCall("GetTransactionStatus");
        var any = Assert.IsType<Ok<TransactionStatusView>>((await TransactionStatusApi.GetAsync("CP003", null, questions, ct)).Result).Value!;
        Assert.False((await OcppPeer.WaitForIncomingCallAsync(asked)).TryGetProperty("transactionId", out _));
        Assert.Equal(((bool?)null, true), (any.Ongoing, any.MessagesInQueue));

        // Not for a 1.6 charger (409), nor with an id longer than 2.0.1 allows (400); nothing is sent.
        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>((await TransactionStatusApi.GetAsync("CP001", null, questions, ct)).Result).StatusCode);
        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ProblemHttpResult>((await TransactionStatusApi.GetAsync("CP003", new string('x', 37), questions, ct)).Result).StatusCode);
    }

    [Fact]
    public async Task Rest_asks_a_2_0_1_station_for_a_custom_report_of_its_device_model()
    {
        await using var station = await Ocpp201StationAsync();
        var operations = new ChargerOperations(_site.Harness.Configuration, new OcppChargerPort(_site.Ocpp.Server));
        var ct = CancellationToken.None;
        var questions = new ChargerQuestions(operations);

        // TC_B_18 steps 1–2: EVSE 1's AvailabilityState from the Problem components: none (EmptyResultSet, no report follows).
        await station.SetReplyAsync("GetReport", new { status = "EmptyResultSet" });
        var asked = station.ExpectIncomingCall("GetReport");
        var empty = Assert.IsType<Ok<ChargerReportView>>((await ChargerReportApi.GetAsync("CP003", ["Problem"], "EVSE", 1, "AvailabilityState", questions, ct)).Result).Value!;
        var request = await OcppPeer.WaitForIncomingCallAsync(asked);
        Assert.Equal("Problem", request.GetProperty("componentCriteria")[0].GetString());
        var item = request.GetProperty("componentVariable")[0];
        Assert.Equal(("EVSE", 1, "AvailabilityState"), (item.GetProperty("component").GetProperty("name").GetString(), item.GetProperty("component").GetProperty("evse").GetProperty("id").GetInt32(),
            item.GetProperty("variable").GetProperty("name").GetString()));
        Assert.Equal(("EmptyResultSet", 0), (empty.Answer, empty.Items.Count));

        // Steps 3–6: from the Available ones: Accepted, and the NotifyReport parts with the request id are its answer (not the base report).
        await station.SetReplyAsync("GetReport", new { status = "Accepted" });
        asked = station.ExpectIncomingCall("GetReport");
        var reading = ChargerReportApi.GetAsync("CP003", ["Available"], "EVSE", 1, "AvailabilityState", questions, ct);
        var requestId = (await OcppPeer.WaitForIncomingCallAsync(asked)).GetProperty("requestId").GetInt32();
        await station.CallOkAsync("NotifyReport", new
        {
            requestId,
            generatedAt = "2026-12-01T08:00:00Z",
            seqNo = 0,
            reportData = new[] { new { component = new { name = "EVSE", evse = new { id = 1 } }, variable = new { name = "AvailabilityState" }, variableAttribute = new[] { new { value = "Available" } } } },
        });
        var report = Assert.IsType<Ok<ChargerReportView>>((await reading.WaitAsync(OcppPeer.Timeout)).Result).Value!;
        var reported = Assert.Single(report.Items);
        Assert.Equal(("Accepted", "EVSE", (int?)1, "AvailabilityState", "Actual", "Available"),
            (report.Answer, reported.Component, reported.EvseId, reported.Variable, reported.Values.Single().Type, reported.Values.Single().Value));

        // Named: an unknown criterion, a variable without its component; a 1.6 charger has no GetReport (409).
        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ProblemHttpResult>((await ChargerReportApi.GetAsync("CP003", ["Broken"], null, null, null, questions, ct)).Result).StatusCode);
        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ProblemHttpResult>((await ChargerReportApi.GetAsync("CP003", [], null, null, "AvailabilityState", questions, ct)).Result).StatusCode);
        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>((await ChargerReportApi.GetAsync("CP001", ["Problem"], null, null, null, questions, ct)).Result).StatusCode);
    }

    [Fact]
    public async Task Over_MQTT_a_2_0_1_station_is_asked_about_its_transactions_and_for_a_report_as_rest_asks_and_a_1_6_charger_is_refused_by_name()
    {
        await using var station = await Ocpp201StationAsync();

        // E14 (TC_E_30/33): transaction-status is GetTransactionStatus; the answer has the REST view's fields.
        await station.SetReplyAsync("GetTransactionStatus", new { ongoingIndicator = true, messagesInQueue = true });
        var status = await CommandAsync("GetTransactionStatus", "transaction-status", """{"id":"ts-1","chargerId":"CP003","transactionId":"tx-mq"}""", station);
        Assert.Equal("tx-mq", status.Call.GetProperty("transactionId").GetString());
        var result = status.Answer.GetProperty("result");
        Assert.Equal(("CP003", "tx-mq", true, true), (result.GetProperty("chargerId").GetString(), result.GetProperty("transactionId").GetString(),
            result.GetProperty("ongoing").GetBoolean(), result.GetProperty("messagesInQueue").GetBoolean()));

        // B08 (TC_B_18): get-report is GetReport with the criteria and the component asked for.
        await station.SetReplyAsync("GetReport", new { status = "EmptyResultSet" });
        var report = await CommandAsync("GetReport", "get-report", """{"id":"gr-1","chargerId":"CP003","criteria":["Problem"],"component":"EVSE","evseId":1}""", station);
        Assert.Equal("Problem", report.Call.GetProperty("componentCriteria")[0].GetString());
        Assert.Equal(("EVSE", 1), (report.Call.GetProperty("componentVariable")[0].GetProperty("component").GetProperty("name").GetString(),
            report.Call.GetProperty("componentVariable")[0].GetProperty("component").GetProperty("evse").GetProperty("id").GetInt32()));
        Assert.Equal(("EmptyResultSet", 0), (report.Answer.GetProperty("result").GetProperty("answer").GetString(), report.Answer.GetProperty("result").GetProperty("items").GetArrayLength()));

        // Named refusals, nothing sent: a 1.6 charger has neither question; a criterion that is none, criteria not a list, an id too long.
        Assert.Contains("OCPP 1.6, which has no GetTransactionStatus", (await AnswerAsync("transaction-status", """{"id":"ts-2","chargerId":"CP001"}""")).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("OCPP 1.6, which has no GetReport", (await AnswerAsync("get-report", """{"id":"gr-2","chargerId":"CP001","criteria":["Problem"]}""")).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("'criteria' must be among", (await AnswerAsync("get-report", """{"id":"gr-3","chargerId":"CP003","criteria":["Broken"]}""")).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("'criteria' must be an array", (await AnswerAsync("get-report", """{"id":"gr-4","chargerId":"CP003","criteria":"Problem"}""")).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("'transactionId' must have 1 to 36", (await AnswerAsync("transaction-status", $$"""{"id":"ts-3","chargerId":"CP003","transactionId":"{{new string('x', 37)}}"}""")).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Single(Regex.Matches(station.Output, "INCALL a GetReport "));
    }

    [Fact]
    public async Task Over_MQTT_a_2_0_1_station_fetches_firmware_and_uploads_its_log_from_urls_on_the_edge_and_a_1_6_charger_its_diagnostics()
    {
        await using var station = await Ocpp201StationAsync();
        await File.WriteAllBytesAsync(Path.Combine(_site.DataDir, "firmware", "fw-201.bin"), [1, 2, 3]);
        await station.SetReplyAsync("UpdateFirmware", new { status = "Accepted" });
        await station.SetReplyAsync("GetLog", new { status = "Accepted", filename = "station.log" });

        // L01: UpdateFirmware with a URL on the edge signed for this station and the given retrieve time; the URL itself is not in the answer.
        var firmware = await CommandAsync("UpdateFirmware", "update-firmware", """{"id":"fw-1","chargerId":"CP003","fileName":"fw-201.bin","retrieveAt":"2026-12-03T02:00:00Z"}""", station);
        Assert.Contains("/ocpp-files/CP003/", firmware.Call.GetProperty("firmware").GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture), firmware.Call.GetProperty("firmware").GetProperty("retrieveDateTime").GetDateTimeOffset());
        AssertAccepted(firmware.Answer, "Accepted", "CP003");
        Assert.DoesNotContain("ocpp-files", firmware.Answer.ToString(), StringComparison.Ordinal);

        // N01: GetLog, the file the station names comes back; 1.6: GetDiagnostics, the same command.
        var log = await CommandAsync("GetLog", "upload-log", """{"id":"fw-2","chargerId":"CP003"}""", station);
        Assert.Equal("DiagnosticsLog", log.Call.GetProperty("logType").GetString());
        Assert.Contains("/ocpp-files/CP003/", log.Call.GetProperty("log").GetProperty("remoteLocation").GetString(), StringComparison.Ordinal);
        Assert.Equal("station.log", log.Answer.GetProperty("result").GetProperty("fileName").GetString());
        var diagnostics = await CommandAsync("GetDiagnostics", "upload-log", """{"id":"fw-3","chargerId":"CP001"}""");
        Assert.Contains("/ocpp-files/CP001/", diagnostics.Call.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Equal("diagnostics.zip", diagnostics.Answer.GetProperty("result").GetProperty("fileName").GetString());

        // Named refusals; the station's own refusal in its words.
        Assert.Contains("'fileName'", (await AnswerAsync("update-firmware", """{"id":"fw-4","chargerId":"CP003","fileName":"missing.bin"}""")).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("'retrieveAt'", (await AnswerAsync("update-firmware", """{"id":"fw-5","chargerId":"CP003","fileName":"fw-201.bin","retrieveAt":"tomorrow"}""")).GetProperty("error").GetString(), StringComparison.Ordinal);
        await station.SetReplyAsync("UpdateFirmware", new { status = "Rejected" });
        Assert.Contains("answered UpdateFirmware with Rejected", (await AnswerAsync("update-firmware", """{"id":"fw-6","chargerId":"CP003","fileName":"fw-201.bin"}""")).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static (OperationKind, string?) Of(OperationResult result) => (result.Kind, result.Field);

    private async Task<JsonElement> AnswerAsync(string command, string payload)
    {
        var correlation = Encoding.UTF8.GetBytes("corr-" + command);
        var replies = _site.Cloud.Messages.Count;
        await _site.Cloud.PublishAsync($"chargenet/v1/{Site}/cmd/{command}", payload, Replies, correlation);
        return (await _site.Cloud.WaitForAsync(m => m.Skip(replies).Any(x => x.Topic == Replies), what: "the answer to " + command))
            .Skip(replies).First(x => x.Topic == Replies).Json;
    }

    private async Task<(JsonElement Call, JsonElement Answer)> CommandAsync(string action, string command, string payload, OcppPeer? charger = null)
    {
        var call = (charger ?? _site.Charger).ExpectIncomingCall(action);
        var correlation = Encoding.UTF8.GetBytes("corr-" + command);
        var replies = _site.Cloud.Messages.Count;
        await _site.Cloud.PublishAsync($"chargenet/v1/{Site}/cmd/{command}", payload, Replies, correlation);
        var received = await OcppPeer.WaitForIncomingCallAsync(call);
        var reply = (await _site.Cloud.WaitForAsync(m => m.Skip(replies).Any(x => x.Topic == Replies), what: "the answer to " + command))
            .Skip(replies).First(x => x.Topic == Replies);
        Assert.Equal(correlation, reply.CorrelationData);
        return (received, reply.Json);
    }

    private static void AssertAccepted(JsonElement answer, string status, string chargerId = "CP001")
    {
        Assert.True(answer.GetProperty("ok").GetBoolean(), answer.ToString());
        Assert.Equal(chargerId, answer.GetProperty("result").GetProperty("chargerId").GetString());
        Assert.Equal(status, answer.GetProperty("result").GetProperty("status").GetString());
    }

    /// <summary>The JSON Schema under the <c>### {topic}</c> heading of docs/mqtt.md: what the cloud is promised.</summary>
    internal static string DocumentedSchema(string topic)
    {
        var doc = File.ReadAllText(Path.Combine(Foundation.BuiltArtifacts.RepositoryRoot, "docs", "mqtt.md"));
        var section = doc[(doc.IndexOf("### " + topic + "\n", StringComparison.Ordinal) + 1)..];
        return JsonBlock().Match(section).Groups[1].Value;
    }

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
