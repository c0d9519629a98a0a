using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>Checks the start-up options; each failure names the option and why.</summary>
public sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    private static readonly string[] LogLevels = ["trace", "debug", "information", "warning", "error", "critical", "none"];

    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            failures.Add("--data-dir: is empty");
        }
        else if (File.Exists(options.DataDir))
        {
            failures.Add($"--data-dir: '{options.DataDir}' is a file, not a directory");
        }

        if (options.SiteConfig is { } file && !File.Exists(file))
        {
            failures.Add($"--site-config: '{file}' does not exist");
        }

        CheckUrls("--web-urls", options.WebUrls, failures);
        CheckUrls("--ocpp-urls", options.OcppUrls, failures);

        if (!LogLevels.Contains(options.LogLevel, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"--log-level: '{options.LogLevel}' is not one of {string.Join(", ", LogLevels)}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrls(string option, string urls, List<string> failures)
    {
        var parts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            failures.Add($"{option}: is empty");
        }

        foreach (var url in parts)
        {
            // Kestrel also takes '*' and '+' as "every address"; Uri does not, so check with a stand-in.
            var checkable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(checkable, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                failures.Add($"{option}: '{url}' is not an http:// or https:// URL");
            }
            else if (uri.IsDefaultPort && !checkable.Contains(":" + uri.Port, StringComparison.Ordinal))
            {
                failures.Add($"{option}: '{url}' has no port");
            }
        }
    }
}
