using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Upstream;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>An edge relaying a 2.0.1 station (upstream id OP-{id}) to <see cref="CsmsPeer"/>, the station connected and booted.</summary>
internal sealed record Relayed201(OcppTestHost Host, OcppPeer Station) : IAsyncDisposable
{
    public static async Task<Relayed201> StartAsync(CsmsPeer csms, string id, IOcppUpstreamProfileStore? profiles = null)
    {
        var relay = new OcppUpstreamRelay(new InMemoryOcppUpstreamOutbox(), OcppUpstreamRelayTests.Relay().Options, profiles);
        var host = await OcppTestHost.StartAsync(relay: relay);
        host.Registry.Add(id, version: OcppVersion.V201, upstream: OcppUpstreamRelayTests.Target(csms, "OP-" + id));
        var station = await OcppPeer.StartAsync();
        var connected = csms.WaitConnectedAsync("OP-" + id);
        await station.ConnectAsync(host.BaseUrl, id, protocols: Ocpp201Payloads.Protocols);
        await connected;
        await station.CallOkAsync("BootNotification", Ocpp201Payloads.Boot);
        return new Relayed201(host, station);
    }

    public async ValueTask DisposeAsync()
    {
        await Station.DisposeAsync();
        await Host.DisposeAsync();
    }
}
