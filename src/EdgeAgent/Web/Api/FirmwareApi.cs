using ChargeNet.Drivers.Ocpp.Files;
using ChargeNet.EdgeAgent.Operations;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// Firmware Management from the page and scripts: upload firmware to the edge, have a charger fetch
/// it (UpdateFirmware), have a charger upload its log (1.6 GetDiagnostics, 2.0.1 GetLog) and read them.
/// The requests to the charger are the operations' (<see cref="ChargerFileOperations"/>, shared with MQTT).
/// </summary>
public static class FirmwareApi
{
    /// <summary>The largest firmware image accepted.</summary>
    public const long MaxFirmwareBytes = 512L * 1024 * 1024;

    public static RouteGroupBuilder MapFirmwareApi(this RouteGroupBuilder api)
    {
        var firmware = api.MapGroup("/firmware").WithTags("Firmware").AddEndpointFilter(new RequireLoginFilter());
        firmware.MapGet("/", ListFirmware).WithSummary("The firmware files the edge serves to chargers");
        firmware.MapPut("/{fileName}", UploadFirmwareAsync).WithSummary("Upload a firmware file (the raw body; at most 512 MB; letters, digits, '.', '-', '_')");
        var diagnostics = api.MapGroup("/diagnostics").WithTags("Firmware").AddEndpointFilter(new RequireLoginFilter());
        diagnostics.MapGet("/", ListDiagnostics).WithSummary("The diagnostics files chargers uploaded, newest first");
        diagnostics.MapGet("/{chargerId}/{fileName}", GetDiagnostics).WithSummary("Download one diagnostics file");
        var chargers = api.MapGroup("/chargers").WithTags("Chargers").AddEndpointFilter(new RequireLoginFilter());
        chargers.MapPost("/{id}/firmware", UpdateFirmwareAsync).WithSummary("UpdateFirmware: {\"fileName\":\"…\",\"retrieveAt\":\"…\"}; the charger downloads the file from the edge");
        chargers.MapPost("/{id}/diagnostics", RequestDiagnosticsAsync).WithSummary("GetDiagnostics: the charger uploads its diagnostics file to the edge");
        return api;
    }

    internal static Ok<List<StoredFile>> ListFirmware(OcppFileOptions files) =>
        TypedResults.Ok(new DirectoryInfo(files.FirmwareDirectory).EnumerateFiles()
            .Where(f => OcppFileEndpoints.IsSafeName(f.Name))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new StoredFile(null, f.Name, f.Length, f.LastWriteTimeUtc)).ToList());

    internal static async Task<Results<Created<StoredFile>, ProblemHttpResult>> UploadFirmwareAsync(string fileName, HttpContext http, OcppFileOptions files, CancellationToken cancellationToken)
    {
        if (!OcppFileEndpoints.IsSafeName(fileName))
        {
            return WebProblems.BadRequest($"'{fileName}' is not a plain file name (letters, digits, '.', '-', '_'; at most 128)");
        }

        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxFirmwareBytes;
        }

        var path = Path.Combine(files.FirmwareDirectory, fileName);
        var part = path + ".part";
        try
        {
            await using (var target = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await http.Request.Body.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            File.Delete(part);
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"firmware files are limited to {MaxFirmwareBytes} bytes");
        }

        File.Move(part, path, overwrite: true);
        var info = new FileInfo(path);
        return TypedResults.Created($"{EdgeWeb.ApiPrefix}/firmware/{fileName}", new StoredFile(null, fileName, info.Length, info.LastWriteTimeUtc));
    }

    internal static Ok<List<StoredFile>> ListDiagnostics(OcppFileOptions files) =>
        TypedResults.Ok(new DirectoryInfo(files.DiagnosticsDirectory).EnumerateDirectories()
            .SelectMany(folder => folder.EnumerateFiles().Where(f => !f.Name.EndsWith(".part", StringComparison.Ordinal))
                .Select(f => new StoredFile(folder.Name, f.Name, f.Length, f.LastWriteTimeUtc)))
            .OrderByDescending(f => f.ModifiedAt).ToList());

    internal static Results<PhysicalFileHttpResult, ProblemHttpResult> GetDiagnostics(string chargerId, string fileName, OcppFileOptions files)
    {
        var path = Path.Combine(files.DiagnosticsDirectory, chargerId, fileName);
        return OcppFileEndpoints.IsSafeName(chargerId) && OcppFileEndpoints.IsSafeName(fileName) && File.Exists(path)
            ? TypedResults.PhysicalFile(path, "application/octet-stream", fileName)
            : WebProblems.NotFound($"no diagnostics file '{fileName}' from '{chargerId}'");
    }

    internal static async Task<Results<Ok<ChargerFileResult>, ProblemHttpResult>> UpdateFirmwareAsync(
        string id, FirmwareRequest? body, ChargerFileOperations fileOperations, CancellationToken cancellationToken) =>
        Render(await fileOperations.UpdateFirmwareAsync(id, body?.FileName, body?.RetrieveAt, cancellationToken).ConfigureAwait(false));

    internal static async Task<Results<Ok<ChargerFileResult>, ProblemHttpResult>> RequestDiagnosticsAsync(
        string id, ChargerFileOperations fileOperations, CancellationToken cancellationToken) =>
        Render(await fileOperations.UploadLogAsync(id, cancellationToken).ConfigureAwait(false));

    private static Results<Ok<ChargerFileResult>, ProblemHttpResult> Render(ChargerFileOutcome outcome) => outcome is { Result.Ok: true, Location: { } location }
        ? TypedResults.Ok(new ChargerFileResult(outcome.Result.ChargerId, outcome.Result.Action, location, outcome.FileName))
        : ChargerActionHandlers.Problem(outcome.Result);
}
