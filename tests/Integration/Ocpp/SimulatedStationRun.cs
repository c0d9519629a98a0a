using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Validation;
using ChargeNet.Drivers.Simulation;
using ChargeNet.Drivers.Simulation.Ocpp;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// A simulated OCPP charger of either version registered with <see cref="OcppTestHost"/> and running against
/// its central system over a real WebSocket until disposed (then stopped and awaited): the preamble the
/// tests of the simulated chargers share. It looks at its outlets every 50 ms and reconnects after 200 ms.
/// </summary>
internal sealed class SimulatedStationRun<TStation> : IAsyncDisposable
    where TStation : SimulatedOcppStationBase
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    internal SimulatedStationRun(TStation station, OcppChargePoint chargePoint)
    {
        Station = station;
        ChargePoint = chargePoint;
        _running = station.RunAsync(_stop.Token);
    }

    public TStation Station { get; }

    /// <summary>The central system's side of it.</summary>
    public OcppChargePoint ChargePoint { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}

/// <summary>Starts <see cref="SimulatedStationRun{TStation}"/>s.</summary>
internal static class SimulatedStationRun
{
    public static Task<SimulatedStationRun<SimulatedOcppChargePoint>> V16Async(OcppTestHost host, string id, IReadOnlyList<ISimulatedOutlet> outlets, string? password = null) =>
        StartAsync(host, id, OcppVersion.V16, password, (options, validator) => new SimulatedOcppChargePoint(options, outlets, validator, TimeProvider.System, NullLogger.Instance));

    public static Task<SimulatedStationRun<SimulatedOcpp201Station>> V201Async(OcppTestHost host, string id, IReadOnlyList<ISimulatedOutlet> outlets, string? password = null) =>
        StartAsync(host, id, OcppVersion.V201, password, (options, validator) => new SimulatedOcpp201Station(options, outlets, validator, TimeProvider.System, NullLogger.Instance));

    private static async Task<SimulatedStationRun<TStation>> StartAsync<TStation>(
        OcppTestHost host, string id, OcppVersion version, string? password, Func<SimulatedOcppChargePointOptions, OcppSchemaValidator, TStation> create)
        where TStation : SimulatedOcppStationBase
    {
        var options = new SimulatedOcppChargePointOptions
        {
            CentralSystemUrl = new Uri(host.BaseUrl),
            ChargePointId = id,
            TickInterval = TimeSpan.FromMilliseconds(50),
            ReconnectDelay = TimeSpan.FromMilliseconds(200),
            Password = password,
        };
        var station = create(options, await OcppSchemaValidator.LoadAsync(version, CancellationToken.None));
        return new SimulatedStationRun<TStation>(station, host.Server.GetChargePoint(id));
    }
}
