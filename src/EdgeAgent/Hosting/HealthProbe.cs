namespace ChargeNet.EdgeAgent.Hosting;

/// <summary><c>--health-check URL</c>: one GET, exit 0 on a 2xx answer, 1 otherwise (for container images without curl).</summary>
public static class HealthProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);

    public static int Run(Uri url, TextWriter output, TextWriter error)
    {
        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = client.GetAsync(url).GetAwaiter().GetResult();
            output.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            error.WriteLine($"{url}: {ex.Message}");
            return 1;
        }
    }
}
