using System.Buffers;
using ChargeNet.Drivers.Ocpp.Ports;
using Microsoft.AspNetCore.Http;

namespace ChargeNet.Drivers.Ocpp.Files;

/// <summary>
/// The edge's own HTTP file service for the Firmware Management profile: charge points download
/// firmware (UpdateFirmware) and upload diagnostics (GetDiagnostics, raw PUT or POST body, or a
/// multipart form's first file), each only through a URL the edge signed for them
/// (<see cref="OcppFileUrls"/>). Names are checked so that nothing outside the two folders is reachable.
/// </summary>
public static class OcppFileEndpoints
{
    /// <summary>The name an upload to the diagnostics folder itself (no file name in the URL) is kept under, unless a form names it.</summary>
    public const string DefaultUploadName = "diagnostics";

    public static IResult GetFirmware(string chargePointId, string expires, string signature, string fileName, OcppFileOptions options, OcppFileUrls urls)
    {
        if (!IsSafeName(fileName))
        {
            return Results.Problem($"'{fileName}' is not a valid file name.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!urls.Allows(chargePointId, expires, signature, OcppFileUrls.FirmwareGrant + "/" + fileName))
        {
            return Forbidden();
        }

        var path = Path.Combine(options.FirmwareDirectory, fileName);
        return File.Exists(path)
            ? Results.File(path, "application/octet-stream", fileName, enableRangeProcessing: true)
            : Results.Problem($"No firmware file '{fileName}'.", statusCode: StatusCodes.Status404NotFound);
    }

    public static async Task<IResult> UploadDiagnosticsAsync(
        HttpContext http, string chargePointId, string expires, string signature, string? fileName, OcppFileOptions options, OcppFileUrls urls, IOcppChargerRegistry registry, TimeProvider time)
    {
        if ((fileName is not null && !IsSafeName(fileName)) || !IsSafeName(chargePointId))
        {
            return Results.Problem("The charge point id and the file name must be plain names.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!urls.Allows(chargePointId, expires, signature, OcppFileUrls.DiagnosticsGrant))
        {
            return Forbidden();
        }

        if (!urls.TryClaimUpload(expires, signature))
        {
            return Results.Problem("This upload URL has taken its one upload already.", statusCode: StatusCodes.Status410Gone);
        }

        var result = await StoreUploadAsync(http, chargePointId, fileName, options, registry, time).ConfigureAwait(false);
        if (result is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created })
        {
            urls.ReleaseUpload(signature);
        }

        return result;
    }

    private static async Task<IResult> StoreUploadAsync(HttpContext http, string chargePointId, string? fileName, OcppFileOptions options, IOcppChargerRegistry registry, TimeProvider time)
    {
        if (await registry.FindAsync(chargePointId, http.RequestAborted).ConfigureAwait(false) is null)
        {
            return Results.Problem($"Unknown charge point '{chargePointId}'.", statusCode: StatusCodes.Status404NotFound);
        }

        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = options.MaxUploadBytes + 1;
        }

        if (http.Request.ContentLength > options.MaxUploadBytes)
        {
            return TooLarge(options);
        }

        var body = http.Request.Body;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            if (form.Files.Count == 0)
            {
                return Results.Problem("The form carries no file.", statusCode: StatusCodes.Status400BadRequest);
            }

            body = form.Files[0].OpenReadStream();
            fileName ??= IsSafeName(Path.GetFileName(form.Files[0].FileName)) ? Path.GetFileName(form.Files[0].FileName) : null;
        }

        var folder = Directory.CreateDirectory(Path.Combine(options.DiagnosticsDirectory, chargePointId));
        var target = Path.Combine(folder.FullName, $"{time.GetUtcNow():yyyyMMddTHHmmssZ}-{fileName ?? DefaultUploadName}");

        var written = await CopyLimitedAsync(body, target + ".part", options.MaxUploadBytes, http.RequestAborted).ConfigureAwait(false);
        if (written is null)
        {
            File.Delete(target + ".part");
            return TooLarge(options);
        }

        File.Move(target + ".part", target, overwrite: true);
        KeepNewest(folder, options.MaxDiagnosticsFilesPerCharger);
        return Results.Created($"{http.Request.Path}", new { fileName = Path.GetFileName(target), bytes = written });
    }

    // Names begin with the upload's UTC time, so their order is their age.
    private static void KeepNewest(DirectoryInfo folder, int keep)
    {
        foreach (var old in folder.GetFiles().Where(f => f.Extension != ".part").OrderByDescending(f => f.Name, StringComparer.Ordinal).Skip(Math.Max(1, keep)))
        {
            old.Delete();
        }
    }

    private static async Task<long?> CopyLimitedAsync(Stream source, string path, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    return null;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult Forbidden() =>
        Results.Problem("This URL was not issued by the edge for this charge point, or it has expired.", statusCode: StatusCodes.Status403Forbidden);

    private static IResult TooLarge(OcppFileOptions options) =>
        Results.Problem($"Uploads are limited to {options.MaxUploadBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>A plain file name: letters, digits, '.', '-' and '_', at most 128 characters, not '.' or '..'.</summary>
    public static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 128 && name != "." && name != ".." && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
