using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Files;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Operations;
using ChargeNet.EdgeAgent.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// Firmware Management from the page and scripts: upload firmware to the edge, have a charger fetch
/// it (UpdateFirmware), have a charger upload its diagnostics (GetDiagnostics) and read them. The
/// charger gets a URL on the edge as it reaches it (<see cref="IChargePointControl.ReachedAt"/>), signed
/// for it alone (<see cref="OcppFileUrls"/>).
/// </summary>
public static class FirmwareApi
{
    /// <summary>The largest firmware image accepted.</summary>
    public const long MaxFirmwareBytes = 512L * 1024 * 1024;

    /// <summary>How long a firmware URL stays valid after its retrieve date, and a diagnostics URL after the request.</summary>
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromDays(1);

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
        string id, FirmwareRequest? body, ChargerOperations operations, OcppServer server, OcppFileOptions files, OcppFileUrls urls, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body?.FileName is not { } fileName || !OcppFileEndpoints.IsSafeName(fileName) || !File.Exists(Path.Combine(files.FirmwareDirectory, fileName)))
        {
            return WebProblems.BadRequest("fileName must name a file uploaded with PUT /api/v1/firmware/{fileName}");
        }

        var (chargePoint, problem) = ChargersApi.OcppChargePointOf(id, "firmware", operations, server);
        if (problem is not null)
        {
            return problem;
        }

        var retrieveAt = body.RetrieveAt ?? time.GetUtcNow();
        var location = urls.Firmware(EdgeOf(chargePoint!), id, fileName, retrieveAt + UrlLifetime);
        return await CallAsync(id, "firmware", location, () => chargePoint!.UpdateFirmwareAsync(location, retrieveAt, cancellationToken)).ConfigureAwait(false);
    }

    internal static async Task<Results<Ok<ChargerFileResult>, ProblemHttpResult>> RequestDiagnosticsAsync(
        string id, ChargerOperations operations, OcppServer server, OcppFileUrls urls, TimeProvider time, CancellationToken cancellationToken)
    {
        var (chargePoint, problem) = ChargersApi.OcppChargePointOf(id, "diagnostics", operations, server);
        if (problem is not null)
        {
            return problem;
        }

        var location = urls.Diagnostics(EdgeOf(chargePoint!), id, time.GetUtcNow() + UrlLifetime);
        return await CallAsync(id, "diagnostics", location, () => chargePoint!.UploadLogAsync(location, cancellationToken)).ConfigureAwait(false);
    }

    // A charge point that is connected has come through an upgrade, so ReachedAt is known.
    private static Uri EdgeOf(IChargePointControl chargePoint) =>
        chargePoint.ReachedAt ?? throw new InvalidOperationException($"charge point {chargePoint.Id} is connected but its address is unknown");

    private static async Task<Results<Ok<ChargerFileResult>, ProblemHttpResult>> CallAsync(string id, string action, Uri location, Func<Task<ChargerCommandResult>> call)
    {
        try
        {
            var answer = await call().ConfigureAwait(false);
            return answer.Succeeded
                ? TypedResults.Ok(new ChargerFileResult(id, action, location, answer.FileName))
                : WebProblems.Conflict("The charger refused", $"'{id}' answered {answer.Answer} to {action}");
        }
        catch (OcppRpcException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The charger did not carry out the call", detail: $"'{id}': {ex.Message}");
        }
    }
}
