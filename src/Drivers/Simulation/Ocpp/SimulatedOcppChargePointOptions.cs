namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>How a simulated OCPP charge point connects and behaves.</summary>
public sealed record SimulatedOcppChargePointOptions
{
    /// <summary>The central system's OCPP base URL, e.g. <c>ws://127.0.0.1:9000/ocpp</c>; the id is appended.</summary>
    public required Uri CentralSystemUrl { get; init; }

    public required string ChargePointId { get; init; }

    /// <summary>HTTP Basic password (security profile 1), or null.</summary>
    public string? Password { get; init; }

    public string Vendor { get; init; } = "ChargeNet";

    public string Model { get; init; } = "SimulatedAC";

    /// <summary>The most the hardware can offer, per phase; also the limit when no profile is installed.</summary>
    public double MaxCurrentA { get; init; } = 32;

    /// <summary>How often the outlets are looked at (status changes, cars arriving or leaving, OfferedA).</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait before connecting again after a connection was lost or refused.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);
}
