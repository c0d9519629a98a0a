using System.Net;
using System.Net.Http.Headers;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>The edge serves firmware and receives diagnostics over HTTP (Firmware Management profile), through URLs it signed.</summary>
public sealed class OcppFileServiceTests
{
    [Fact]
    public async Task Firmware_is_served_and_diagnostics_are_stored_per_charge_point_only_through_signed_urls()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("FILES-1");
        await File.WriteAllBytesAsync(Path.Combine(host.FilesDirectory, "firmware", "fw-2.1.bin"), [1, 2, 3, 4]);
        using var http = new HttpClient { BaseAddress = host.HttpBaseUrl };
        var until = DateTimeOffset.UtcNow.AddHours(1);
        var firmware = host.FileUrls.Firmware(host.HttpBaseUrl, "FILES-1", "fw-2.1.bin", until);
        var upload = host.FileUrls.Diagnostics(host.HttpBaseUrl, "FILES-1", until);

        Assert.Equal([1, 2, 3, 4], await http.GetByteArrayAsync(firmware));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(host.FileUrls.Firmware(host.HttpBaseUrl, "FILES-1", "missing.bin", until))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(firmware.ToString().Replace("fw-2.1.bin", "..%2Fsecret", StringComparison.Ordinal))).StatusCode);
        // A URL for another file, another charge point, a forged or an expired signature: refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(firmware.ToString().Replace("fw-2.1.bin", "other.bin", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(firmware.ToString().Replace("FILES-1", "FILES-2", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(host.FileUrls.Firmware(host.HttpBaseUrl, "FILES-1", "fw-2.1.bin", DateTimeOffset.UtcNow.AddMinutes(-1)))).StatusCode);

        using var raw = new ByteArrayContent("diagnostic log"u8.ToArray());
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsync(new Uri(upload, "diag.log"), raw)).StatusCode);
        // One upload per URL: the same URL again is refused; a new one (another expiry) takes the next.
        using var again = new ByteArrayContent("diagnostic log"u8.ToArray());
        Assert.Equal(HttpStatusCode.Gone, (await http.PutAsync(new Uri(upload, "diag.log"), again)).StatusCode);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent("zipped"u8.ToArray());
        part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(part, "file", "diag.zip");
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync(host.FileUrls.Diagnostics(host.HttpBaseUrl, "FILES-1", until.AddSeconds(1)), form)).StatusCode);
        var folder = Path.Combine(host.FilesDirectory, "diagnostics", "FILES-1");
        Assert.Equal(2, Directory.GetFiles(folder).Length);
        Assert.Equal("zipped", await File.ReadAllTextAsync(Directory.GetFiles(folder, "*diag.zip").Single()));

        using var forged = new ByteArrayContent([1]);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PutAsync(upload.ToString().Replace("FILES-1", "NOBODY", StringComparison.Ordinal) + "diag.log", forged)).StatusCode);
        var next = host.FileUrls.Diagnostics(host.HttpBaseUrl, "FILES-1", until.AddSeconds(2));
        using var huge = new ByteArrayContent(new byte[(1024 * 1024) + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.PutAsync(new Uri(next, "huge.log"), huge)).StatusCode);
        Assert.Equal(2, Directory.GetFiles(folder).Length);

        // A failed upload gave its URL back; and the folder keeps the newest five uploads.
        for (var i = 0; i < 5; i++)
        {
            using var log = new ByteArrayContent([(byte)i]);
            var url = i == 0 ? next : host.FileUrls.Diagnostics(host.HttpBaseUrl, "FILES-1", until.AddSeconds(2 + i));
            Assert.Equal(HttpStatusCode.Created, (await http.PutAsync(new Uri(url, $"more-{i}.log"), log)).StatusCode);
        }

        Assert.Equal(5, Directory.GetFiles(folder).Length);
    }
}
