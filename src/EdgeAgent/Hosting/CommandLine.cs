namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>What the command line asked for.</summary>
/// <param name="Values">Configuration keys (<c>ChargeNet:DataDir</c>, …) set on the command line.</param>
/// <param name="ShowHelp">--help was given.</param>
/// <param name="ShowVersion">--version was given.</param>
/// <param name="Error">One line naming the bad option and why; null when the line is good.</param>
public sealed record CommandLine(IReadOnlyDictionary<string, string?> Values, bool ShowHelp, bool ShowVersion, string? Error)
{
    /// <summary>With <c>--health-check URL</c>: probe that URL and exit (a container's health check; no daemon starts).</summary>
    public Uri? HealthCheckUrl { get; init; }

    /// <summary>Reads <c>--name value</c>, <c>--name=value</c> and flags; anything else is an error.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        bool help = false, version = false;
        Uri? healthCheck = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                help = true;
                continue;
            }

            if (arg == "--version")
            {
                version = true;
                continue;
            }

            if (arg == "--health-check")
            {
                if (i + 1 >= args.Count || !Uri.TryCreate(args[i + 1], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    return Fail("--health-check: needs an http:// URL to probe");
                }

                i++;
                healthCheck = url;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                return Fail($"unexpected argument '{arg}': options start with -- (see --help)");
            }

            var (name, inlineValue) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
                ? (arg[2..eq], arg[(eq + 1)..])
                : (arg[2..], null);
            var option = AgentOption.All.FirstOrDefault(o => o.Name.Equals(name, StringComparison.Ordinal));
            if (option is null)
            {
                return Fail($"--{name}: unknown option (see --help)");
            }

            string? value;
            if (option.IsFlag)
            {
                if (inlineValue is not null && !bool.TryParse(inlineValue, out _))
                {
                    return Fail($"--{name}: takes no value, or true/false, not '{inlineValue}'");
                }

                value = inlineValue ?? "true";
            }
            else if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                return Fail($"--{name}: needs a value ({option.ValueName})");
            }

            if (value.Length == 0)
            {
                return Fail($"--{name}: the value is empty");
            }

            values[AgentOptions.Section + ":" + option.Key] = value;
        }

        return new CommandLine(values, help, version, null) { HealthCheckUrl = healthCheck };

        CommandLine Fail(string error) => new(values, false, false, error);
    }
}
