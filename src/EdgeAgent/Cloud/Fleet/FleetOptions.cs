namespace ChargeNet.EdgeAgent.Cloud.Fleet;

/// <summary>The options of <c>chargenet-agent fleet</c>.</summary>
public sealed record FleetOptions(string Host, int Port, string? Username, string? Password, bool Tls, string? CaFile, TimeSpan? RunFor)
{
    public const string Usage = "usage: chargenet-agent fleet --broker HOST[:PORT] [--username U --password P] [--tls [--ca-file FILE]] [--for SECONDS]";

    /// <summary>The options, or the one line that says what is wrong.</summary>
    public static (FleetOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? broker = null, username = null, password = null, caFile = null;
        var tls = false;
        TimeSpan? runFor = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--tls")
            {
                tls = true;
                continue;
            }

            if (name is not ("--broker" or "--username" or "--password" or "--ca-file" or "--for"))
            {
                return (null, $"fleet: unknown option '{name}'; {Usage}");
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return (null, $"fleet: {name} needs a value");
            }

            var value = args[++i];
            switch (name)
            {
                case "--broker": broker = value; break;
                case "--username": username = value; break;
                case "--password": password = value; break;
                case "--ca-file": caFile = value; break;
                default:
                    if (!double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                    {
                        return (null, $"fleet: --for must be a number of seconds above 0, not '{value}'");
                    }

                    runFor = TimeSpan.FromSeconds(seconds);
                    break;
            }
        }

        if (broker is null)
        {
            return (null, "fleet: --broker HOST[:PORT] is required");
        }

        var (host, port, error) = SplitBroker(broker, tls ? 8883 : 1883);
        return error is not null ? (null, error) : (new FleetOptions(host!, port, username, password, tls, caFile, runFor), null);
    }

    private static (string? Host, int Port, string? Error) SplitBroker(string broker, int defaultPort)
    {
        var colon = broker.LastIndexOf(':');
        if (colon < 0)
        {
            return broker.Length > 0 ? (broker, defaultPort, null) : (null, 0, "fleet: --broker needs a host");
        }

        return colon > 0 && int.TryParse(broker.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? (broker[..colon], port, null)
            : (null, 0, $"fleet: --broker '{broker}' is not HOST[:PORT] with a port from 1 to 65535");
    }
}
