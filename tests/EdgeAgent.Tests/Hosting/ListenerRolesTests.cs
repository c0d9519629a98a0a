using ChargeNet.EdgeAgent.Hosting.Tls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace ChargeNet.EdgeAgent.Tests.Hosting;

public sealed class ListenerRolesTests
{
    [Fact]
    public async Task A_web_listener_closes_connections_beyond_its_cap_at_once_and_takes_new_ones_when_some_end()
    {
        var release = new TaskCompletionSource();
        var served = 0;
        var middleware = ListenerRoles.Tag(ListenerRole.Web)(async _ =>
        {
            Interlocked.Increment(ref served);
            await release.Task;
        });

        var open = Enumerable.Range(0, ListenerRoles.MaxWebConnections).Select(i => middleware(new DefaultConnectionContext($"c{i}"))).ToList();
        var beyond = new DefaultConnectionContext("beyond");
        var aborted = new TaskCompletionSource();
        beyond.ConnectionClosed.Register(aborted.SetResult);
        await middleware(beyond);

        // The abort is signalled on the thread pool: wait for it with a deadline.
        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ListenerRoles.MaxWebConnections, served);

        release.SetResult();
        await Task.WhenAll(open);
        await middleware(new DefaultConnectionContext("after"));
        Assert.Equal(ListenerRoles.MaxWebConnections + 1, served);
    }

    [Theory]
    [InlineData(ListenerRole.Web, "/api/v1/login", true)]
    [InlineData(ListenerRole.Web, "/ocpp/CP001", false)]
    [InlineData(ListenerRole.Web, "/ocpp-files/CP001/1/sig/firmware/fw.bin", false)]
    [InlineData(ListenerRole.Ocpp, "/ocpp/CP001", true)]
    [InlineData(ListenerRole.Ocpp, "/ocpp-files/CP001/1/sig/firmware/fw.bin", true)]
    [InlineData(ListenerRole.Ocpp, "/", false)]
    [InlineData(ListenerRole.Ocpp, "/api/v1/login", false)]
    [InlineData(ListenerRole.Ocpp, "/ocppx", false)]
    [InlineData(ListenerRole.Web | ListenerRole.Ocpp, "/api/v1/login", true)]
    [InlineData(ListenerRole.Web | ListenerRole.Ocpp, "/ocpp/CP001", true)]
    public async Task Each_listener_serves_only_its_own_routes(ListenerRole role, string path, bool served)
    {
        var connection = new DefaultConnectionContext("c");
        await ListenerRoles.Tag(role)(_ => Task.CompletedTask)(connection);
        var http = new DefaultHttpContext();
        http.Features.Set<IConnectionItemsFeature>(connection);
        http.Request.Path = path;

        Assert.Equal(served, ListenerRoles.Serves(http));
    }
}
