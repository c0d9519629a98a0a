namespace ChargeNet.Drivers.Ocpp.Files;

/// <summary>Where the edge keeps firmware it serves to charge points and the diagnostics they upload.</summary>
public sealed record OcppFileOptions
{
    /// <summary>Firmware files offered at <c>{prefix}/firmware/{fileName}</c> (UpdateFirmware's location).</summary>
    public required string FirmwareDirectory { get; init; }

    /// <summary>Uploads to <c>{prefix}/diagnostics/{chargePointId}/{fileName}</c> land in a folder per charge point here.</summary>
    public required string DiagnosticsDirectory { get; init; }

    /// <summary>The largest diagnostics upload accepted; a larger one gets 413.</summary>
    public long MaxUploadBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>The newest uploads kept per charge point; each new one removes the oldest beyond this.</summary>
    public int MaxDiagnosticsFilesPerCharger { get; init; } = 5;
}
