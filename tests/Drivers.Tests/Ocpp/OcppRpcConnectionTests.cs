using System.Text.Json;
using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.Drivers.Ocpp.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Drivers.Tests.Ocpp;

public sealed class OcppRpcConnectionTests
{
    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement;

    [Fact]
    public async Task Only_one_call_is_outstanding_the_next_waits_for_the_reply()
    {
        var (transport, connection, _, run) = await StartAsync();
        var first = connection.CallAsync("ClearCache", Empty, CancellationToken.None);
        var second = connection.CallAsync("ClearCache", Empty, CancellationToken.None);
        var sent = JsonDocument.Parse(await transport.NextSentAsync()).RootElement;
        Assert.False(transport.Sent.Reader.TryRead(out _), "the second call must wait");

        transport.Inject($"[3,\"{sent[1].GetString()}\",{{\"status\":\"Accepted\"}}]");
        Assert.Equal("Accepted", (await first).GetProperty("status").GetString());
        var next = JsonDocument.Parse(await transport.NextSentAsync()).RootElement;
        transport.Inject($"[4,\"{next[1].GetString()}\",\"NotSupported\",\"no\",{{}}]");
        var refused = await Assert.ThrowsAsync<OcppRpcException>(() => second);
        Assert.Equal(OcppErrorCode.NotSupported, refused.ErrorCode);
        transport.Drop();
        await run;
    }

    [Fact]
    public async Task A_call_times_out_on_the_injected_clock_and_a_reply_that_breaks_the_schema_is_refused()
    {
        var (transport, connection, time, run) = await StartAsync();
        var call = connection.CallAsync("ClearCache", Empty, CancellationToken.None);
        await transport.NextSentAsync();
        time.Advance(TimeSpan.FromSeconds(31));
        var timedOut = await Assert.ThrowsAsync<OcppRpcException>(() => call);
        Assert.Contains("no answer", timedOut.Message, StringComparison.Ordinal);

        var invalid = connection.CallAsync("ClearCache", Empty, CancellationToken.None);
        var sent = JsonDocument.Parse(await transport.NextSentAsync()).RootElement;
        transport.Inject($"[3,\"{sent[1].GetString()}\",{{\"status\":\"Maybe\"}}]");
        Assert.Equal(OcppErrorCode.PropertyConstraintViolation, (await Assert.ThrowsAsync<OcppRpcException>(() => invalid)).ErrorCode);
        transport.Drop();
        await run;
    }

    [Fact]
    public async Task Waiters_fail_when_the_connection_ends_and_new_calls_are_refused()
    {
        var (transport, connection, _, run) = await StartAsync();
        var call = connection.CallAsync("ClearCache", Empty, CancellationToken.None);
        await transport.NextSentAsync();
        transport.Drop();
        await run;
        await Assert.ThrowsAsync<OcppRpcException>(() => call);
        await Assert.ThrowsAsync<OcppRpcException>(() => connection.CallAsync("ClearCache", Empty, CancellationToken.None));
    }

    [Fact]
    public async Task A_call_the_edge_closes_the_connection_under_fails_as_unanswered_and_the_one_waiting_behind_it_as_well()
    {
        // A takeover or a shutdown closes a connection from the edge's side: its calls end as calls not answered (a limit keeper
        // records that as Failed), never as a cancellation their callers did not ask for, and the call gate stays usable.
        var (transport, connection, _, run) = await StartAsync();
        var onWire = 0;
        var first = connection.CallAsync("ClearCache", Empty, () => onWire++, CancellationToken.None);
        var second = connection.CallAsync("ClearCache", Empty, () => onWire++, CancellationToken.None);
        await transport.NextSentAsync();
        Assert.Equal(1, onWire); // the second waits behind the first, unsent

        await connection.CloseAsync(1001, "the edge is stopping", CancellationToken.None);
        await Assert.ThrowsAsync<OcppRpcException>(() => first);
        await Assert.ThrowsAsync<OcppRpcException>(() => second);
        await run;
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task A_call_that_gives_way_goes_after_the_calls_waiting_and_is_given_up_for_one_that_comes()
    {
        // The edge's own asks after a reconnect hold up no limit (docs/ocpp.md, "After a restart of the edge"): one on its way,
        // unanswered, is given up the moment another call comes — the clock never moves here — and one waiting goes last.
        var (transport, connection, _, run) = await StartAsync();
        var ask = Ask(connection);
        var askSent = JsonDocument.Parse(await transport.NextSentAsync()).RootElement;
        var call = connection.CallAsync("ClearCache", Empty, CancellationToken.None);
        Assert.True((await Assert.ThrowsAsync<OcppRpcException>(() => ask.WaitAsync(TimeSpan.FromSeconds(5)))).GaveWay);
        var callSent = JsonDocument.Parse(await transport.NextSentAsync()).RootElement;
        Assert.Equal("ClearCache", callSent[2].GetString());

        var secondAsk = Ask(connection);
        var second = connection.CallAsync("ClearCache", Empty, CancellationToken.None);
        transport.Inject($"[3,\"{askSent[1].GetString()}\",{{\"status\":\"Accepted\"}}]"); // late: nobody waits for it
        transport.Inject($"[3,\"{callSent[1].GetString()}\",{{\"status\":\"Accepted\"}}]");
        await call;
        var secondSent = JsonDocument.Parse(await transport.NextSentAsync()).RootElement;
        Assert.Equal("ClearCache", secondSent[2].GetString()); // asked after the ask, sent before it
        transport.Inject($"[3,\"{secondSent[1].GetString()}\",{{\"status\":\"Accepted\"}}]");
        await second;
        var secondAskSent = JsonDocument.Parse(await transport.NextSentAsync()).RootElement;
        Assert.Equal("TriggerMessage", secondAskSent[2].GetString());
        transport.Inject($"[3,\"{secondAskSent[1].GetString()}\",{{\"status\":\"Accepted\"}}]");
        Assert.Equal("Accepted", (await secondAsk).Status);
        transport.Drop();
        await run;
    }

    private static Task<StatusResponse> Ask(OcppRpcConnection connection) =>
        connection.CallAsync("TriggerMessage", new TriggerMessageRequest("StatusNotification"), OcppJsonContext.Default.TriggerMessageRequest,
            OcppJsonContext.Default.StatusResponse, CancellationToken.None, givesWay: true);

    [Fact]
    public async Task A_repeated_call_id_is_answered_again_without_calling_the_handler()
    {
        var handled = 0;
        var (transport, _, _, run) = await StartAsync(new CountingHandler(() => handled++));
        transport.Inject("[2,\"same\",\"Heartbeat\",{}]");
        var first = await transport.NextSentAsync();
        transport.Inject("[2,\"same\",\"Heartbeat\",{}]");
        Assert.Equal(first, await transport.NextSentAsync());
        Assert.Equal(1, handled);
        transport.Drop();
        await run;
    }

    [Fact]
    public async Task Regression_closing_a_replaced_connection_that_already_disposed_itself_does_not_throw()
    {
        // The replacing connection closes the old one while the old one's own run ends and disposes it;
        // the ObjectDisposedException that escaped used to abort the new connection (1006).
        var (transport, connection, _, run) = await StartAsync();
        transport.Drop();
        await run;
        await connection.DisposeAsync();
        await connection.CloseAsync(1008, "replaced by a newer connection", CancellationToken.None);
        await connection.DisposeAsync();
    }

    private static async Task<(InMemoryOcppTransport Transport, OcppRpcConnection Connection, FakeTimeProvider Time, Task Run)> StartAsync(IOcppCallHandler? handler = null)
    {
        var transport = new InMemoryOcppTransport();
        var time = new FakeTimeProvider();
        var connection = new OcppRpcConnection(transport, handler ?? new CountingHandler(() => { }), await OcppSchemaValidator.LoadAsync(ChargeNet.Drivers.Ocpp.OcppVersion.V16, CancellationToken.None), new OcppRpcOptions(), time, NullLogger.Instance);
        return (transport, connection, time, connection.RunAsync(CancellationToken.None));
    }

    private sealed class CountingHandler(Action onCall) : IOcppCallHandler
    {
        public ValueTask<OcppFrame> HandleAsync(OcppCall incoming, OcppAfterReply afterReply, CancellationToken cancellationToken)
        {
            onCall();
            return ValueTask.FromResult<OcppFrame>(new OcppCallResult(incoming.MessageId, JsonDocument.Parse("{\"currentTime\":\"2026-11-24T05:00:00Z\"}").RootElement));
        }
    }
}
