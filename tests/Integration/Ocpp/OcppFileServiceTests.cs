using System.Net;
using System.Net.Http.Headers;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>The edge serves firmware and receives diagnostics over HTTP (Firmware Management profile).</summary>
public sealed class OcppFileServiceTests
{
    [Fact]
    public async Task Firmware_is_served_and_diagnostics_uploads_are_stored_per_charge_point()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("FILES-1");
        await File.WriteAllBytesAsync(Path.Combine(host.FilesDirectory, "firmware", "fw-2.1.bin"), [1, 2, 3, 4]);
        using var http = new HttpClient { BaseAddress = host.HttpBaseUrl };

        Assert.Equal([1, 2, 3, 4], await http.GetByteArrayAsync("/ocpp-files/firmware/fw-2.1.bin"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/ocpp-files/firmware/missing.bin")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/ocpp-files/firmware/..%2Fsecret")).StatusCode);

        using var raw = new ByteArrayContent("diagnostic log"u8.ToArray());
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsync("/ocpp-files/diagnostics/FILES-1/diag.log", raw)).StatusCode);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent("zipped"u8.ToArray());
        part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(part, "file", "diag.zip");
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/ocpp-files/diagnostics/FILES-1/diag.zip", form)).StatusCode);
        var stored = Directory.GetFiles(Path.Combine(host.FilesDirectory, "diagnostics", "FILES-1")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(2, stored.Count);
        Assert.Equal("zipped", await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(host.FilesDirectory, "diagnostics", "FILES-1"), "*diag.zip").Single()));

        using var stranger = new ByteArrayContent([1]);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PutAsync("/ocpp-files/diagnostics/NOBODY/diag.log", stranger)).StatusCode);
        using var huge = new ByteArrayContent(new byte[(1024 * 1024) + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.PutAsync("/ocpp-files/diagnostics/FILES-1/huge.log", huge)).StatusCode);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(host.FilesDirectory, "diagnostics", "FILES-1")).Length);
    }
}
