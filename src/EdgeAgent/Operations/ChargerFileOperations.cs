using ChargeNet.Drivers.Ocpp.Files;

namespace ChargeNet.EdgeAgent.Operations;

/// <summary>
/// Firmware and log transfers of one OCPP charger, for both front doors (REST, docs/ocpp.md "Firmware and diagnostics";
/// MQTT <c>update-firmware</c>, <c>upload-log</c>): the charger gets a URL on the edge as it reaches it, signed for it
/// alone (<see cref="OcppFileUrls"/>); the lookup and the reading of its answer are the operations' own.
/// </summary>
public sealed class ChargerFileOperations(ChargerOperations operations, OcppFileOptions files, OcppFileUrls urls, TimeProvider time)
{
    /// <summary>How long a firmware URL stays valid after its retrieve date, and a log URL after the request.</summary>
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromDays(1);

    /// <summary>UpdateFirmware of a file uploaded to the edge, from <paramref name="retrieveAt"/> on (default now).</summary>
    public async Task<ChargerFileOutcome> UpdateFirmwareAsync(string chargerId, string? fileName, DateTimeOffset? retrieveAt, CancellationToken cancellationToken)
    {
        const string action = ChargerActions.Firmware;
        if (fileName is not { } name || !OcppFileEndpoints.IsSafeName(name) || !File.Exists(Path.Combine(files.FirmwareDirectory, name)))
        {
            return new(OperationResult.Invalid(chargerId, action, "fileName", "'fileName' must name a file uploaded with PUT /api/v1/firmware/{fileName}"), null);
        }

        var at = retrieveAt ?? time.GetUtcNow();
        return await RunAsync(chargerId, action, edge => urls.Firmware(edge, chargerId, name, at + UrlLifetime),
            (link, location) => link.UpdateFirmwareAsync(location, at, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The charger's log (1.6 GetDiagnostics, 2.0.1 GetLog) uploaded to the edge; the outcome names the file when the charger does.</summary>
    public Task<ChargerFileOutcome> UploadLogAsync(string chargerId, CancellationToken cancellationToken) =>
        RunAsync(chargerId, ChargerActions.Diagnostics, edge => urls.Diagnostics(edge, chargerId, time.GetUtcNow() + UrlLifetime),
            (link, location) => link.UploadLogAsync(location, cancellationToken));

    private async Task<ChargerFileOutcome> RunAsync(string chargerId, string action, Func<Uri, Uri> locationOn, Func<IChargerLink, Uri, Task<ChargerReply>> call)
    {
        var (link, refusal) = operations.Find(chargerId, action);
        if (refusal is not null)
        {
            return new(refusal, null);
        }

        // A connected charger came through an upgrade, so the edge's address as it reached it is known.
        if (link!.ReachedAt is not { } edge)
        {
            return new(OperationResult.Of(OperationKind.Unreachable, chargerId, action, $"'{chargerId}' is connected but its address is unknown"), null);
        }

        var location = locationOn(edge);
        var reply = await call(link, location).ConfigureAwait(false);
        return new(ChargerOperations.Read(chargerId, action, reply), location, reply.FileName);
    }
}

/// <summary>What a firmware or log request came to: the operation's result, the URL the charger was given, and the file it announced.</summary>
public sealed record ChargerFileOutcome(OperationResult Result, Uri? Location, string? FileName = null);
