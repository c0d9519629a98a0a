using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// The control loop's last resort (docs/control-loop-sessions.md, Session 20, "A session ended as a last resort") as it reaches a strict
/// OCPP 1.6 charge point (ocpp-rpc checks each call against the schema): <see cref="OcppCharger.StopSessionAsync"/> sends
/// RemoteStopTransaction (section 5.12) with the transaction id the charger gave in its StartTransaction, and reads its answer.
/// </summary>
public sealed class OcppSessionStopTests
{
    [Fact]
    public async Task The_session_on_a_connector_is_stopped_by_its_chargers_own_transaction_id_and_its_answer_is_read()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("STOP-1", settings: new() { SetConfigurationOnBoot = false });
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "STOP-1");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot);
        var transactionId = (await peer.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG", 1000, OcppPayloads.Iso(DateTimeOffset.UtcNow)))).GetProperty("transactionId").GetInt32();
        var charger = new OcppCharger(host.Server, "STOP-1");
        var ct = CancellationToken.None;

        var incoming = peer.ExpectIncomingCall("RemoteStopTransaction");
        var accepted = await charger.StopSessionAsync(1, ct);
        Assert.Equal(transactionId, (await OcppPeer.WaitForIncomingCallAsync(incoming)).GetProperty("transactionId").GetInt32());
        Assert.Equal(SetpointOutcome.Accepted, accepted.Outcome);
        Assert.Contains($"transaction {transactionId}", accepted.Detail, StringComparison.Ordinal);

        await peer.SetReplyAsync("RemoteStopTransaction", new { status = "Rejected" });
        Assert.Equal(SetpointOutcome.Rejected, (await charger.StopSessionAsync(1, ct)).Outcome);

        // A connector with no transaction: nothing is sent, and the loop reads it as refused.
        var none = await charger.StopSessionAsync(2, ct);
        Assert.Equal((SetpointOutcome.Rejected, "no transaction runs on connector 2"), (none.Outcome, none.Detail));

        // A CALLERROR is a stop not delivered.
        await peer.SetReplyAsync("RemoteStopTransaction", new { error = "InternalError" });
        Assert.Equal(SetpointOutcome.Failed, (await charger.StopSessionAsync(1, ct)).Outcome);
    }
}
