using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// Debian's chromium, headless, driven over the Chrome DevTools Protocol (a WebSocket on
/// loopback): navigate, evaluate script in the page, wait for a condition, take screenshots.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _calls = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<HeadlessChromium> StartAsync()
    {
        var executable = new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromium is not installed (Debian package 'chromium'; test.sh installs it): the browser tests cannot run");
        var profile = Path.Combine(Path.GetTempPath(), "chargenet-chromium-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
            "--window-size=1280,1000", "about:blank",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var endpoint = await ReadDevToolsEndpointAsync(process);
            using var http = new HttpClient();
            var targets = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{endpoint.Port}/json/list");
            var page = targets.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
            await browser._socket.ConnectAsync(new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!), CancellationToken.None);
            browser._receiving = browser.ReceiveAsync();
            await browser.SendAsync("Page.enable");
            await browser.SendAsync("Runtime.enable");
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    public Task NavigateAsync(Uri url) => SendAsync("Page.navigate", new { url = url.ToString() });

    /// <summary>Runs <paramref name="expression"/> in the page (awaiting a promise) and returns its value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var reply = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (reply.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"script failed: {expression}\n{exception}");
        }

        return reply.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>Polls <paramref name="condition"/> (a script giving true or false) until true, or fails with what the page shows.</summary>
    public async Task WaitForAsync(string condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await EvaluateAsync($"(() => {{ try {{ return !!({condition}); }} catch {{ return false; }} }})()");
            if (value.ValueKind == JsonValueKind.True)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                var text = await EvaluateAsync("document.body.innerText.slice(0, 2000)");
                throw new TimeoutException($"timed out waiting for {what}; the page shows:\n{text}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Sets the viewport, e.g. a phone's 390 × 844.</summary>
    public Task SetViewportAsync(int width, int height, bool mobile) =>
        SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile });

    public async Task ScreenshotAsync(string path)
    {
        var reply = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(reply.GetProperty("data").GetString()!));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        try
        {
            await _receiving;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The browser is gone; nothing is waiting for replies any more.
        }

        _socket.Dispose();
        _stop.Dispose();
        _process.Dispose();
        if (Directory.Exists(_profile))
        {
            Directory.Delete(_profile, recursive: true);
        }
    }

    private async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[id] = reply;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            var part = await _socket.ReceiveAsync(buffer, _stop.Token);
            if (part.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            message.Write(buffer, 0, part.Count);
            if (!part.EndOfMessage)
            {
                continue;
            }

            using var document = JsonDocument.Parse(message.ToArray());
            message.SetLength(0);
            if (document.RootElement.TryGetProperty("id", out var id) && _calls.TryRemove(id.GetInt32(), out var waiter))
            {
                if (document.RootElement.TryGetProperty("error", out var error))
                {
                    waiter.TrySetException(new InvalidOperationException("DevTools error: " + error));
                }
                else
                {
                    waiter.TrySetResult(document.RootElement.GetProperty("result").Clone());
                }
            }
        }

        foreach (var waiter in _calls.Values)
        {
            waiter.TrySetException(new InvalidOperationException("the browser closed"));
        }
    }

    private static async Task<Uri> ReadDevToolsEndpointAsync(Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var seen = new StringBuilder();
        while (DateTime.UtcNow < deadline)
        {
            var line = await process.StandardError.ReadLineAsync().WaitAsync(deadline - DateTime.UtcNow);
            if (line is null)
            {
                break;
            }

            seen.AppendLine(line);
            var at = line.IndexOf("ws://", StringComparison.Ordinal);
            if (line.Contains("DevTools listening on", StringComparison.Ordinal) && at >= 0)
            {
                // Keep draining stderr so the browser never blocks on a full pipe.
                _ = process.StandardError.ReadToEndAsync();
                _ = process.StandardOutput.ReadToEndAsync();
                return new Uri(line[at..].Trim());
            }
        }

        throw new InvalidOperationException("chromium did not open its DevTools endpoint:\n" + seen);
    }
}
