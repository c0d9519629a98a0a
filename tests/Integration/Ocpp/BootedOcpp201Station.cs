using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>A central system on Kestrel with one configured OCPP 2.0.1 station (strict ocpp-rpc) connected and booted (Accepted), the boot's follow-up over.</summary>
public sealed class BootedOcpp201Station : IAsyncDisposable
{
    private BootedOcpp201Station(OcppTestHost host, OcppPeer peer, string id)
    {
        Host = host;
        Peer = peer;
        Id = id;
    }

    public OcppTestHost Host { get; }

    public OcppPeer Peer { get; }

    public string Id { get; }

    public OcppChargePoint ChargePoint => Host.Server.GetChargePoint(Id);

    /// <param name="id">The station's id.</param>
    /// <param name="settings">Its settings in the registry.</param>
    /// <param name="station">The device model the station has (<see cref="OcppPeer.SetStationAsync"/>), set before it boots.</param>
    /// <param name="options">The central system's options, when not the defaults.</param>
    public static async Task<BootedOcpp201Station> StartAsync(string id, OcppChargerSettings? settings = null, object? station = null, OcppServerOptions? options = null)
    {
        var host = await OcppTestHost.StartAsync(options);
        host.Registry.Add(id, settings: settings, version: OcppVersion.V201);
        var peer = await OcppPeer.StartAsync();
        if (station is not null)
        {
            await peer.SetStationAsync(station);
        }

        await peer.ConnectAsync(host.BaseUrl, id, protocols: Ocpp201Payloads.Protocols);
        await peer.CallOkAsync("BootNotification", Ocpp201Payloads.Boot);
        // The boot's follow-up still calls the station after the answer: SetVariables, GetBaseReport, then every limit the edge
        // keeps sent again (docs/ocpp.md, "Provisioning"). A limit a test sets before it ends goes twice, and a test's next
        // expected SetChargingProfile would catch the second.
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Server.GetChargePoint(id).BootFollowUpDoneAt is not null, "the boot's follow-up");
        return new BootedOcpp201Station(host, peer, id);
    }

    public async ValueTask DisposeAsync()
    {
        await Peer.DisposeAsync();
        await Host.DisposeAsync();
    }
}
